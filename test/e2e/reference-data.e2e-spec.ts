// Reference data kept in memory across processes (docs/routing-and-deadlines.md, "Reference data in memory"): the
// worker keeps the routing rules, and every process the matters of each catalogue version. A change an admin
// commits through one api process counts for the very next report, taken by another api process and routed by
// the worker, each a child process from the build as in production.
import type { CaseDetailDto } from '@citygrid/cases';
import { connectBoardSocket, nextEvent, type BoardSocket } from '@citygrid/testing';
import { Client } from 'pg';
import { signIn, type ApiClient } from '../support/api-client';
import { AppProcess, type AppEntry } from '../support/app-process';
import { report } from '../support/cases';
import { centreOf } from '../support/demo-city-points';

/** gm-1's responsibility grid holds this unit grid, in district 330191. */
const GRID = '330191001001001';
/** A desk's call: routing gives it an owner and the rule's department as a suggestion, and stops there. */
const CALL = { matterKind: 'event', matterCode: '06010', conditionKey: 'a', source: 'hotline' };
const FAST = { OUTBOX_POLL_MS: '200', LOG_LEVEL: 'info' };

describe('reference data changed in one process is used by the others at once', () => {
  const children: AppProcess[] = [];
  let db: Client;
  /** The admin on api A; the acceptor and gm-1's socket on api B. */
  let adminA: ApiClient;
  let acceptorB: ApiClient;
  let gmSocket: BoardSocket;
  let gmId: string;
  const departmentId = async (code: string): Promise<string> =>
    (await db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [code])).rows[0].id;

  const start = async (entry: AppEntry): Promise<string> => {
    const child = new AppProcess(entry, { ...FAST, PORT: '0', HOST: '127.0.0.1' });
    children.push(child);
    if (entry === 'worker') {
      await child.waitFor(/CityGrid worker ready/);
      return '';
    }
    return (await child.waitFor(/CityGrid api listening on (http:\/\/[\d.:]+)/))[1];
  };

  /** A call reported on api B, once the worker has routed it (gm-1's socket hears it): its detail. */
  const routedCall = async (): Promise<CaseDetailDto> => {
    const routed = nextEvent(gmSocket, 'case.changed', (event) => event.ownerId === gmId, 15_000);
    const created = await report(acceptorB, centreOf(GRID), CALL);
    expect(created.status).toBe(201);
    expect((await routed).id).toBe(created.body.id);
    return (await adminA.get<CaseDetailDto>(`/api/v1/cases/${created.body.id}`)).body;
  };

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    gmId = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'gm-1'`)).rows[0].id;
    const [urlA, urlB] = await Promise.all([start('api'), start('api'), start('worker')]);
    [adminA, acceptorB] = await Promise.all([signIn(urlA, 'admin'), signIn(urlB, 'acceptor')]);
    gmSocket = await connectBoardSocket(urlB, (await signIn(urlB, 'gm-1')).token);
  }, 60_000);

  afterAll(async () => {
    gmSocket?.disconnect();
    await Promise.all(children.map((child) => child.stop()));
    await db.end();
  });

  it('routes by a rule added, then removed, on another api process, from the very next report', async () => {
    const sanitation = await departmentId('sanitation-330191');
    const municipal = await departmentId('municipal-330191');
    // The worker reads the rules for this one and keeps them.
    expect((await routedCall()).routedDepartmentId).toBe(sanitation);

    const rule = await adminA.post<{ id: string }>('/api/v1/routing-rules', {
      name: '望江街道暴露垃圾归市政',
      matterKind: 'event',
      matterCode: '06010',
      areaCode: '330191001',
      departmentId: municipal,
      position: 1,
    });
    expect(rule.status).toBe(201);
    expect((await routedCall()).routedDepartmentId).toBe(municipal);

    expect((await adminA.delete(`/api/v1/routing-rules/${rule.body.id}`)).status).toBe(204);
    expect((await routedCall()).routedDepartmentId).toBe(sanitation);
  }, 60_000);

  it('files under a catalogue version made on another api process, and routes by its family, from the very next report', async () => {
    // Both api B and the worker have read matter 06010 of the current version by now.
    const limit = { amount: 3, unit: 'WORK_HOUR' };
    const edited = await adminA.patch<{ versionId: number }>('/api/v1/catalogue/matters/event/06010', {
      family: 'municipal_facilities',
      filingConditions: [
        {
          key: 'a',
          filingZh: '公共场所暴露垃圾',
          filingEn: 'Garbage exposed in a public place',
          closingZh: '清理完毕',
          closingEn: 'Cleared',
          urgent: false,
          limits: { A: limit, B: limit, C: limit },
        },
      ],
    });
    expect(edited.status).toBe(200);

    const routed = await routedCall();
    expect(routed).toMatchObject({ catalogueVersion: edited.body.versionId, handleLimit: limit });
    // The demo city's rules send the municipal facilities family of district 330191 to its municipal sub-unit.
    expect(routed.routedDepartmentId).toBe(await departmentId('municipal-330191'));
  }, 60_000);
});
