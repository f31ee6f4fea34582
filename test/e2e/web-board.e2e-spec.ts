// The web app in a real browser (Debian's chromium through playwright-core) against the real api and worker:
// sign-in, role homes, the live board kept current over socket.io without a reload, the case drawer and an
// action taken through it. With CITYGRID_SCREENSHOTS=1 it also saves the pictures of docs/screenshots/.
import type { INestApplicationContext } from '@nestjs/common';
import type { BoardSnapshot } from '@citygrid/board';
import type { CaseDetailDto } from '@citygrid/cases';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, WebSocketRoute } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ApiClient, DEMO_PASSWORD, signIn } from '../support/api-client';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { act, photo, report } from '../support/cases';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';
import { centreOf, demoCity } from '../support/demo-city-points';
import { pollUntil } from '../support/poll-until';

jest.setTimeout(120_000);

const SCREENSHOTS = process.env.CITYGRID_SCREENSHOTS === '1';
const SCREENSHOT_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');

/** Matters by what routing does with an inspector's report of them in the demo city. */
const GARBAGE = { matterKind: 'event', matterCode: '06010', description: '人行道上垃圾堆积约 2 平方米' }; // auto-dispatched
const MANHOLE = { matterKind: 'component', matterCode: '01002', description: '污水井盖破损' }; // waits for filing
const PARKING = { matterKind: 'event', matterCode: '09009', description: '机动车占用人行道停放' }; // waits for filing

/** Where the case under test is reported: inspector-1's grid, which gm-1 manages. */
const GRID = '330191001001001';

