import type { DataSource, EntityManager, EntityTarget } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { CaseEntity } from './entities/case.entity';

/**
 * Writes new fields of a case the caller holds locked, at the version it read, and answers the case's new place
 * in the board's change log (set by a trigger).
 */
export async function writeCase(
  manager: EntityManager,
  before: Pick<CaseEntity, 'id' | 'version'>,
  fields: QueryDeepPartialEntity<CaseEntity>,
): Promise<string> {
  const result = await manager
    .createQueryBuilder()
    .update(CaseEntity)
    .set(fields)
    .where('id = :id AND version = :version', { id: before.id, version: before.version })
    .returning('change_seq')
    .execute();
  if (result.affected !== 1) throw new Error(`Case ${before.id} changed under its row lock`);
  return String((result.raw as Array<{ change_seq: string }>)[0].change_seq);
}

/**
 * `"table" (columns) VALUES (…), (…)` for inserting entity rows by hand inside a larger statement (intake's one
 * round trip), as TypeORM's insert would write them: the columns the rows set, each value prepared by the driver
 * (JSON, dates), DEFAULT where a row leaves a column undefined that another row sets. The entity metadata stays
 * the one description of the table. Values go into `params`, numbered on from those already there; `expressions`
 * puts SQL in place of a column's value in every row.
 */
export function insertRows<T extends object>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  rows: Array<Partial<T>>,
  params: unknown[],
  expressions: Partial<Record<keyof T, string>> = {},
): string {
  const metadata = dataSource.getMetadata(target);
  const valueOf = (row: Partial<T>, column: ColumnMetadata): unknown => row[column.propertyName as keyof T];
  const columns = metadata.columns.filter(
    (column) =>
      column.isInsert &&
      !column.isVirtual &&
      (expressions[column.propertyName as keyof T] !== undefined ||
        rows.some((row) => valueOf(row, column) !== undefined)),
  );
  const values = rows.map((row) =>
    columns.map((column) => {
      const expression = expressions[column.propertyName as keyof T];
      if (expression !== undefined) return expression;
      const value = valueOf(row, column);
      if (value === undefined) return 'DEFAULT';
      params.push(dataSource.driver.preparePersistentValue(value, column));
      return `$${params.length}`;
    }),
  );
  return `"${metadata.tableName}" (${columns.map((column) => `"${column.databaseName}"`).join(', ')}) VALUES ${values
    .map((row) => `(${row.join(', ')})`)
    .join(', ')}`;
}
