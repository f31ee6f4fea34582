// Every e2e test file gets a database cloned from the run's migrated template and a Redis key prefix of its
// own, so no test sees another's data and jest workers can run side by side.
import {
  adminUrlOf,
  createDatabase,
  databaseUrl,
  dropDatabases,
  fileScopeName,
  templateName,
} from '@citygrid/testing';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = process.env.CITYGRID_TEST_RUN!;
const baseUrl = process.env.CITYGRID_TEST_BASE_URL!;
const scope = fileScopeName(run, process.env.JEST_WORKER_ID ?? '0');

beforeAll(async () => {
  await createDatabase(adminUrlOf(baseUrl), scope, templateName(run));
  process.env.DATABASE_URL = databaseUrl(baseUrl, scope);
  process.env.REDIS_KEY_PREFIX = scope;
  process.env.PHOTO_DIR = join(tmpdir(), 'citygrid-test-photos', scope);
});

afterAll(async () => {
  await dropDatabases(adminUrlOf(baseUrl), [scope]);
  await rm(process.env.PHOTO_DIR!, { recursive: true, force: true });
});
