import { AdvisoryLock } from '@citygrid/common';
import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * Runs pending migrations under a PostgreSQL advisory lock, so several processes starting at once (api
 * replicas, `npm start`) migrate once and the others wait. Returns the names of the migrations it ran.
 */
export async function runPendingMigrations(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource({ ...options, extra: { ...(options.extra ?? {}), max: 1 } });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [AdvisoryLock.Migrations]);
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      return ran.map((migration) => migration.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [AdvisoryLock.Migrations]);
    }
  } finally {
    await dataSource.destroy();
  }
}
