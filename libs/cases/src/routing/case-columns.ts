import type { DataSource } from 'typeorm';
import { CaseEntity } from '../entities/case.entity';

/**
 * A SELECT list of every column of a case under the entity's property names, so that a raw row is a
 * CaseEntity: node-postgres already gives each column the type TypeORM would (Date, parsed jsonb, arrays,
 * bigint as a string). A column for which that stops being true (a transformer, a `date` that TypeORM keeps
 * as a string) fails here, at start, rather than in a case.
 */
export function caseColumns(dataSource: DataSource, alias: string): string {
  const columns = dataSource.getMetadata(CaseEntity).columns;
  const odd = columns.find((column) => column.transformer || column.type === 'date');
  if (odd) throw new Error(`cases.${odd.databaseName} cannot be read raw: map it in caseColumns`);
  return columns.map((column) => `${alias}.${column.databaseName} AS "${column.propertyName}"`).join(', ');
}
