import type { Pool, PoolClient } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The pg pool under a TypeORM DataSource (same connections, same application_name). The hot paths (the
 * session check, intake, routing, the outbox relay) send named statements on it: PostgreSQL parses and plans
 * each once per connection, and no TypeORM query building runs per request or case.
 */
export const poolOf = (dataSource: DataSource): Pool => (dataSource.driver as PostgresDriver).master as Pool;

/** Runs `work` in a transaction on one connection; rolls back if it throws. A broken connection is dropped. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Statement names by text: one name per distinct text, so a name never stands for two statements. */
const names = new Map<string, string>();

/**
 * Runs a statement of a fixed shape as a named statement on the DataSource's pool (see poolOf), named after
 * its text. It fails as DataSource.query does, with a QueryFailedError, so callers read the SQLSTATE with
 * pgErrorCode as before. Only for statements of a few fixed shapes: every distinct text keeps a name for the
 * life of the process.
 */
export async function preparedQuery<T>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  let name = names.get(text);
  if (!name) names.set(text, (name = `citygrid_${names.size + 1}`));
  try {
    return (await poolOf(dataSource).query({ name, text, values })).rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
