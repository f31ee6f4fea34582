import { ensurePostgres, ensureRedis } from '@citygrid/common';
import { NodeEnv, type AppConfig } from '@citygrid/config';
import { databaseOptions } from './database-options';
import { runPendingMigrations } from './migrate';

/**
 * Before any app boots: PostgreSQL and Redis answer (outside production a missing database is created), and
 * pending migrations run under a lock. Returns the migrations it ran.
 */
export async function prepareServices(config: AppConfig): Promise<string[]> {
  await ensurePostgres(config.DATABASE_URL, { createIfMissing: config.NODE_ENV !== NodeEnv.Production });
  await ensureRedis(config.REDIS_URL);
  return runPendingMigrations(databaseOptions(config, 'migrate'));
}
