// One case's whole life through the pages, each person in a browser context of their own (Debian's chromium
// through playwright-core) against the real api and worker: an inspector reports it from a phone with a photo;
// it appears on its grid manager's board without a reload and on no other grid manager's; the grid manager
// files and dispatches it, the department signs and feeds back, the grid manager approves, the inspector checks
// and the shift leader closes it, every page following live; rebuilt, the supervisor's report shows the
// street's closing rate move. With CITYGRID_SCREENSHOTS=1 it also saves docs/screenshots/full-loop.png.
import type { INestApplicationContext } from '@nestjs/common';
import type { CaseDetailDto } from '@citygrid/cases';
import { Role } from '@citygrid/common';
import { EvaluationBuilder } from '@citygrid/evaluation';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ApiClient, DEMO_PASSWORD, signIn } from '../support/api-client';
import { launchBrowsers, type TestBrowsers } from '../support/browser';
import { photo, report } from '../support/cases';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';
import { centreOf, demoCity } from '../support/demo-city-points';
import { pollUntil } from '../support/poll-until';

jest.setTimeout(120_000);

const SCREENSHOTS = process.env.CITYGRID_SCREENSHOTS === '1';
const SCREENSHOT_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };

const gridOf = (manager: string) => demoCity.responsibilityGrids.find((grid) => grid.manager === manager)!;
/** gm-1's responsibility grid, where the case is reported, and gm-2's next to it in the same street. */
const GRID = gridOf('gm-1');
const OTHER_GRID = gridOf('gm-2');
/** 望江街道, the street of both grids: its closing rate is the one that moves. */
const STREET = GRID.code.slice(0, 9);
/** The inspector whose scope is gm-1's grid, and the unit grid the phone stands in. */
const INSPECTOR = GRID.inspectors[0];
const AT = GRID.unitGridCodes[6];
/**
 * 污水井盖 (01002) is a municipal facility: the routing rules suggest the district's 市政养护所 and wait for
 * the desk, so the grid manager files and dispatches it.
 */
const MATTER = { search: '井盖', code: '01002', description: '污水井盖破损 全流程' };
const DEPARTMENT = `municipal-${STREET.slice(0, 6)}`;
const HANDLER = demoCity.users.find(
  (user) => user.departmentCode === DEPARTMENT && user.roles.includes(Role.Handler),
)!.username;

/** Today in the city, YYYY-MM-DD. */
const cityToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface Row {
  id: string;
  rates: Record<string, number | null>;
}

