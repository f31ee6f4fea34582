// Issue 6, point 6: no case is lost and none is routed twice when Redis goes away or a worker dies (DESIGN.md §6).
// The api and the workers run as child processes from the build, as in production.
import { QueueName } from '@citygrid/queue';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { signIn, type ApiClient } from '../support/api-client';
import { AppProcess, type AppEntry } from '../support/app-process';
import { report } from '../support/cases';
import { centreOf } from '../support/demo-city-points';
import { pollUntil } from '../support/poll-until';
import { RedisServer } from '../support/redis-server';

/** gm-1 manages the responsibility grid that holds this unit grid. */
const GRID = '330191001001001';
/** A desk's call (no photo needed): routing gives it an owner and stops there, no automatic dispatch. */
const CALL = { matterKind: 'event', matterCode: '06010', conditionKey: 'a', source: 'hotline' };
/** Fast timings: a dead worker's job is taken over after 2 s, lost routing jobs are re-added after 5 s. */
const FAST = { OUTBOX_POLL_MS: '200', SLA_SWEEP_SECONDS: '5', WORKER_LOCK_MS: '2000', LOG_LEVEL: 'info' };

interface RoutingRow {
  id: string;
  owner_id: string | null;
  routed_at: Date | null;
  routes: number;
}

describe('routing resilience', () => {
  const children: AppProcess[] = [];
  let redis: RedisServer | null = null;
  let db: Client;
  let blocker: Client | null = null;
  let gmId: string;

  const start = (entry: AppEntry, env: Record<string, string>): AppProcess => {
    const child = new AppProcess(entry, { ...FAST, ...env });
    children.push(child);
    return child;
  };

  const startApi = async (env: Record<string, string>): Promise<{ api: AppProcess; url: string }> => {
    const api = start('api', { ...env, PORT: '0', HOST: '127.0.0.1' });
    const [, url] = await api.waitFor(/CityGrid api listening on (http:\/\/[\d.:]+)/);
    return { api, url };
  };

  const startWorker = async (env: Record<string, string>): Promise<AppProcess> => {
    const worker = start('worker', env);
    await worker.waitFor(/CityGrid worker ready/);
    return worker;
  };

  const killAll = () => Promise.all(children.splice(0).map((child) => child.stop('SIGKILL')));

  /** The children's last words, to explain a condition that never held. */
  const explain = (error: Error): never => {
    const tails = children.map((child) => `--- pid ${child.pid}:\n${child.output.slice(-4000)}`).join('\n');
    throw new Error(`${error.message}\n${tails}`);
  };

  /** Routing as the database has it: owner, routed_at and the number of 'route' activity rows per case. */
  const routingOf = async (ids: string[]): Promise<RoutingRow[]> =>
    (
      await db.query<RoutingRow>(
        `SELECT c.id, c.owner_id, c.routed_at,
                (SELECT count(*)::int FROM case_activities a WHERE a.case_id = c.id AND a.action = 'route') AS routes
         FROM cases c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`,
        [ids],
      )
    ).rows;

  beforeAll(async () => {
    db = new Client({
      connectionString: process.env.DATABASE_URL,
      application_name: 'routing-resilience-test',
    });
    await db.connect();
    gmId = (await db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'gm-1'`)).rows[0].id;
  });

  afterAll(async () => {
    // Closing the blocker's connection rolls back its transaction, should a test have failed holding it.
    await blocker?.end().catch(() => undefined);
    await killAll();
    await redis?.stop();
    await db.end();
  });

  it('routes every case filed while Redis was stopped and restarted mid-burst, each exactly once', async () => {
    redis = await RedisServer.start();
    // Stopped at the end, pass or fail, so that the next test meets no worker of this one.
    try {
      const env = { REDIS_URL: redis.url };
      const { url } = await startApi(env);
      const worker = await startWorker(env);
      const acceptor: ApiClient = await signIn(url, 'acceptor');
      type Filed = { id: string; status: number; sentAt: number; answeredAt: number };
      const filed: Filed[] = [];
      const wave = (size: number) =>
        Promise.all(
          Array.from({ length: size }, async () => {
            const sentAt = Date.now();
            const response = await report(acceptor, centreOf(GRID), CALL);
            filed.push({ id: response.body.id, status: response.status, sentAt, answeredAt: Date.now() });
          }),
        );

      // 60 calls: 10 with Redis up; a burst of 20 during which Redis dies with routing jobs still queued in it;
      // 20 while it is down; 10 while it restarts. Redis stays down until the relay has found it away (at once,
      // or when a send it had started timed out), so rows wait unsent in PostgreSQL meanwhile.
      await wave(10);
      const first = filed.map((call) => call.id);
      const routed = async () => (await routingOf(first)).every((row) => row.routed_at !== null);
      await pollUntil(routed, { what: 'the first calls routed' });
      // The routing queue is paused for the burst, so that jobs the relay has sent (and marked sent) are surely
      // still queued in Redis when it dies, as a backlog would be. Redis comes back empty: no jobs, no pause.
      const routing = new Queue(QueueName.CaseRouting, {
        connection: { url: redis.url },
        prefix: process.env.REDIS_KEY_PREFIX,
      });
      await routing.pause();
      await routing.close();
      const burst = wave(20);
      const lost = await pollUntil(
        async () => {
          const { rows } = await db.query<{ id: string }>(
            `SELECT c.id FROM cases c JOIN outbox_messages o ON o.job_id = c.id::text
             WHERE o.queue = 'case-routing' AND o.sent_at IS NOT NULL AND c.routed_at IS NULL`,
          );
          return rows.length >= 5 && rows.map((row) => row.id);
        },
        { timeoutMs: 10_000, intervalMs: 10, what: 'routing jobs sent to Redis and queued there' },
      );
      await Promise.all([burst, redis.stop('SIGKILL')]);
      const stoppedAt = Date.now();
      await wave(10);
      await wave(10);
      await worker.waitFor(/Outbox relay paused/, 15_000);
      const restartedAt = Date.now();
      await Promise.all([wave(10), redis.start()]);

      expect(filed.map((call) => call.status)).toEqual(Array(60).fill(201));
      const whileDown = filed.filter((call) => call.sentAt >= stoppedAt && call.answeredAt <= restartedAt);
      expect(whileDown.length).toBeGreaterThanOrEqual(20);
      const ids = filed.map((call) => call.id);
      expect(new Set(ids).size).toBe(60);

      // Redis came back empty: the relay sends what it could not, and the sweep re-adds jobs Redis lost.
      await pollUntil(
        async () => (await routingOf(ids)).every((row) => row.routed_at !== null && row.routes > 0),
        { timeoutMs: 60_000, intervalMs: 250, what: 'every case routed' },
      ).catch(explain);
      await pollUntil(
        async () =>
          (await db.query(`SELECT 1 FROM outbox_messages WHERE sent_at IS NULL LIMIT 1`)).rowCount === 0,
        { timeoutMs: 15_000, what: 'every outbox row sent' },
      ).catch(explain);

      const rows = await routingOf(ids);
      expect(rows).toHaveLength(60);
      expect(rows.filter((row) => row.routes !== 1)).toEqual([]);
      expect(rows.filter((row) => row.owner_id !== gmId)).toEqual([]);
      await worker.waitFor(/Outbox relay is sending again/);
      // The jobs Redis lost, sent from the outbox before it died, were sent again by the sweep.
      const swept = lost.filter((id) =>
        new RegExp(`"correlationId":"sweep:${id}".*case\\.route done`).test(worker.output),
      );
      expect(swept).toEqual(lost);
    } finally {
      await killAll();
      await redis.stop();
    }
  }, 120_000);

  it('leaves no half-done routing when a worker is killed mid-job, and the next worker routes the case', async () => {
    const env = { REDIS_URL: process.env.REDIS_URL! };
    const { url } = await startApi(env);
    const acceptor = await signIn(url, 'acceptor');
    const call = await report(acceptor, centreOf(GRID), CALL);
    expect(call.status).toBe(201);
    const caseId = call.body.id;

    // Activity rows cannot be written while this lock is held: the routing statement (the case's update, its
    // activity rows and its jobs in one, in a transaction) will hold its lock on cases and wait for
    // case_activities. No worker runs yet, so the lock is in place first.
    blocker = new Client({ connectionString: process.env.DATABASE_URL, application_name: 'routing-blocker' });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE case_activities IN SHARE MODE');

    const first = await startWorker(env);
    await first.waitFor(/case\.route started/);
    const backend = await pollUntil(
      async () =>
        (
          await db.query<{ pid: number }>(
            `SELECT a.pid FROM pg_stat_activity a
             WHERE a.datname = current_database() AND a.application_name = 'citygrid-worker'
               AND a.wait_event_type = 'Lock' AND a.query ILIKE '%INSERT INTO "case_activities"%'
               AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted
                           AND l.relation = 'cases'::regclass AND l.mode = 'RowExclusiveLock')`,
          )
        ).rows[0]?.pid,
      {
        timeoutMs: 15_000,
        what: 'the routing statement, holding its lock on cases, waiting for case_activities',
      },
    ).catch(explain);

    expect(await first.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    await blocker.query('ROLLBACK');
    await blocker.end();
    blocker = null;
    // Its client gone, PostgreSQL ends the dead worker's session and rolls its transaction back.
    await pollUntil(
      async () => (await db.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [backend])).rowCount === 0,
      { what: "the dead worker's session ended" },
    );
    expect(await routingOf([caseId])).toEqual([{ id: caseId, owner_id: null, routed_at: null, routes: 0 }]);

    // The next worker finds the job stalled (its lock lapsed after WORKER_LOCK_MS) and routes the case.
    await startWorker(env);
    const [routed] = await pollUntil(
      async () => {
        const rows = await routingOf([caseId]);
        return rows[0].routed_at !== null && rows;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'the case routed by the next worker' },
    ).catch(explain);
    expect(routed).toMatchObject({ owner_id: gmId, routes: 1 });
  }, 60_000);
});
