// The inspector's phone pages and the department's inbox in a real browser (Debian's chromium through
// playwright-core) against the real api and worker: a report with a photo downscaled in the browser, the offline
// outbox sending a report once with the same Idempotency-Key after a 503, a cut connection and a reload, the
// department signing and feeding back through its live inbox, and the inspector's check task. With
// CITYGRID_SCREENSHOTS=1 it also saves docs/screenshots/report.png, tasks.png and inbox.png.
import type { INestApplicationContext } from '@nestjs/common';
import { PendingRequest, type CaseDetailDto } from '@citygrid/cases';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { ApiClient, DEMO_PASSWORD, signIn } from '../support/api-client';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { act, photo, report } from '../support/cases';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';
import { centreOf, demoCity } from '../support/demo-city-points';
import { pollUntil } from '../support/poll-until';

jest.setTimeout(180_000);

const SCREENSHOTS = process.env.CITYGRID_SCREENSHOTS === '1';
const SCREENSHOT_DIR = join(__dirname, '..', '..', 'docs', 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1280, height: 800 };

/** inspector-1's responsibility grid, which gm-1 manages; its unit grids are the ones the phone shows. */
const HOME = demoCity.responsibilityGrids.find((grid) => grid.inspectors.includes('inspector-1'))!;
const MANHOLE = { matterKind: 'component', matterCode: '01002', description: '污水井盖破损' }; // waits for filing

/** The failures the browser logs for what the test breaks on purpose; nothing else may reach the console. */
const EXPECTED_ERRORS =
  /Failed to load resource: (the server responded with a status of 503|net::ERR_(INTERNET_DISCONNECTED|CONNECTION_REFUSED|FAILED))/;

/** A photo as the page handed it to fetch(), measured in the page. */
interface Upload {
  path: string;
  photos: Array<{ name: string; type: string; width: number; height: number }>;
}

/**
 * Records in the page every photo sent as multipart/form-data, with its size in pixels (the request's body is
 * not available to Playwright when it holds Blobs). A string: it runs in the browser, not under Node's types.
 */
const RECORD_UPLOADS = `
  window.uploads = [];
  const originalFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    if (init && init.body instanceof FormData) {
      const photos = [];
      for (const photo of init.body.getAll('photos')) {
        const bitmap = await createImageBitmap(photo);
        photos.push({ name: photo.name, type: photo.type, width: bitmap.width, height: bitmap.height });
        bitmap.close();
      }
      window.uploads.push({ path: new URL(String(input), location.href).pathname, photos });
    }
    return originalFetch(input, init);
  };
`;

