import { deleteRedisKeys } from '../libs/testing/src/redis-keys';
import { adminUrlOf, dropDatabases, listDatabases } from '../libs/testing/src/test-database';
import { TEST_PREFIX } from '../libs/testing/src/test-run';

export default async function globalTeardown(): Promise<void> {
  const run = process.env.CITYGRID_TEST_RUN;
  const baseUrl = process.env.CITYGRID_TEST_BASE_URL;
  if (!run || !baseUrl) return;
  const adminUrl = adminUrlOf(baseUrl);
  await dropDatabases(adminUrl, await listDatabases(adminUrl, `${TEST_PREFIX}${run}`));
  await deleteRedisKeys(process.env.REDIS_URL!, `${TEST_PREFIX}${run}`);
}
