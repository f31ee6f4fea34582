import type { DataSource, EntityManager } from 'typeorm';

/**
 * Every PostgreSQL advisory lock CityGrid takes, in one place so no two purposes share a key. Each serialises
 * writers that must check and write against a state that does not move under them, across processes.
 */
export enum AdvisoryLock {
  Migrations = 727_467_001,
  DemoSeed = 727_467_002,
  AreaWrites = 727_467_003,
  Catalogue = 727_467_010,
  CalendarSeed = 727_467_020,
  RoutingOrder = 727_467_030,
}

/** A transaction that first takes `lock` (released when it commits or rolls back). */
export function lockedTransaction<T>(
  dataSource: DataSource,
  lock: AdvisoryLock,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [lock]);
    return work(manager);
  });
}