describe('the web app in a browser: sign-in and the live board', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let browser: TestBrowser;
  let page: Page;
  let acceptor: ApiClient;
  let dispatcher: ApiClient;
  let image: Buffer;
  /** Cases on the board before the dispatcher signs in: the snapshot's. */
  const seeded: CaseDetailDto[] = [];
  /** The case reported while the board is open, followed through the rest. */
  let watched: CaseDetailDto;
  /** The page's socket.io connections, routed through the test so it can cut them. */
  const sockets: WebSocketRoute[] = [];
  let offline = false;

  const caseRow = (number: string) => page.locator(`[data-testid="case-row"][data-number="${number}"]`);
  const drawer = () => page.locator('[data-testid="case-drawer"]');
  const text = async (selector: string) => (await page.locator(selector).textContent())?.trim();
  const get = async (id: string) => (await dispatcher.get<CaseDetailDto>(`/api/v1/cases/${id}`)).body;
  const routed = (id: string) =>
    pollUntil(
      async () => {
        const detail = await get(id);
        return detail.routedAt !== null && detail;
      },
      { what: `case ${id} routed` },
    );

  /** Saves docs/screenshots/<name>.png once the map (if any) has drawn everything. */
  async function screenshot(name: string, target = page): Promise<void> {
    if (!SCREENSHOTS) return;
    if (await target.locator('[data-testid="board-map"]').count()) {
      await target.locator('[data-testid="board-map"][data-ready="true"][data-idle="true"]').waitFor();
    }
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await target.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  }

  async function signInThroughPage(target: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
    await target.locator('input[name="username"]').fill(username);
    await target.locator('input[name="password"]').fill(password);
    await target.locator('button[type="submit"]').click();
  }

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    image = await photo('jpeg', 640, 480);
    [acceptor, dispatcher] = await Promise.all([signIn(api.url, 'acceptor'), signIn(api.url, 'dispatcher')]);

    // Eleven reports across the city, by the inspectors of every ninth responsibility grid.
    const grids = demoCity.responsibilityGrids.filter((_, i) => i % 9 === 4);
    for (const [i, grid] of grids.entries()) {
      const inspector = await signIn(api.url, grid.inspectors[0]);
      const matter = [GARBAGE, MANHOLE, PARKING][i % 3];
      const at = centreOf(grid.unitGridCodes[(i * 7) % grid.unitGridCodes.length]);
      const created = await report(inspector, at, matter, { photos: [image] });
      expect(created.status).toBe(201);
      seeded.push(created.body);
    }
    const settled = await Promise.all(seeded.map((c) => routed(c.id)));
    // Some filed by the desk, so several statuses show.
    const waiting = settled.filter((c) => c.status === 'REPORTED');
    for (const c of waiting.slice(0, 3)) expect((await act(acceptor, c, 'file')).status).toBe(200);
    // Two made late, as the day's clock would: one in its warning time, one past its deadline.
    const dataSource = api.app.get(DataSource);
    const [late, warned] = settled.filter((c) => c.status === 'DISPATCHED');
    await dataSource.query(
      `UPDATE cases SET step_warn_at = now() - interval '20 minutes', step_deadline = now() - interval '1 minute' WHERE id = $1`,
      [late.id],
    );
    await dataSource.query(
      `UPDATE cases SET step_warn_at = now() - interval '1 minute', step_deadline = now() + interval '1 hour' WHERE id = $1`,
      [warned.id],
    );

    // A browser in New York, so dates shown in Shanghai time prove they do not follow the browser's zone.
    browser = await launchBrowser({ locale: 'zh-CN', timezoneId: 'America/New_York' });
    page = await browser.newPage();
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      if (offline) return ws.close();
      sockets.push(ws);
      ws.connectToServer();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  it('signs a dispatcher in through the page, onto the live board with the snapshot’s cases and counts', async () => {
    await page.goto(api.url);
    await page.waitForURL(/#\/sign-in$/);
    await screenshot('sign-in');

    // A wrong password: the server's own message and code.
    await signInThroughPage(page, 'dispatcher', 'not-the-password');
    await page.locator('[data-testid="sign-in-error"]').waitFor();
    expect(await text('[data-testid="sign-in-error"]')).toContain('INVALID_CREDENTIALS');
    // The browser logs that 401 as a failed resource: expected, and the only error allowed.
    browser.errors.splice(0);

    await signInThroughPage(page, 'dispatcher');
    await page.waitForURL(/#\/board$/);
    await page.locator('[data-testid="board"][data-loaded="true"]').waitFor();
    // Nothing below reloads the page: this mark would be gone.
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));

    const snapshot = (await dispatcher.get<BoardSnapshot>('/api/v1/board/snapshot')).body;
    expect(snapshot.cases.length).toBe(seeded.length);
    for (const c of seeded) await caseRow(c.number).waitFor();
    expect(await page.locator('[data-testid="case-row"]').count()).toBe(seeded.length);
    expect(await text('[data-testid="count-total"]')).toBe(String(seeded.length));
    for (const [status, n] of Object.entries(snapshot.counts.byStatus)) {
      expect(await text(`[data-testid="count-status-${status}"] strong`)).toBe(String(n));
    }
    expect(snapshot.counts.byLight).toMatchObject({ red: 1, yellow: 1 });
    for (const [light, n] of Object.entries(snapshot.counts.byLight)) {
      expect(await text(`[data-testid="count-light-${light}"] strong`)).toBe(String(n));
    }
    // Red first on the list.
    expect(await page.locator('[data-testid="case-row"]').first().getAttribute('data-light')).toBe('red');
    await page
      .locator(`[data-testid="board-map"][data-ready="true"][data-markers="${seeded.length}"]`)
      .waitFor();
    expect(await text('[data-testid="who"]')).toContain('派遣员');
    await screenshot('board');
  });

  it('shows a case reported through the API on the board without a reload', async () => {
    const inspector = await signIn(api.url, 'inspector-1');
    const created = await report(inspector, centreOf(GRID), MANHOLE, { photos: [image] });
    expect(created.status).toBe(201);
    watched = created.body;

    await caseRow(watched.number).waitFor();
    await page.locator(`[data-testid="count-total"]:text-is("${seeded.length + 1}")`).waitFor();
    await page.locator(`[data-testid="board-map"][data-markers="${seeded.length + 1}"]`).waitFor();
    expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
  });

  it('opens the case in a drawer with its details, photo and timeline, dated in the city’s time zone', async () => {
    await caseRow(watched.number).click();
    await page.waitForURL(new RegExp(`#/board\\?case=${watched.id}$`));
    await drawer().locator('[data-testid="timeline-entry"][data-action="report"]').waitFor();
    // Routing's entry arrives with the routed case (the drawer follows the board's newer version).
    await drawer().locator('[data-testid="timeline-entry"][data-action="route"]').waitFor();
    await drawer().locator('[data-testid="photo"] img').waitFor();
    expect(await drawer().textContent()).toContain(MANHOLE.description);

    const detail = await routed(watched.id);
    const reported = detail.activities.find((a) => a.action === 'report')!;
    const shanghai = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(reported.endedAt));
    expect(await drawer().locator('[data-action="report"] time').textContent()).toBe(shanghai);
    // A dispatcher may only ask to cancel a case still waiting to be filed.
    const offered = await drawer()
      .locator('[data-testid="actions"] button')
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-action')));
    expect(offered).toEqual(detail.allowedActions);
  });

  it('follows a change made elsewhere, then dispatches the case through the drawer and updates live', async () => {
    const before = Number(await text('[data-testid="count-status-DISPATCHED"] strong'));
    const filed = await act(acceptor, await get(watched.id), 'file');
    expect(filed.status).toBe(200);

    await page
      .locator(`[data-testid="case-row"][data-number="${watched.number}"][data-status="PENDING_DISPATCH"]`)
      .waitFor();
    await page.locator('[data-testid="case-drawer"][data-status="PENDING_DISPATCH"]').waitFor();
    await drawer().locator('[data-testid="timeline-entry"][data-action="file"]').waitFor();

    await drawer().locator('button[data-action="dispatch"]').click();
    const department = drawer().locator('select[name="departmentId"]');
    // The routing rules' suggestion is chosen already.
    expect(await department.inputValue()).toBe(filed.body.routedDepartmentId);
    await drawer().locator('textarea[name="opinion"]').fill('请尽快处置');
    await screenshot('case-drawer');
    await drawer().locator('[data-testid="action-submit"]').click();

    await page
      .locator(`[data-testid="case-row"][data-number="${watched.number}"][data-status="DISPATCHED"]`)
      .waitFor();
    await page.locator('[data-testid="case-drawer"][data-status="DISPATCHED"]').waitFor();
    await drawer().locator('[data-testid="timeline-entry"][data-action="dispatch"]').waitFor();
    await page.locator(`[data-testid="count-status-DISPATCHED"] strong:text-is("${before + 1}")`).waitFor();

    const after = await get(watched.id);
    expect(after).toMatchObject({ status: 'DISPATCHED', departmentId: filed.body.routedDepartmentId });
    expect(after.activities.at(-1)).toMatchObject({ action: 'dispatch', opinion: '请尽快处置' });
    expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
  });

  it('catches up through board.sync after its connection was lost', async () => {
    await page.locator('[data-testid="case-drawer"] button.close').click();
    await page.waitForURL(/#\/board$/);
    const current = (await Promise.all(seeded.map((c) => get(c.id)))).find((c) => c.status === 'REPORTED')!;

    offline = true;
    sockets.splice(0).forEach((ws) => ws.close());
    await page.locator('[data-testid="connection"][data-state="offline"]').waitFor();
    // Changed while the board cannot hear it.
    expect((await act(acceptor, current, 'file')).status).toBe(200);
    offline = false;

    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    await page
      .locator(`[data-testid="case-row"][data-number="${current.number}"][data-status="PENDING_DISPATCH"]`)
      .waitFor();
    expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
  });

  it('filters the list by light and status from the counters and the filters', async () => {
    await page.locator('[data-testid="count-light-red"]').click();
    await page.locator('[data-testid="list-title"][data-shown="1"]').waitFor();
    expect(await page.locator('[data-testid="case-row"]').count()).toBe(1);
    await page.locator('[data-testid="count-light-red"]').click();

    await page.locator('[data-testid="filter-status"]').selectOption('DISPATCHED');
    const dispatched = Number(await text('[data-testid="count-status-DISPATCHED"] strong'));
    await page.locator(`[data-testid="list-title"][data-shown="${dispatched}"]`).waitFor();
    const statuses = await page
      .locator('[data-testid="case-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(new Set(statuses)).toEqual(new Set(['DISPATCHED']));
    await page.locator('[data-testid="filter-status"]').selectOption('');
  });

  it('switches between Chinese and English in the header', async () => {
    await page.locator('[data-testid="language"]').selectOption('en');
    await page.locator('nav a[aria-current="page"]:text-is("Live board")').waitFor();
    expect(await text('[data-testid="who"]')).toContain('Dispatcher');
    await page.locator('[data-testid="language"]').selectOption('zh-CN');
    await page.locator('nav a[aria-current="page"]:text-is("实时监控")').waitFor();
  });

  it('takes each role to its home, and signs out', async () => {
    const tab = await browser.newPage();
    const homes: Array<[string, RegExp, string]> = [
      ['inspector-1', /#\/report$/, '监督员'],
      ['handler-sanitation-1', /#\/inbox$/, '部门处置人员'],
      ['supervisor', /#\/reports$/, '考评人员'],
      ['admin', /#\/admin$/, '系统管理员'],
      ['gm-1', /#\/board$/, '网格长'],
    ];
    await tab.goto(api.url);
    for (const [username, home, role] of homes) {
      await tab.locator('input[name="username"]').waitFor();
      await signInThroughPage(tab, username);
      await tab.waitForURL(home);
      expect(await tab.locator('[data-testid="who"]').textContent()).toContain(role);
      // The inspector's and the department's pages (web-inspector-inbox.e2e-spec.ts tests them).
      if (username === 'inspector-1') await tab.locator('[data-testid="report-page"]').waitFor();
      if (username === 'handler-sanitation-1') {
        await tab.locator('[data-testid="inbox-page"][data-loaded="true"]').waitFor();
      }
      if (username === 'gm-1') {
        // A grid manager's board holds the cases of the grid only: the one reported there.
        await tab.locator('[data-testid="board"][data-loaded="true"]').waitFor();
        await tab.locator(`[data-testid="case-row"][data-number="${watched.number}"]`).waitFor();
        expect(await tab.locator('[data-testid="case-row"]').count()).toBe(1);
      }
      await tab.locator('button:text-is("退出")').click();
      await tab.waitForURL(/#\/sign-in$/);
    }
    expect(browser.errors).toEqual([]);
  });
});
