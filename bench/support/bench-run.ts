import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../libs/database/src/migrations';
import { QueueName } from '../../libs/queue/src/queue-names';
import { deleteRedisKeys } from '../../libs/testing/src/redis-keys';
import { adminUrlOf, createDatabase, databaseUrl, dropDatabases } from '../../libs/testing/src/test-database';
import { newRunId, TEST_PREFIX } from '../../libs/testing/src/test-run';
import { ApiClient, DEMO_PASSWORD, type Tokens } from '../../test/support/api-client';
import { AppProcess } from '../../test/support/app-process';
import { freePort } from '../../test/support/redis-server';

/** A numeric setting from the environment, or its default. */
export const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) ? value : fallback;
};

export { freePort };

export const out = (line = ''): boolean => process.stdout.write(line + '\n');
export const say = (line: string): boolean => process.stderr.write(`… ${line}\n`);
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Investigation only: NODE_OPTIONS for the server processes a benchmark starts (e.g. `--require` of a profiler). */
export const SERVER_NODE_OPTIONS: Record<string, string> = process.env.BENCH_SERVER_NODE_OPTIONS
  ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS }
  : {};

/** `a / b` for a table, one decimal: '–' when either is missing. */
export const ratio = (a: number, b: number): string =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)} ×` : '–';

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Signs in as a demo user: the access token and the user's id. */
export async function login(api: string, username: string): Promise<{ token: string; id: string }> {
  const response = await new ApiClient(api).post<Tokens>('/api/v1/auth/login', {
    username,
    password: DEMO_PASSWORD,
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status}`);
  return { token: response.body.accessToken, id: response.body.user.id };
}

/**
 * A benchmark's own database (migrated, with the demo city) and Redis key prefix on the local services, and
 * everything it starts: all cleaned up at the end, or on SIGINT/SIGTERM. The name is a test-run name, so a
 * crashed run's leftovers are dropped by the next e2e run's stale clean-up (test/global-setup.ts).
 */
export function benchRun(suffix: string) {
  const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/citygrid';
  const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const ADMIN_URL = adminUrlOf(BASE_URL);
  const SCOPE = `${TEST_PREFIX}${newRunId()}_${suffix}`;
  const DB_URL = databaseUrl(BASE_URL, SCOPE);
  const processes: AppProcess[] = [];
  const children: ChildProcess[] = [];
  const closers: Array<() => Promise<unknown>> = [];
  let cleaned = false;

  async function cleanUp(): Promise<void> {
    if (cleaned) return;
    cleaned = true;
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await Promise.all(processes.map((p) => p.stop()));
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill();
    await dropDatabases(ADMIN_URL, [SCOPE]).catch((e: Error) => say(`could not drop ${SCOPE}: ${e.message}`));
    await deleteRedisKeys(REDIS_URL, SCOPE).catch((e: Error) => say(`could not delete keys: ${e.message}`));
  }

  async function prepareDatabase(): Promise<void> {
    await createDatabase(ADMIN_URL, SCOPE);
    const dataSource = new DataSource({ type: 'postgres', url: DB_URL, migrations: MIGRATIONS });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.destroy();
    // The demo city, seeded by the same built entry as `npm run seed:demo` and the e2e set-up.
    execFileSync(process.execPath, ['dist/apps/standalone/src/seed-demo.js'], {
      env: { ...process.env, DATABASE_URL: DB_URL, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  /**
   * The environment the built api and worker run with, as in production, on this run's Redis prefix and database
   * (or `databaseUrl`), and the url of the api on the free port it names.
   */
  async function appEnv(databaseUrl = DB_URL): Promise<{ url: string; env: Record<string, string> }> {
    const port = await freePort();
    const env = {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(24).toString('hex'),
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_KEY_PREFIX: SCOPE,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
    };
    return { url: `http://127.0.0.1:${port}`, env };
  }

  /** A built entry point as a child process, stopped by cleanUp. */
  function startApp(entry: 'api' | 'worker', env: Record<string, string>): AppProcess {
    const app = new AppProcess(entry, env);
    processes.push(app);
    return app;
  }

  const apiReady = (url: string, timeoutMs?: number): Promise<void> =>
    waitUntil('api', async () => (await fetch(`${url}/health`)).status === 200, timeoutMs);

  /** Resolves when a worker takes jobs from the routing queue. */
  async function workerReady(): Promise<void> {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const routing = new Queue(QueueName.CaseRouting, { connection: redis, prefix: SCOPE });
    try {
      await waitUntil('worker', async () => (await routing.getWorkersCount()) > 0);
    } finally {
      await routing.close();
      redis.disconnect();
    }
  }

  /**
   * The warn and error lines each started process logged, by process; their distinct messages are said (on
   * stderr) once each.
   */
  function loggedWarnings(): string[][] {
    const lines = processes.map((p) => p.output.split('\n').filter((l) => /"level":(40|50|60)/.test(l)));
    for (const line of new Set(lines.flat().map((l) => /"msg":"([^"]*)"/.exec(l)?.[1] ?? l))) {
      say(`logged: ${line.slice(0, 300)}`);
    }
    return lines;
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      say(`${signal}: cleaning up`);
      void cleanUp().finally(() => process.exit(130));
    });
  }

  return {
    BASE_URL,
    REDIS_URL,
    ADMIN_URL,
    SCOPE,
    DB_URL,
    processes,
    children,
    closers,
    cleanUp,
    prepareDatabase,
    appEnv,
    startApp,
    apiReady,
    workerReady,
    loggedWarnings,
  };
}
