import type { AppConfig } from '@citygrid/config';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export const MIGRATIONS_TABLE = 'migrations';

/**
 * Connection options shared by the apps and the migration CLI. Each role gets its own pool
 * (`application_name` citygrid-<role> in pg_stat_activity) so routing never waits behind intake.
 */
export function databaseOptions(config: AppConfig, role: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install (DESIGN.md §2: plain PostgreSQL).
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.DATABASE_POOL_SIZE, application_name: `citygrid-${role}` },
  };
}