describe('the web app in a browser: one case from a phone report to closed, and the closing rate it moves', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let browsers: TestBrowsers;
  let dispatcher: ApiClient;
  let supervisor: ApiClient;
  let departmentId: string;
  let today: string;
  /** Each person's page, in a context of their own. */
  let reports: Page;
  let board: Page;
  let otherBoard: Page;
  let phone: Page;
  let inbox: Page;
  let shift: Page;
  /** Every socket.io frame gm-2's board received. */
  const otherFrames: string[] = [];
  /** The case already open in gm-2's grid, past its deadline. */
  let overdue: CaseDetailDto;
  /** The case the inspector reports, followed to its close. */
  let reported: CaseDetailDto;
  let rateBefore: number | null;

  const get = async (id: string) => (await dispatcher.get<CaseDetailDto>(`/api/v1/cases/${id}`)).body;
  const streetRate = async (): Promise<number | null> => {
    const answer = await supervisor.get<{ rows: Row[] }>(
      `/api/v1/evaluation/street?period=day&date=${today}`,
    );
    expect(answer.status).toBe(200);
    return answer.body.rows.find((row) => row.id === STREET)!.rates.closingRate;
  };
  const rateCell = () =>
    reports.locator(`[data-testid="ranking-row"][data-id="${STREET}"] td[data-rate="closingRate"]`);
  const row = (page: Page, status = '') =>
    page.locator(
      `[data-testid="case-row"][data-number="${reported.number}"]${status ? `[data-status="${status}"]` : ''}`,
    );
  const card = (page: Page, status: string) =>
    page.locator(`[data-testid="case-card"][data-number="${reported.number}"][data-status="${status}"]`);
  const drawer = (page: Page, status = '') =>
    page.locator(`[data-testid="case-drawer"]${status ? `[data-status="${status}"]` : ''}`);

  /** A person's own browser context, signed in through the page onto their home. */
  async function openAs(
    username: string,
    options: Parameters<TestBrowsers['newUser']>[1],
    home: RegExp,
    before?: (page: Page) => void,
  ) {
    const page = await browsers.newUser(username, options);
    before?.(page);
    await page.goto(api.url);
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(home);
    // Nothing below reloads a page: this mark would be gone.
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    return page;
  }

  /** Opens an action of the drawer, fills what it needs, sends it, and waits for the status it leads to. */
  async function act(
    page: Page,
    action: string,
    to: string,
    fill: { opinion?: string; photo?: string } = {},
  ): Promise<void> {
    const open = drawer(page);
    await open.locator(`[data-testid="actions"] button[data-action="${action}"]`).click();
    const form = open.locator(`[data-testid="action-form"][data-action="${action}"]`);
    if (fill.opinion) await form.locator('textarea[name="opinion"]').fill(fill.opinion);
    if (fill.photo) {
      await form.locator('input[name="photos"]').setInputFiles({
        name: fill.photo,
        mimeType: 'image/jpeg',
        buffer: await photo('jpeg', 1200, 900),
      });
    }
    await form.locator('[data-testid="action-submit"]').click();
    await drawer(page, to).waitFor();
  }

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    today = cityToday();
    [dispatcher, supervisor] = await Promise.all(['dispatcher', 'supervisor'].map((u) => signIn(api.url, u)));
    const db = api.app.get(DataSource);
    [{ id: departmentId }] = await db.query('SELECT id FROM departments WHERE code = $1', [DEPARTMENT]);

    // Already open in the street today, in gm-2's grid and past its deadline: the street's closing rate is
    // 0 closed / (0 + 1 open overdue) before the case under test, whatever the hour.
    const created = await report(
      await signIn(api.url, OTHER_GRID.inspectors[0]),
      centreOf(OTHER_GRID.unitGridCodes[0]),
      { matterKind: 'component', matterCode: '01002', description: '污水井盖缺失' },
      { photos: [await photo('jpeg', 320, 240)] },
    );
    expect(created.status).toBe(201);
    overdue = await pollUntil(
      async () => {
        const detail = await get(created.body.id);
        return detail.routedAt !== null && detail;
      },
      { what: 'the overdue case routed' },
    );
    await db.query(
      `UPDATE cases SET step_warn_at = now() - interval '20 minutes', step_deadline = now() - interval '1 minute' WHERE id = $1`,
      [overdue.id],
    );
    await worker.get(EvaluationBuilder).catchUp();

    browsers = await launchBrowsers();
  });

  afterAll(async () => {
    await browsers?.close();
    await worker?.close();
    await api?.close();
  });

  it('shows the supervisor today’s street ranking with the street’s closing rate', async () => {
    reports = await openAs('supervisor', { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }, /#\/reports$/);
    await reports.locator('[data-testid="reports"][data-loaded="true"]').waitFor();
    await reports.locator('[data-testid="report-period"]').selectOption('day');
    await reports
      .locator(`[data-testid="reports"][data-loaded="true"][data-from="${today}"][data-to="${today}"]`)
      .waitFor();

    rateBefore = await streetRate();
    expect(rateBefore).toBe(0);
    await rateCell()
      .and(reports.locator(`[data-value="${rateBefore}"]`))
      .waitFor();
    expect(await rateCell().textContent()).toBe('0.0%');
  });

  it('has both grid managers’ boards, the shift leader’s and the department’s inbox open, each with its own cases', async () => {
    const desk = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: DESK };
    [board, otherBoard, shift, inbox] = await Promise.all([
      openAs('gm-1', { ...desk, viewport: { width: 1920, height: 1080 } }, /#\/board$/),
      // Every socket.io frame gm-2's board gets, from its first connection on.
      openAs('gm-2', desk, /#\/board$/, (page) =>
        page.on('websocket', (socket) =>
          socket.on('framereceived', ({ payload }) => otherFrames.push(String(payload))),
        ),
      ),
      openAs('shiftleader', desk, /#\/board$/),
      openAs(HANDLER, desk, /#\/inbox$/),
    ]);
    for (const page of [board, otherBoard, shift]) {
      await page.locator('[data-testid="board"][data-loaded="true"]').waitFor();
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    }
    await inbox.locator('[data-testid="inbox-page"][data-loaded="true"]').waitFor();
    await inbox.locator('[data-testid="connection"][data-state="live"]').waitFor();
    await inbox.locator('[data-testid="inbox-page"] .empty').waitFor();
    await board.locator('[data-testid="board"] .empty').waitFor();
    await otherBoard.locator(`[data-testid="case-row"][data-number="${overdue.number}"]`).waitFor();
    await otherBoard.locator('[data-testid="count-total"]:text-is("1")').waitFor();
    // Its socket's connection was seen: the handshake and the connect packet.
    expect(otherFrames.some((frame) => frame.startsWith('40'))).toBe(true);
  });

  it('lets the inspector report from a phone with a photo, onto gm-1’s board live and not gm-2’s', async () => {
    phone = await openAs(
      INSPECTOR,
      {
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        permissions: ['geolocation'],
        geolocation: { longitude: centreOf(AT)[0], latitude: centreOf(AT)[1], accuracy: 8 },
      },
      /#\/report$/,
    );
    await phone.locator('[data-testid="use-position"]').tap();
    await phone.locator(`[data-testid="located"][data-state="located"][data-unit-grid="${AT}"]`).waitFor();
    await phone.locator('[data-testid="matter-search"]').fill(MATTER.search);
    await phone.locator(`[data-testid="matter-option"][data-code="${MATTER.code}"]`).tap();
    await phone.locator(`[data-testid="matter-chosen"][data-code="${MATTER.code}"]`).waitFor();
    await phone.locator('[data-testid="condition"]').first().locator('input').check();
    await phone.locator('textarea[name="description"]').fill(MATTER.description);
    await phone.locator('input[name="photos"]').setInputFiles({
      name: 'manhole.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo('jpeg', 1600, 1200),
    });
    await phone.locator('[data-testid="report-photos"][data-count="1"][data-busy="false"]').waitFor();
    await phone.locator('[data-testid="report-submit"]').tap();
    await phone.locator('[data-testid="report-result"][data-state="sent"]').waitFor();
    const number = await phone.locator('[data-testid="report-result"]').getAttribute('data-number');

    // On gm-1's board without a reload; its drawer shows the report, the photo, and routing's entry.
    await board.locator(`[data-testid="case-row"][data-number="${number}"]`).waitFor();
    const id = (await board
      .locator(`[data-testid="case-row"][data-number="${number}"]`)
      .getAttribute('data-case-id'))!;
    reported = await get(id);
    expect(reported).toMatchObject({
      number,
      source: 'inspector',
      matterCode: MATTER.code,
      description: MATTER.description,
      location: { unitGridCode: AT, responsibilityGridCode: GRID.code, streetCode: STREET },
    });
    expect(reported.photos).toHaveLength(1);
    await board.locator('[data-testid="count-total"]:text-is("1")').waitFor();
    await row(board).click();
    await drawer(board).locator('[data-testid="timeline-entry"][data-action="route"]').waitFor();
    await drawer(board).locator('[data-testid="photo"] img').waitFor();
    // Routing (in the worker) made it gm-1's and suggested the district's municipal unit.
    const [{ id: gm1 }] = await api.app
      .get(DataSource)
      .query('SELECT id FROM users WHERE username = $1', ['gm-1']);
    expect(await get(id)).toMatchObject({ ownerId: gm1, routedDepartmentId: departmentId });

    // Not on gm-2's board: its own case only, and no word of this one reached it.
    await row(shift).waitFor();
    expect(await otherBoard.locator('[data-testid="case-row"]').count()).toBe(1);
    expect(await row(otherBoard).count()).toBe(0);
    expect(otherFrames.some((frame) => frame.includes(id))).toBe(false);
  });

  it('lets gm-1 file and dispatch it through the drawer, into the chosen department’s inbox', async () => {
    await act(board, 'file', 'PENDING_DISPATCH');
    await row(board, 'PENDING_DISPATCH').waitFor();

    const open = drawer(board);
    await open.locator('[data-testid="actions"] button[data-action="dispatch"]').click();
    const department = open.locator('select[name="departmentId"]');
    // The routing rules' suggestion comes first and is chosen; the grid manager chooses it again.
    expect(await department.inputValue()).toBe(departmentId);
    await department.selectOption(departmentId);
    await open.locator('textarea[name="opinion"]').fill('请尽快更换井盖');
    await open.locator('[data-testid="action-submit"]').click();
    await drawer(board, 'DISPATCHED').waitFor();
    await row(board, 'DISPATCHED').waitFor();
    await drawer(board).locator('[data-testid="timeline-entry"][data-action="dispatch"]').waitFor();
    expect(await get(reported.id)).toMatchObject({ status: 'DISPATCHED', departmentId });
    // In the department's open inbox, without a reload.
    await card(inbox, 'DISPATCHED').waitFor();
  });

  it('lets the department’s handler sign it and feed back with a photo in the inbox', async () => {
    await card(inbox, 'DISPATCHED').click();
    await act(inbox, 'sign', 'HANDLING');
    await card(inbox, 'HANDLING').waitFor();
    await drawer(board, 'HANDLING').waitFor();

    await act(inbox, 'feedback', 'PENDING_REVIEW', { opinion: '已更换新井盖', photo: 'after.jpg' });
    const fed = await get(reported.id);
    expect(fed.activities.at(-1)).toMatchObject({ action: 'feedback', opinion: '已更换新井盖' });
    expect(fed.photos.filter((p) => p.stage === 'handling')).toHaveLength(1);
  });

  it('lets gm-1 approve the feedback, and the inspector pass the check with a photo in my tasks', async () => {
    await phone.locator('nav a[href="#/tasks"]').tap();
    await phone.waitForURL(/#\/tasks$/);
    await phone.locator('[data-testid="tasks-page"][data-loaded="true"]').waitFor();

    // gm-1's open drawer followed the department's changes by itself.
    await drawer(board, 'PENDING_REVIEW').waitFor();
    await row(board, 'PENDING_REVIEW').waitFor();
    await act(board, 'approve_feedback', 'CHECKING');

    await card(phone, 'CHECKING').locator('.task-kind').waitFor();
    await card(phone, 'CHECKING').tap();
    await act(phone, 'check_passed', 'PENDING_CLOSE', { opinion: '现场已修复', photo: 'check.jpg' });
    await drawer(phone).locator('button.close').tap();
    await phone.locator('[data-testid="tasks-page"] .empty').waitFor();
    expect((await get(reported.id)).photos.filter((p) => p.stage === 'check')).toHaveLength(1);
  });

  it('lets the shift leader close it through the board, which takes it off the boards', async () => {
    await row(shift, 'PENDING_CLOSE').click();
    await act(shift, 'close', 'CLOSED');
    await row(shift).waitFor({ state: 'detached' });
    await row(board).waitFor({ state: 'detached' });
    await board.locator('[data-testid="board"] .empty').waitFor();
    // gm-1's drawer, still open on it, says the case left the board.
    await drawer(board).locator('[data-testid="drawer-notice"]:has-text("此案件已离开监控")').waitFor();
    await drawer(board, 'CLOSED').locator('[data-testid="timeline-entry"][data-action="close"]').waitFor();

    const closed = await get(reported.id);
    expect(closed.status).toBe('CLOSED');
    expect(closed.activities.map((a) => a.action)).toEqual(
      expect.arrayContaining(['report', 'route', 'file', 'dispatch', 'sign', 'feedback']),
    );
    expect(closed.activities.slice(-3).map((a) => a.action)).toEqual([
      'approve_feedback',
      'check_passed',
      'close',
    ]);

    if (SCREENSHOTS) {
      await board.locator('[data-testid="board-map"][data-ready="true"][data-idle="true"]').waitFor();
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await board.screenshot({ path: join(SCREENSHOT_DIR, 'full-loop.png') });
    }
  });

  it('shows the supervisor the street’s closing rate changed once the snapshots are built again', async () => {
    await worker.get(EvaluationBuilder).catchUp();
    const after = await streetRate();
    // 1 closed / (1 + 1 open overdue).
    expect(after).toBe(0.5);
    expect(after).not.toBe(rateBefore);

    await reports.locator('[data-testid="report-refresh"]').click();
    await rateCell()
      .and(reports.locator(`[data-value="${after}"]`))
      .waitFor();
    expect(await rateCell().textContent()).toBe('50.0%');
    await reports
      .locator(`[data-testid="ranking-row"][data-id="${STREET}"] td[data-counter="closed"]:text-is("1")`)
      .waitFor();

    for (const page of [reports, board, otherBoard, phone, inbox, shift]) {
      expect(await page.evaluate(() => 'sameDocument' in globalThis)).toBe(true);
    }
    // gm-2 heard nothing of the case from start to close, and stayed connected.
    expect(otherFrames.some((frame) => frame.includes(reported.id))).toBe(false);
    await otherBoard.locator('[data-testid="connection"][data-state="live"]').waitFor();
    expect(browsers.errors).toEqual([]);
  });
});