describe('the web app in a browser: the inspector’s phone and the department’s inbox', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let browser: TestBrowser;
  /** The inspector's phone. */
  let phone: Page;
  /** The department's desk. */
  let desk: Page;
  let inspector: ApiClient;
  let acceptor: ApiClient;
  let dispatcher: ApiClient;
  let handlerDepartment: string;
  /** The Idempotency-Key of every report the phone sent (each try). */
  const sent: Array<string | undefined> = [];
  /** The case reported through the page in the first test, followed to its check. */
  let reported: CaseDetailDto;
  /** The case queued behind a 503, later sent to be verified. */
  let queued: CaseDetailDto;

  const get = async (id: string) => (await dispatcher.get<CaseDetailDto>(`/api/v1/cases/${id}`)).body;
  const myCases = async (token: string) =>
    (
      await inspector.get<{ items: CaseDetailDto[] }>(
        `/api/v1/cases?mine=true&limit=200&q=${encodeURIComponent(token)}`,
      )
    ).body.items;
  const attr = async (page: Page, selector: string, name: string) =>
    (await page.locator(selector).getAttribute(name)) ?? '';

  /** Saves docs/screenshots/<name>.png: the phone as a phone shows it (2×), the desk at its CSS size. */
  async function screenshot(name: string, page: Page): Promise<void> {
    if (!SCREENSHOTS) return;
    for (const map of ['report-map', 'board-map']) {
      if (await page.locator(`[data-testid="${map}"]`).count()) {
        await page.locator(`[data-testid="${map}"][data-ready="true"][data-idle="true"]`).waitFor();
      }
    }
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({
      path: join(SCREENSHOT_DIR, `${name}.png`),
      scale: page === desk ? 'css' : 'device',
    });
  }

  async function signInThroughPage(page: Page, username: string): Promise<void> {
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
  }

  /** Chooses a matter through the picker's search, and its first filing condition when there are several. */
  async function pickMatter(search: string, code: string): Promise<void> {
    await phone.locator('[data-testid="matter-search"]').fill(search);
    await phone.locator(`[data-testid="matter-option"][data-code="${code}"]`).tap();
    await phone.locator(`[data-testid="matter-chosen"][data-code="${code}"]`).waitFor();
    await phone.locator('[data-testid="condition"]').first().locator('input').check();
  }

  async function addPhoto(page: Page, name: string, format: 'png' | 'jpeg', width: number, height: number) {
    const buffer = await photo(format, width, height);
    const before = Number(await attr(page, '[data-testid="report-photos"]', 'data-count'));
    await page.locator('input[name="photos"]').setInputFiles({ name, mimeType: `image/${format}`, buffer });
    await page
      .locator(`[data-testid="report-photos"][data-count="${before + 1}"][data-busy="false"]`)
      .waitFor();
  }

  /** The place: the phone's position (set on the browser) located by the server in the unit grid asked. */
  async function usePhonePosition(unitGridCode: string): Promise<void> {
    const [longitude, latitude] = centreOf(unitGridCode);
    await browser.context.setGeolocation({ longitude, latitude, accuracy: 8 });
    await phone.locator('[data-testid="use-position"]').tap();
    await phone
      .locator(`[data-testid="located"][data-state="located"][data-unit-grid="${unitGridCode}"]`)
      .waitFor();
  }

  /** The photos the page has sent since it was loaded, by path. */
  const uploads = (page: Page, path: RegExp): Promise<Upload[]> =>
    page
      .evaluate(() => (globalThis as unknown as { uploads: Upload[] }).uploads)
      .then((all) => all.filter((upload) => path.test(upload.path)));

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    [inspector, acceptor, dispatcher] = await Promise.all(
      ['inspector-1', 'acceptor', 'dispatcher'].map((username) => signIn(api.url, username)),
    );
    browser = await launchBrowser({
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      permissions: ['geolocation'],
    });
    await browser.context.addInitScript({ content: RECORD_UPLOADS });
    phone = await browser.newPage();
    phone.on('request', (request: Request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/cases') {
        sent.push(request.headers()['idempotency-key']);
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await api?.close();
  });

  it('reports a case from a phone: a tapped place, a matter found by pinyin initials, a photo made smaller', async () => {
    await phone.goto(api.url);
    await signInThroughPage(phone, 'inspector-1');
    await phone.waitForURL(/#\/report$/);
    await phone.locator('[data-testid="report-map"][data-ready="true"]').waitFor();

    // A tap on the map (fitted to the inspector's own grids, 5 × 4 unit grids), located by the server.
    await phone.locator('[data-testid="report-map"]').tap({ position: { x: 124, y: 80 } });
    await phone.locator('[data-testid="located"][data-state="located"]').waitFor();
    const unitGrid = await attr(phone, '[data-testid="located"]', 'data-unit-grid');
    const lng = Number(await attr(phone, '[data-testid="located"]', 'data-lng'));
    const lat = Number(await attr(phone, '[data-testid="located"]', 'data-lat'));
    expect(HOME.unitGridCodes).toContain(unitGrid);

    await phone.locator('[data-testid="matter-search"]').fill('bllj'); // 暴露垃圾
    await phone.locator('[data-testid="matter-option"][data-code="06010"]').tap();
    await phone.locator('[data-testid="matter-chosen"][data-code="06010"]').waitFor();
    // Its filing condition is shown, with the handling limit of the located grid's area class.
    expect(await phone.locator('[data-testid="conditions"]').textContent()).toContain(
      '公共场所的生活垃圾未入容器',
    );
    await phone.locator('[data-testid="condition"][data-key="a"] input').check();
    await phone.locator('textarea[name="description"]').fill('人行道垃圾堆积 测试一');
    // A large PNG from the "camera": sent as a JPEG of at most 1600 px.
    await addPhoto(phone, 'camera.png', 'png', 2400, 1800);
    await screenshot('report', phone);

    await phone.locator('[data-testid="report-submit"]').tap();
    await phone.locator('[data-testid="report-result"][data-state="sent"]').waitFor();
    const number = await attr(phone, '[data-testid="report-result"]', 'data-number');
    await phone.locator(`[data-testid="outbox-item"][data-state="sent"][data-number="${number}"]`).waitFor();

    const [listed] = await myCases('测试一');
    reported = await get(listed.id);
    expect(reported).toMatchObject({
      number,
      source: 'inspector',
      matterKind: 'event',
      matterCode: '06010',
      conditionKey: 'a',
      description: '人行道垃圾堆积 测试一',
      location: { unitGridCode: unitGrid, responsibilityGridCode: HOME.code },
    });
    expect(reported.location.lng).toBeCloseTo(lng, 6);
    expect(reported.location.lat).toBeCloseTo(lat, 6);
    expect(reported.photos).toHaveLength(1);

    // What went over the wire: one try, with a key, and the photo as a 1600 × 1200 JPEG.
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await uploads(phone, /^\/api\/v1\/cases$/)).toEqual([
      {
        path: '/api/v1/cases',
        photos: [{ name: 'camera.jpg', type: 'image/jpeg', width: 1600, height: 1200 }],
      },
    ]);
  });

  it('keeps a report the server answered 503 (or never got), across a reload, and sends it once with its key', async () => {
    const broken: string[] = [];
    // The first try reaches the api, which makes the case, but the phone gets 503 (the answer lost on the way);
    // every later try meets a refused connection.
    await phone.route('**/api/v1/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      if (broken.length === 0) {
        broken.push(String((await route.fetch()).status()));
        return route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The gateway is down' } }),
        });
      }
      broken.push('refused');
      return route.abort('connectionrefused');
    });
    sent.splice(0);

    const grid = HOME.unitGridCodes[3];
    await usePhonePosition(grid);
    await pickMatter('01002', '01002');
    await phone.locator('textarea[name="description"]').fill('污水井盖破损 测试二');
    await addPhoto(phone, 'manhole.jpg', 'jpeg', 800, 600);
    await phone.locator('[data-testid="report-submit"]').tap();

    await phone.locator('[data-testid="report-result"][data-state="queued"]').waitFor();
    const item = phone.locator('[data-testid="outbox-item"][data-state="waiting"]');
    await item.waitFor();
    const key = await item.getAttribute('data-key');
    expect(broken[0]).toBe('201');
    expect(await item.textContent()).toContain('SERVICE_UNAVAILABLE');
    // The server has it already: one case.
    expect(await myCases('测试二')).toHaveLength(1);

    // Kept on the phone: a reload finds it, and tries again by itself (the connection is refused now).
    const triedBefore = broken.length;
    await phone.reload();
    await phone.locator('[data-testid="report-page"][data-outbox-loaded="true"]').waitFor();
    await pollUntil(() => broken.length > triedBefore, { what: 'a try after the reload' });
    await phone.locator(`[data-testid="outbox-item"][data-key="${key}"][data-state="waiting"]`).waitFor();
    expect(broken.slice(1).every((outcome) => outcome === 'refused')).toBe(true);

    // Back: "send now" (forced: the outbox's own timer may have sent it first, leaving the button disabled).
    await phone.unroute('**/api/v1/cases');
    await phone.locator('[data-testid="outbox-send"]').click({ force: true });
    const done = phone.locator(`[data-testid="outbox-item"][data-key="${key}"][data-state="sent"]`);
    await done.waitFor();

    const cases = await myCases('测试二');
    expect(cases).toHaveLength(1);
    expect(await done.getAttribute('data-number')).toBe(cases[0].number);
    expect(cases[0].location.unitGridCode).toBe(grid);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sent)).toEqual(new Set([key]));
    queued = await get(cases[0].id);
  });

  it('queues a report made with the network cut and sends it by itself once the phone is back online', async () => {
    sent.splice(0);
    await usePhonePosition(HOME.unitGridCodes[7]);
    await pickMatter('井盖', '01002');
    await phone.locator('textarea[name="description"]').fill('污水井盖破损 测试三');
    await addPhoto(phone, 'manhole.jpg', 'jpeg', 640, 480);

    await browser.context.setOffline(true);
    await phone.locator('[data-testid="report-submit"]').tap();
    await phone.locator('[data-testid="report-result"][data-state="queued"]').waitFor();
    const item = phone.locator('[data-testid="outbox-item"][data-state="waiting"]');
    const key = await item.getAttribute('data-key');
    await phone.locator('[data-testid="outbox"] .notice').waitFor(); // "offline"
    expect(await myCases('测试三')).toHaveLength(0);

    await browser.context.setOffline(false);
    const done = phone.locator(`[data-testid="outbox-item"][data-key="${key}"][data-state="sent"]`);
    await done.waitFor();
    const cases = await myCases('测试三');
    expect(cases).toHaveLength(1);
    expect(await done.getAttribute('data-number')).toBe(cases[0].number);
    expect(new Set(sent)).toEqual(new Set([key]));
  });

  it('lets a department handler sign and feed back with a photo in the inbox, which follows new cases live', async () => {
    // Exposed garbage is dispatched to the district's sanitation unit by the routing rules.
    const dispatched = await pollUntil(
      async () => {
        const detail = await get(reported.id);
        return detail.status === 'DISPATCHED' && detail;
      },
      { what: 'the reported case dispatched', timeoutMs: 20_000 },
    );
    handlerDepartment = dispatched.departmentId!;
    const handler = await signIn(api.url, 'handler-sanitation-1');
    expect((await handler.get<{ departmentId: string }>('/api/v1/auth/me')).body.departmentId).toBe(
      handlerDepartment,
    );

    desk = await browser.newPage();
    await desk.setViewportSize(DESK);
    await desk.goto(api.url);
    await signInThroughPage(desk, 'handler-sanitation-1');
    await desk.waitForURL(/#\/inbox$/);
    await desk.locator('[data-testid="inbox-page"][data-loaded="true"]').waitFor();
    await desk.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    const card = (number: string, status = '') =>
      desk.locator(
        `[data-testid="case-card"][data-number="${number}"]${status ? `[data-status="${status}"]` : ''}`,
      );
    const drawer = desk.locator('[data-testid="case-drawer"]');

    await card(reported.number, 'DISPATCHED').click();
    await drawer.locator('button[data-action="sign"]').click();
    await drawer.locator('[data-testid="action-submit"]').click();
    await desk.locator('[data-testid="case-drawer"][data-status="HANDLING"]').waitFor();
    await card(reported.number, 'HANDLING').waitFor();

    await drawer.locator('button[data-action="feedback"]').click();
    await drawer.locator('textarea[name="opinion"]').fill('已清理完毕');
    const after = await photo('jpeg', 1200, 900);
    await drawer
      .locator('input[name="photos"]')
      .setInputFiles({ name: 'after.jpg', mimeType: 'image/jpeg', buffer: after });
    await drawer.locator('[data-testid="action-submit"]').click();
    await desk.locator('[data-testid="case-drawer"][data-status="PENDING_REVIEW"]').waitFor();

    const fed = await get(reported.id);
    expect(fed.activities.map((a) => a.action)).toEqual(expect.arrayContaining(['sign', 'feedback']));
    expect(fed.activities.at(-1)).toMatchObject({ action: 'feedback', opinion: '已清理完毕' });
    expect(fed.activities.at(-1)!.photoIds).toHaveLength(1);
    expect(fed.photos.filter((p) => p.stage === 'handling')).toHaveLength(1);

    // A case dispatched to the department through the API arrives without a reload.
    await desk.locator('[data-testid="case-drawer"] button.close').click();
    const created = await report(inspector, centreOf(HOME.unitGridCodes[12]), MANHOLE, {
      photos: [await photo('jpeg', 320, 240)],
    });
    expect(created.status).toBe(201);
    const waiting = await pollUntil(
      async () => {
        const detail = await get(created.body.id);
        return detail.routedAt !== null && detail;
      },
      { what: 'the new case routed' },
    );
    const filed = await act(acceptor, waiting, 'file');
    expect(filed.status).toBe(200);
    expect((await act(dispatcher, filed.body, 'dispatch', { departmentId: handlerDepartment })).status).toBe(
      200,
    );
    await card(created.body.number, 'DISPATCHED').waitFor();
    expect(await desk.evaluate(() => 'sameDocument' in globalThis)).toBe(true);

    // Signed, then a postponement asked with its extension.
    await card(created.body.number).click();
    await drawer.locator('button[data-action="sign"]').click();
    await drawer.locator('[data-testid="action-submit"]').click();
    await desk.locator('[data-testid="case-drawer"][data-status="HANDLING"]').waitFor();
    await drawer.locator('button[data-action="request_postponement"]').waitFor();
    await desk.locator('[data-testid="inbox-tab-all"]').click();
    await desk.locator('[data-testid="case-cards"][data-count="2"]').waitFor();
    await screenshot('inbox', desk);
    await drawer.locator('button[data-action="request_postponement"]').click();
    await drawer.locator('input[name="extensionAmount"]').fill('2');
    await drawer.locator('select[name="extensionUnit"]').selectOption('WORK_DAY');
    await drawer.locator('textarea[name="opinion"]').fill('需更换井盖，等待配件');
    await drawer.locator('[data-testid="action-submit"]').click();
    await drawer.locator('.flag', { hasText: '申请延期' }).waitFor();
    const asked = await pollUntil(
      async () => {
        const detail = await get(created.body.id);
        return detail.pending.includes(PendingRequest.Postponement) && detail;
      },
      { what: 'the postponement asked' },
    );
    expect(asked.requestedExtension).toEqual({ amount: 2, unit: 'WORK_DAY' });
  });

  it('lists the inspector’s verify and check tasks live, and passes a check with a photo', async () => {
    // Tabs in the background get an animation frame a second at most: the phone is in front again.
    await phone.bringToFront();
    await phone.locator('nav a[href="#/tasks"]').tap();
    await phone.waitForURL(/#\/tasks$/);
    await phone.locator('[data-testid="tasks-page"][data-loaded="true"]').waitFor();
    const card = (number: string, status: string) =>
      phone.locator(`[data-testid="case-card"][data-number="${number}"][data-status="${status}"]`);
    const drawer = phone.locator('[data-testid="case-drawer"]');

    // The desk asks for a verification of the queued report, and approves the department's feedback.
    expect((await act(acceptor, queued, 'send_to_verify')).status).toBe(200);
    expect((await act(dispatcher, await get(reported.id), 'approve_feedback')).status).toBe(200);
    await card(queued.number, 'VERIFYING').waitFor();
    await card(reported.number, 'CHECKING').waitFor();
    await phone.locator('[data-testid="case-cards"][data-count="2"]').waitFor();
    await phone.locator('.task-kind').nth(1).waitFor(); // both are this inspector's to do
    await screenshot('tasks', phone);

    await card(reported.number, 'CHECKING').tap();
    await drawer.locator('button[data-action="check_passed"]').tap();
    await drawer
      .locator('input[name="photos"]')
      .setInputFiles({ name: 'check.jpg', mimeType: 'image/jpeg', buffer: await photo('jpeg', 2000, 1500) });
    await drawer.locator('textarea[name="opinion"]').fill('现场已清理干净');
    await drawer.locator('[data-testid="action-submit"]').tap();
    await phone.locator('[data-testid="case-drawer"][data-status="PENDING_CLOSE"]').waitFor();
    await drawer.locator('button.close').tap();
    await phone.locator('[data-testid="case-cards"][data-count="1"]').waitFor();

    const checked = await get(reported.id);
    expect(checked.status).toBe('PENDING_CLOSE');
    expect(checked.activities.at(-1)).toMatchObject({ action: 'check_passed', opinion: '现场已清理干净' });
    expect(checked.photos.filter((p) => p.stage === 'check')).toHaveLength(1);
    // Made smaller on the phone before the upload, like a report's.
    expect((await uploads(phone, /\/actions\/check_passed$/))[0].photos).toEqual([
      { name: 'check.jpg', type: 'image/jpeg', width: 1600, height: 1200 },
    ]);

    // The verification through the page too: back to the desk as REPORTED.
    await card(queued.number, 'VERIFYING').tap();
    await drawer.locator('button[data-action="report_verified"]').tap();
    await drawer
      .locator('input[name="photos"]')
      .setInputFiles({ name: 'verify.jpg', mimeType: 'image/jpeg', buffer: await photo('jpeg', 640, 480) });
    await drawer.locator('[data-testid="action-submit"]').tap();
    await phone.locator('[data-testid="case-drawer"][data-status="REPORTED"]').waitFor();
    await drawer.locator('button.close').tap();
    await phone.locator('[data-testid="tasks-page"] .empty').waitFor();
    expect((await get(queued.id)).activities.at(-1)).toMatchObject({ action: 'report_verified' });

    expect(browser.errors.filter((error) => !EXPECTED_ERRORS.test(error))).toEqual([]);
  });
});
