// The supervisor's reports and the admin pages in a real browser (Debian's chromium through playwright-core)
// against the real api and worker: rankings, charts and the closure map from the evaluation snapshots, an
// export, a case closed and the rate following it; an admin creating a user and testing the routing rules.
// With CITYGRID_SCREENSHOTS=1 it also saves docs/screenshots/reports.png and admin.png.
import type { INestApplicationContext } from '@nestjs/common';
import { CaseAction as A, CaseSource, type CaseDetailDto } from '@citygrid/cases';
import { EvaluationBuilder } from '@citygrid/evaluation';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ApiClient, DEMO_PASSWORD, signIn } from '../support/api-client';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { act, photo, report } from '../support/cases';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';
import { centreOf, demoCity } from '../support/demo-city-points';
import { insertScenario, type ScenarioCase, type ScenarioStep } from '../support/evaluation-scenario';
import { pollUntil } from '../support/poll-until';

jest.setTimeout(240_000);

const SCREENSHOTS = process.env.CITYGRID_SCREENSHOTS === '1';
const SCREENSHOT_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');

/** One unit grid in each of three of the demo city's four streets; 半山街道 (330192002) gets one case only. */
const U1 = '330191001001001'; // 望江街道
const U2 = '330191002001001'; // 清波街道
const U3 = '330192001001001'; // 湖墅街道
const U4 = '330192002001001'; // 半山街道
const S1 = '330191001';

const inspectorOf = (unitGrid: string): string =>
  demoCity.responsibilityGrids.find((grid) => grid.unitGridCodes.includes(unitGrid))!.inspectors[0];
/** The municipal department and its handler for the district of a unit grid. */
const municipal = (unitGrid: string) =>
  unitGrid.startsWith('330191')
    ? { department: 'municipal-330191', handler: 'handler-municipal-1' }
    : { department: 'municipal-330192', handler: 'handler-municipal-2' };

/**
 * History written straight into the database on five past days (2026, as the scenario helper writes them):
 * cases closed on time or late, and some left open past their deadline, so the rankings, the trend and the
 * map have something to show before today's cases.
 */
const HISTORY_FROM = '2026-11-16';

function pastCase(
  key: string,
  unitGrid: string,
  day: string,
  outcome: 'onTime' | 'late' | 'open',
): ScenarioCase {
  const inspector = inspectorOf(unitGrid);
  const { department, handler } = municipal(unitGrid);
  const steps: ScenarioStep[] = [
    [A.File, `${day} 09:05`, 'acceptor'],
    [A.Dispatch, `${day} 09:12`, 'dispatcher', { department }],
  ];
  if (outcome !== 'open') {
    // Handling is due 4 hours after dispatch (13:12): feedback at 11:00 is on time, at 14:00 late.
    const feedback = outcome === 'onTime' ? '11:00' : '14:00';
    steps.push(
      [A.Sign, `${day} 09:40`, handler],
      [A.Feedback, `${day} ${feedback}`, handler],
      [A.ApproveFeedback, `${day} ${feedback.replace(/:00$/, ':10')}`, 'dispatcher'],
      [A.CheckPassed, `${day} ${feedback.replace(/:00$/, ':30')}`, inspector],
      [A.Close, `${day} ${feedback.replace(/:00$/, ':40')}`, 'shiftleader'],
    );
  }
  return {
    key,
    unitGrid,
    source: CaseSource.Inspector,
    reporter: inspector,
    reportedAt: `${day} 09:00`,
    matter: 'municipal',
    steps,
  };
}

const HISTORY: ScenarioCase[] = [
  pastCase('H01', U1, '11-16', 'onTime'),
  pastCase('H02', U1, '11-17', 'late'),
  pastCase('H03', U1, '11-18', 'onTime'),
  pastCase('H04', U1, '11-19', 'open'),
  pastCase('H05', U2, '11-16', 'onTime'),
  pastCase('H06', U2, '11-18', 'onTime'),
  pastCase('H07', U2, '11-20', 'late'),
  pastCase('H08', U3, '11-17', 'onTime'),
  pastCase('H09', U3, '11-19', 'open'),
  pastCase('H10', U3, '11-20', 'open'),
  pastCase('H11', U4, '11-18', 'onTime'),
];

