import { execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../libs/database/src/migrations';
import { deleteRedisKeys } from '../../libs/testing/src/redis-keys';
import { adminUrlOf, createDatabase, databaseUrl, dropDatabases } from '../../libs/testing/src/test-database';
import { newRunId, TEST_PREFIX } from '../../libs/testing/src/test-run';
import type { AppProcess } from '../../test/support/app-process';

/** A numeric setting from the environment, or its default. */
export const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) ? value : fallback;
};

export const out = (line = ''): boolean => process.stdout.write(line + '\n');
export const say = (line: string): boolean => process.stderr.write(`… ${line}\n`);
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

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
  };
}
