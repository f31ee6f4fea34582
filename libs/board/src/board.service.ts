import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  CaseEntity,
  caseChangedEvent,
  caseInScope,
  CaseScopeService,
  leftEvent,
  CaseStatus,
  type CaseScope,
} from '@citygrid/cases';
import type { Principal } from '@citygrid/common';
import type { BoardCountsEvent, BoardSyncResult, CaseChangedEvent, Light } from '@citygrid/realtime';
import type { DataSource, SelectQueryBuilder } from 'typeorm';

/** A client further behind than this many changes reloads the snapshot instead of replaying them. */
export const SYNC_LIMIT = 500;

/** The advisory-lock class under which case changes in flight hold their number (the migration's constant). */
const BOARD_LOCK_CLASS = 7301;

const FINAL = [CaseStatus.Closed, CaseStatus.Cancelled];

export interface BoardSnapshot {
  /** The change cursor the snapshot is at: `board.sync` from here misses nothing. */
  seq: string;
  asOf: string;
  cases: CaseChangedEvent[];
  counts: BoardCountsEvent;
}

/** What a live board shows and how a client catches up (DESIGN.md §7), always within the caller's case scope. */
@Injectable()
export class BoardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: CaseScopeService,
  ) {}

  /** Open cases in scope with their lights, and the counts; the cursor is read first, so nothing slips between. */
  async snapshot(principal: Principal): Promise<BoardSnapshot> {
    const scope = await this.scopes.scopeOf(principal);
    const seq = await this.currentSeq();
    const now = new Date();
    const cases = await this.inScope(scope)
      .andWhere('c.status NOT IN (:...final)', { final: FINAL })
      .orderBy('c.change_seq', 'ASC')
      .getMany();
    return {
      seq,
      asOf: now.toISOString(),
      cases: cases.map((entity) => caseChangedEvent(entity, now)),
      counts: await this.counts(scope, now),
    };
  }

  /** The changes in scope after `since`, oldest first, or `reload` when there are more than SYNC_LIMIT. */
  async sync(scope: CaseScope, since: string): Promise<BoardSyncResult> {
    const seq = await this.currentSeq();
    const [changed, left] = await Promise.all([
      this.inScope(scope)
        .andWhere('c.change_seq > :since', { since })
        .orderBy('c.change_seq', 'ASC')
        .limit(SYNC_LIMIT + 1)
        .getMany(),
      this.leftScope(scope, since),
    ]);
    if (changed.length + left.length > SYNC_LIMIT) return { reload: true, seq, changes: [] };
    const now = new Date();
    const changes = [
      ...changed.map((entity) => caseChangedEvent(entity, now)),
      ...left.map((entity) => leftEvent(caseChangedEvent(entity, now))),
    ].sort((a, b) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1));
    const last = changes.at(-1)?.seq;
    return { reload: false, seq: last && BigInt(last) < BigInt(seq) ? last : seq, changes };
  }

  /**
   * Cases changed after the cursor that a department of the scope worked on but no longer has (returned, or sent
   * elsewhere): the only way a case leaves a scope, as its place and reporter never change.
   */
  private async leftScope(scope: CaseScope, since: string): Promise<CaseEntity[]> {
    if (scope.all || scope.departmentIds.length === 0) return [];
    const [condition, parameters] = caseInScope('c', scope);
    return this.dataSource.manager
      .createQueryBuilder(CaseEntity, 'c')
      .where(`NOT COALESCE(${condition}, false)`, parameters)
      .andWhere('c.change_seq > :since', { since })
      .andWhere(
        'EXISTS (SELECT 1 FROM case_activities a WHERE a.case_id = c.id AND a.department_id = ANY(:departments))',
        { departments: scope.departmentIds },
      )
      .orderBy('c.change_seq', 'ASC')
      .limit(SYNC_LIMIT + 1)
      .getMany();
  }

  /** Open cases in scope by status, light and street. */
  async counts(scope: CaseScope, now = new Date()): Promise<BoardCountsEvent> {
    const rows: Array<{ status: string; light: Light; street: string | null; n: string }> =
      await this.inScope(scope)
        .select('c.status', 'status')
        .addSelect(
          `CASE WHEN c.step_deadline < :now THEN 'red' WHEN c.step_warn_at <= :now THEN 'yellow' ELSE 'green' END`,
          'light',
        )
        .addSelect('c.street_code', 'street')
        .addSelect('count(*)', 'n')
        .andWhere('c.status NOT IN (:...final)', { final: FINAL, now })
        .groupBy('1, 2, 3')
        .getRawMany();
    const counts: BoardCountsEvent = {
      asOf: now.toISOString(),
      byStatus: {},
      byLight: { green: 0, yellow: 0, red: 0 },
      byStreet: {},
    };
    for (const row of rows) {
      const n = Number(row.n);
      counts.byStatus[row.status] = (counts.byStatus[row.status] ?? 0) + n;
      counts.byLight[row.light] += n;
      const street = row.street ?? 'outOfGrid';
      counts.byStreet[street] = (counts.byStreet[street] ?? 0) + n;
    }
    return counts;
  }

  private inScope(scope: CaseScope): SelectQueryBuilder<CaseEntity> {
    const [condition, parameters] = caseInScope('c', scope);
    return this.dataSource.manager.createQueryBuilder(CaseEntity, 'c').where(condition, parameters);
  }

  /**
   * The cursor a client may resume from: the last committed change, but below any change still in flight. A case
   * change takes its number when written, not when committed, and holds a shared advisory lock on it until its
   * transaction ends (migration AddBoardChangeSequence); a cursor at or past such a number would skip it.
   */
  private async currentSeq(): Promise<string> {
    const [{ seq }]: Array<{ seq: string }> = await this.dataSource.query(
      `SELECT LEAST(
         (SELECT COALESCE(max(change_seq), 0) FROM cases),
         (SELECT min(objid::bigint) - 1 FROM pg_locks
          WHERE locktype = 'advisory' AND classid = $1 AND objsubid = 2)
       )::text AS seq`,
      [BOARD_LOCK_CLASS],
    );
    return seq;
  }
}
