import { validateEnv } from '@citygrid/config';
import { databaseOptions, MIGRATIONS_TABLE } from '@citygrid/database';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../../libs/database/src/data-source';

/** Tables, columns, indexes and constraints of the public schema, in a stable order. */
async function schemaOf(dataSource: DataSource): Promise<string[]> {
  const columns = await dataSource.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> $1 ORDER BY table_name, column_name`,
    [MIGRATIONS_TABLE],
  );
  const indexes = await dataSource.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> $1 ORDER BY indexname`,
    [MIGRATIONS_TABLE],
  );
  const constraints = await dataSource.query(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE connamespace = 'public'::regnamespace AND conrelid <> $1::regclass ORDER BY conname`,
    [MIGRATIONS_TABLE],
  );
  return [...columns, ...indexes, ...constraints].map((row) => JSON.stringify(row));
}

describe('migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const options = databaseOptions(validateEnv(process.env), 'test');
    dataSource = await new DataSource({ ...options, entities: ALL_ENTITIES }).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('all ran on the template this test started from', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('build exactly the schema the entities describe (no change left for migration:generate)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('revert one by one down to an empty schema, and run up again to the same schema', async () => {
    const before = await schemaOf(dataSource);
    expect(before.length).toBeGreaterThan(0);

    for (let i = 0; i < dataSource.migrations.length; i++)
      await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await schemaOf(dataSource)).toEqual([]);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM ${MIGRATIONS_TABLE}`)).toEqual([{ n: 0 }]);

    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(dataSource.migrations.map((m) => m.name));
    expect(await schemaOf(dataSource)).toEqual(before);
  });
});
