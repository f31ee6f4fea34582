import type { EntityManager } from 'typeorm';
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
