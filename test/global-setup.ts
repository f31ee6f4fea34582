// Runs once per e2e run, outside jest's module mapping: relative imports only.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ensurePostgres, ensureRedis } from '../libs/common/src/preflight/service-preflight';
import { MIGRATIONS } from '../libs/database/src/migrations';
import { deleteRedisKeys } from '../libs/testing/src/redis-keys';
import {
  adminUrlOf,
  createDatabase,
  databaseUrl,
  dropDatabases,
  listDatabases,
} from '../libs/testing/src/test-database';
import { newRunId, runStartedAt, templateName, TEST_PREFIX } from '../libs/testing/src/test-run';

const STALE_AFTER_MS = 6 * 3600 * 1000;

export default async function globalSetup(): Promise<void> {
  const baseUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/citygrid';
  const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
  const adminUrl = adminUrlOf(baseUrl);
  await ensurePostgres(adminUrl, { createIfMissing: false });
  await ensureRedis(redisUrl);

  // Leftovers of runs that crashed hours ago; a run still going is younger than that.
  const stale = (await listDatabases(adminUrl, TEST_PREFIX)).filter(
    (name) => Date.now() - (runStartedAt(name) ?? Date.now()) > STALE_AFTER_MS,
  );
  await dropDatabases(adminUrl, stale);

  const run = newRunId();
  const template = templateName(run);
  await createDatabase(adminUrl, template);
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl(baseUrl, template),
    migrations: MIGRATIONS,
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
  // Every test file starts from the demo city (DESIGN.md §10), seeded by the same built entry as `npm run seed:demo`.
  const seedEntry = 'dist/apps/standalone/src/seed-demo.js';
  if (!existsSync(seedEntry))
    throw new Error(`${seedEntry} is missing: run "npm run build" first (npm run test:e2e does)`);
  execFileSync(process.execPath, [seedEntry], {
    env: { ...process.env, DATABASE_URL: databaseUrl(baseUrl, template), NODE_ENV: 'test' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await deleteRedisKeys(redisUrl, `${TEST_PREFIX}${run}`);

  // Read by test/support/per-file-setup.ts in every jest worker (workers inherit this environment).
  process.env.CITYGRID_TEST_RUN = run;
  process.env.CITYGRID_TEST_BASE_URL = baseUrl;
  process.env.REDIS_URL = redisUrl;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ||= 'warn';
}