/** Today in the city, YYYY-MM-DD. */
const cityToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** The report's first day: the history's, unless the API's longest range (1098 days) has left it behind. */
const rangeFrom = (today: string) =>
  Date.parse(today) - Date.parse(HISTORY_FROM) <= 1000 * 86_400_000 ? HISTORY_FROM : `${today.slice(0, 8)}01`;

interface Row {
  id: string;
  name: string | null;
  rates: Record<string, number | null>;
  score: number | null;
  rank: number | null;
}
interface Table {
  from: string;
  to: string;
  asOf: string | null;
  complete: boolean;
  rows: Row[];
}

describe('the web app in a browser: supervisor reports and administration', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let browser: TestBrowser;
  let page: Page;
  let supervisor: ApiClient;
  let image: Buffer;
  const as: Record<string, ApiClient> = {};
  const departments = new Map<string, string>();
  /** A case of today left open past its deadline in 望江街道: closed later, which moves the street's rate. */
  let pending: CaseDetailDto;
  let today: string;
  let from: string;

  const query = () => `from=${from}&to=${today}`;
  const street = async (): Promise<Table> => {
    const answer = await supervisor.get<Table>(`/api/v1/evaluation/street?${query()}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const rateCell = (id: string, rate: string) =>
    page.locator(`[data-testid="ranking-row"][data-id="${id}"] td[data-rate="${rate}"]`);

  /** Saves docs/screenshots/<name>.png (1920×1080) once every chart on it has drawn. */
  async function screenshot(name: string, target = page): Promise<void> {
    if (!SCREENSHOTS) return;
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await target.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  }

  async function signInThroughPage(target: Page, username: string): Promise<void> {
    await target.locator('input[name="username"]').fill(username);
    await target.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await target.locator('button[type="submit"]').click();
  }

  /** A case reported by the grid's inspector today, once the worker has routed it. */
  async function reportToday(unitGrid: string): Promise<CaseDetailDto> {
    const created = await report(
      as[inspectorOf(unitGrid)],
      centreOf(unitGrid),
      { matterKind: 'component', matterCode: '01034', conditionKey: 'd', description: '不明立杆倾斜' },
      { photos: [image] },
    );
    expect(created.status).toBe(201);
    return pollUntil(
      async () => {
        const c = (await supervisor.get<CaseDetailDto>(`/api/v1/cases/${created.body.id}`)).body;
        return c.routedAt ? c : undefined;
      },
      { what: `routing of case ${created.body.number}` },
    );
  }

  /** Drives a case from wherever it stands (reported) to closed, through the api as each role would. */
  async function close(seen: CaseDetailDto, unitGrid: string): Promise<CaseDetailDto> {
    const { department, handler } = municipal(unitGrid);
    const steps: Array<[string, A, Record<string, unknown>, number]> = [
      ['acceptor', A.File, {}, 0],
      ['dispatcher', A.Dispatch, { departmentId: departments.get(department) }, 0],
      [handler, A.Sign, {}, 0],
      [handler, A.Feedback, { opinion: '已加固' }, 1],
      ['dispatcher', A.ApproveFeedback, {}, 0],
      [inspectorOf(unitGrid), A.CheckPassed, { opinion: '现场已处理' }, 1],
      ['shiftleader', A.Close, {}, 0],
    ];
    let current = seen;
    for (const [who, action, fields, photos] of steps) {
      const answer = await act(as[who], current, action, fields, {
        photos: Array<Buffer>(photos).fill(image),
      });
      if (answer.status !== 200)
        throw new Error(`${action} by ${who}: ${answer.status} ${JSON.stringify(answer.body)}`);
      current = answer.body;
    }
    expect(current.status).toBe('CLOSED');
    return current;
  }

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    image = await photo('jpeg', 320, 240);
    today = cityToday();
    from = rangeFrom(today);
    const db = api.app.get(DataSource);
    for (const { code, id } of await db.query('SELECT code, id FROM departments')) departments.set(code, id);
    const people = [
      'supervisor',
      'acceptor',
      'dispatcher',
      'shiftleader',
      'handler-municipal-1',
      'handler-municipal-2',
      ...[U1, U2, U3].map(inspectorOf),
    ];
    for (const username of people) as[username] = await signIn(api.url, username);
    supervisor = as.supervisor;

    await insertScenario(db, HISTORY);
    // Today: one case closed in each of two streets, and one left waiting past its deadline in 望江街道.
    await close(await reportToday(U1), U1);
    await close(await reportToday(U2), U2);
    pending = await reportToday(U1);
    await db.query(
      `UPDATE cases SET step_warn_at = now() - interval '20 minutes', step_deadline = now() - interval '1 minute' WHERE id = $1`,
      [pending.id],
    );
    await worker.get(EvaluationBuilder).catchUp();

    browser = await launchBrowser({ locale: 'zh-CN', timezoneId: 'America/New_York', acceptDownloads: true });
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  it('signs the supervisor in onto the reports: the street ranking as the API has it, with charts and a map', async () => {
    await page.goto(api.url);
    await signInThroughPage(page, 'supervisor');
    await page.waitForURL(/#\/reports$/);
    await page.locator('[data-testid="reports"][data-loaded="true"][data-type="street"]').waitFor();
    // The default is this month; the history starts earlier: a range of days, chosen through the controls.
    await page.locator('[data-testid="report-period"]').selectOption('range');
    await page.locator('[data-testid="report-from"]').fill(from);
    await page
      .locator(`[data-testid="reports"][data-loaded="true"][data-from="${from}"][data-to="${today}"]`)
      .waitFor();

    const table = await street();
    expect(table.complete).toBe(true);
    expect(table.rows).toHaveLength(4);
    const s1 = table.rows.find((row) => row.id === S1)!;
    // 望江街道: H01 H02 H03 and today's first case closed; H04 and the pending case open past their deadlines.
    expect(s1.rates.closingRate).toBeCloseTo(4 / 6, 4);
    for (const row of table.rows) {
      await page
        .locator(`[data-testid="ranking-row"][data-id="${row.id}"][data-rank="${row.rank ?? ''}"]`)
        .waitFor();
      expect(await rateCell(row.id, 'closingRate').getAttribute('data-value')).toBe(
        String(row.rates.closingRate ?? ''),
      );
    }
    expect(await rateCell(S1, 'closingRate').textContent()).toBe(
      `${((s1.rates.closingRate ?? 0) * 100).toFixed(1)}%`,
    );
    expect(await page.locator('[data-testid="as-of"]').getAttribute('data-as-of')).toBe(table.asOf);
    expect(await page.locator('[data-testid="incomplete"]').count()).toBe(0);

    // The bars and the map draw on canvas; a click on a row shows its days.
    await page.locator('[data-testid="ranking-chart"][data-ready="true"] canvas').waitFor();
    await page.locator('[data-testid="closure-map"][data-ready="true"] canvas').waitFor();
    expect(await page.locator('[data-testid="map-measured"]').getAttribute('data-measured')).toBe(
      String(table.rows.filter((row) => row.rates.closingRate !== null).length),
    );
    await page.locator(`[data-testid="ranking-row"][data-id="${S1}"]`).click();
    await page.waitForURL(new RegExp(`object=${S1}`));
    await page.locator('[data-testid="trend-chart"][data-ready="true"] canvas').waitFor();
    await page.locator('[data-testid="outstanding-row"]').first().waitFor();
    expect(await page.locator(`[data-testid="outstanding-row"][data-area="${S1}"]`).count()).toBeGreaterThan(
      0,
    );
    await screenshot('reports');
    expect(browser.errors).toEqual([]);
  });

  it('exports the ranking as CSV through the page, with the header first', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="export-csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`evaluation-street-${from}-${today}.csv`);
    const text = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [header] = text.split('\r\n');
    expect(header.startsWith('rank,id,name,score,grade,')).toBe(true);
    const fromApi = await supervisor.request<string>(
      'GET',
      `/api/v1/evaluation/street?${query()}&format=csv`,
    );
    expect(header).toBe(fromApi.body.replace(/^\uFEFF/, '').split('\r\n')[0]);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(5);
  });

  it('shows the closing rate move once one more case is closed and the snapshots are rebuilt', async () => {
    const before = (await street()).rows.find((row) => row.id === S1)!.rates.closingRate;
    await close(pending, U1);
    await worker.get(EvaluationBuilder).build(today);
    const after = (await street()).rows.find((row) => row.id === S1)!.rates.closingRate;
    expect(after).toBeCloseTo(5 / 6, 4);
    expect(after).not.toBe(before);

    await page.reload();
    await page.locator(`[data-testid="reports"][data-loaded="true"][data-from="${from}"]`).waitFor();
    await page
      .locator(
        `[data-testid="ranking-row"][data-id="${S1}"] td[data-rate="closingRate"][data-value="${after}"]`,
      )
      .waitFor();
    expect(await rateCell(S1, 'closingRate').textContent()).toBe(`${((after ?? 0) * 100).toFixed(1)}%`);
    expect(browser.errors).toEqual([]);
  });

  it('lets an admin create a user through the page, which the API then has', async () => {
    const tab = await browser.newPage();
    await tab.goto(api.url);
    await signInThroughPage(tab, 'admin');
    await tab.waitForURL(/#\/admin$/);
    await tab.locator('[data-testid="users"][data-loaded="true"]').waitFor();

    const username = `inspector-web-${Date.now() % 100_000}`;
    await tab.locator('[data-testid="user-new"]').click();
    const form = tab.locator('[data-testid="user-form"]');
    await form.locator('input[name="username"]').fill(username);
    await form.locator('input[name="displayName"]').fill('网页新建监督员');
    await form.locator('input[name="password"]').fill('a-long-password');
    await form.locator('input[name="roles"][value="inspector"]').check();
    await form.locator('input[name="areaCodes"]').fill('330191001R001');
    await form.locator('button[type="submit"]').click();
    await tab.locator('[data-testid="admin-notice"]').waitFor();
    await tab.locator(`[data-testid="user-row"][data-username="${username}"]`).waitFor();

    const admin = await signIn(api.url, 'admin');
    const found = await admin.get<{ items: Array<Record<string, unknown>> }>(`/api/v1/users?q=${username}`);
    expect(found.body.items).toEqual([
      expect.objectContaining({
        username,
        displayName: '网页新建监督员',
        roles: ['inspector'],
        areaCodes: ['330191001R001'],
        disabled: false,
      }),
    ]);
    // The new user can sign in with the password given on the page.
    await signIn(api.url, username, 'a-long-password');

    // The routing rules, in order, and a sample case tested against them as the API answers it.
    await tab.locator('[data-testid="admin-tab-rules"]').click();
    await tab.waitForURL(/#\/admin\?tab=rules$/);
    const rules = (await admin.get<Array<{ id: string }>>('/api/v1/routing-rules')).body;
    expect(rules.length).toBeGreaterThan(0);
    await tab.locator(`[data-testid="rules"][data-rows="${rules.length}"]`).waitFor();
    const shown = await tab
      .locator('[data-testid="rule-row"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(shown).toEqual(rules.map((rule) => rule.id));

    const sample = { matterKind: 'event', matterCode: '06010', unitGridCode: U1 };
    const expected = (await admin.post<{ rule: { id: string } | null }>('/api/v1/routing-rules/test', sample))
      .body;
    await tab.locator('[data-testid="rule-test-submit"]').click();
    await tab.locator(`[data-testid="rule-test-result"][data-rule="${expected.rule?.id ?? ''}"]`).waitFor();
    await screenshot('admin', tab);
    expect(browser.errors).toEqual([]);
  });
});
