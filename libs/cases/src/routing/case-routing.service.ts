import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarService } from '@citygrid/calendar';
import { CatalogueService, type MatterKind } from '@citygrid/catalogue';
import { inTransaction, poolOf, Role } from '@citygrid/common';
import { outboxInsertSql, outboxRows } from '@citygrid/queue';
import { RoutingRulesService, type RoutingRuleEntity } from '@citygrid/routing';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { CaseEvents } from '../case-events';
import { deadlineJobs } from '../case-jobs';
import { clockContextOf } from '../clock/clock-context';
import { CaseSource, type CaseEntity } from '../entities/case.entity';
import { SYSTEM_ROLE, systemAction, type ActivityRow } from '../system-actions';
import { CaseAction } from '../workflow/case-action';
import { CaseStatus } from '../workflow/case-status';
import { caseColumns } from './case-columns';

/** The pseudo-action of the activity row that records routing. */
export const ROUTE_ACTIVITY = 'route';

const FINAL_STATES = [CaseStatus.Closed, CaseStatus.Cancelled];

/** Who owns a case, and how they were found (DESIGN.md §6 fallbacks). */
export type OwnerVia = 'grid' | 'street' | 'center';

export interface RoutingOutcome {
  caseId: string;
  /** False when the case had been routed already (a job that ran again) or no longer exists. */
  routed: boolean;
  ownerId: string | null;
  via: OwnerVia | null;
  departmentId: string | null;
  autoDispatched: boolean;
}

/** A case read for routing: the row, who would own it, and the reference data version of the same snapshot. */
interface RoutingRead {
  entity: CaseEntity;
  owner: { id: string | null; via: OwnerVia };
  referenceVersion: string;
}

/** A route that finds the case changed under it reads it again, this many times before the job fails. */
const ATTEMPTS = 5;

/**
 * The case and its owner in one statement: the manager of its responsibility grid, else a grid manager whose
 * scope is its street (the first by username), else none (the center's pool). UNION ALL under LIMIT 1 runs the
 * street branch only when the grid has no manager. reference_data_version comes from the same snapshot.
 */
const readSql = (columns: string) => `SELECT ${columns},
  o.id AS "foundOwnerId", o.via AS "foundOwnerVia",
  (SELECT version FROM reference_data_version)::text AS "referenceVersion"
FROM cases c
LEFT JOIN LATERAL (
  (SELECT u.id, 'grid' AS via FROM responsibility_grids rg JOIN users u ON u.id = rg.manager_id
   WHERE rg.code = c.responsibility_grid_code AND NOT u.disabled)
  UNION ALL
  (SELECT u.id, 'street' FROM users u
   WHERE $2 = ANY(u.roles) AND c.street_code = ANY(u.area_codes) AND NOT u.disabled
   ORDER BY u.username LIMIT 1)
  LIMIT 1
) o ON true
WHERE c.id = $1`;

/**
 * Writes the routing at the version read, if the case is still unrouted and unchanged, with its activity rows
 * and its jobs, in one statement: the inserts join the update's row, so when the case changed meanwhile
 * nothing is written. Answers the case's new place in the board's
 * change log (set by a trigger), or no row.
 */
const WRITE_SQL = `WITH u AS (
  UPDATE cases SET owner_id = $3, routed_at = $4, routed_department_id = $5, status = $6,
    pending = $7, department_id = $8, step_started_at = $9, step_warn_at = $10, step_deadline = $11,
    handle_started_at = $12, handle_extensions = $13, sla_stage = $14, sla_next_at = $15, overdue = $16,
    version = $17, updated_at = now()
  WHERE id = $1 AND version = $2 AND routed_at IS NULL
  RETURNING change_seq
), a AS (
  INSERT INTO "case_activities" (case_id, actor_id, actor_role, action, department_id, details, from_status,
    to_status, opinion, photo_ids, started_at, ended_at, deadline, extended_deadline)
  SELECT r."caseId", r."actorId", r."actorRole", r.action, r."departmentId", r.details, r."fromStatus",
    r."toStatus", r.opinion, r."photoIds", r."startedAt", r."endedAt", r.deadline, r."extendedDeadline"
  FROM u, jsonb_to_recordset($18) AS r("caseId" uuid, "actorId" uuid, "actorRole" text, action text,
    "departmentId" uuid, details jsonb, "fromStatus" text, "toStatus" text, opinion text, "photoIds" uuid[],
    "startedAt" timestamptz, "endedAt" timestamptz, deadline timestamptz, "extendedDeadline" timestamptz)
), o AS (${outboxInsertSql(19, 'u')})
SELECT change_seq FROM u`;

/**
 * Routes a reported case (DESIGN.md §6): its responsibility grid's manager owns it (else a grid manager of
 * its street, else the dispatch center's pool); the routing rules name its department, and dispatch it at
 * once where a rule says so. The case is read once (with its owner), and written in one transaction only if
 * it is still unrouted at the version read, so a job that runs twice, or a worker killed halfway, routes the
 * case exactly once. Named statements on the pool: this runs for every case, at the rate cases come in.
 */
@Injectable()
export class CaseRoutingService {
  private readonly logger = new Logger(CaseRoutingService.name);
  private readonly pool: Pool;
  private readonly readText: string;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly rules: RoutingRulesService,
    private readonly catalogue: CatalogueService,
    private readonly calendar: CalendarService,
    private readonly events: CaseEvents,
  ) {
    this.pool = poolOf(dataSource);
    this.readText = readSql(caseColumns(dataSource, 'c'));
  }

  async route(caseId: string): Promise<RoutingOutcome> {
    for (let attempt = 1; ; attempt++) {
      const read = await this.read(caseId);
      if (!read) return this.notRouted(caseId);
      const { entity, owner } = read;
      if (FINAL_STATES.includes(entity.status) && !entity.routedAt) {
        // Closed or cancelled before its routing job ran (Redis was away): nothing left to place.
        await this.pool.query({
          name: 'route-closed-case',
          text: 'UPDATE cases SET routed_at = $2, updated_at = now() WHERE id = $1 AND routed_at IS NULL',
          values: [caseId, new Date()],
        });
        return this.notRouted(caseId);
      }
      if (entity.routedAt) {
        // Routed by an earlier run, which may have died before telling the board: tell it again. A run that
        // lost a race (a later attempt) stays quiet: the run that won tells the board.
        if (attempt === 1) this.events.changed(entity);
        return this.notRouted(caseId);
      }
      const family = await this.catalogue.familyOf(
        entity.catalogueVersionId,
        entity.matterKind as MatterKind,
        entity.matterCode,
      );
      const { rule } = await this.rules.routeAt(read.referenceVersion, {
        matterKind: entity.matterKind,
        matterCode: entity.matterCode,
        family,
        unitGridCode: entity.unitGridCode,
        responsibilityGridCode: entity.responsibilityGridCode,
        at: entity.createdAt,
      });
      const routed = await this.write(entity, owner, rule);
      if (routed) {
        this.events.changed(routed);
        return {
          caseId,
          routed: true,
          ownerId: owner.id,
          via: owner.via,
          departmentId: rule?.departmentId ?? null,
          autoDispatched: routed.status === CaseStatus.Dispatched,
        };
      }
      if (attempt === ATTEMPTS) throw new Error(`Case ${caseId} kept changing while it was being routed`);
    }
  }

  private async read(caseId: string): Promise<RoutingRead | null> {
    const { rows } = await this.pool.query({
      name: 'route-read',
      text: this.readText,
      values: [caseId, Role.GridManager],
    });
    if (rows.length === 0) return null;
    const { foundOwnerId, foundOwnerVia, referenceVersion, ...entity } = rows[0];
    return {
      entity: entity as CaseEntity,
      owner: foundOwnerId ? { id: foundOwnerId, via: foundOwnerVia } : { id: null, via: 'center' },
      referenceVersion,
    };
  }

  /** The routed case, or null when it changed (or was routed) since it was read. */
  private async write(
    entity: CaseEntity,
    owner: RoutingRead['owner'],
    rule: RoutingRuleEntity | null,
  ): Promise<CaseEntity | null> {
    const now = new Date();
    let after: CaseEntity = {
      ...entity,
      ownerId: owner.id,
      routedAt: now,
      routedDepartmentId: rule?.departmentId ?? null,
    };
    const activities: ActivityRow[] = [
      {
        caseId: entity.id,
        actorId: null,
        actorRole: SYSTEM_ROLE,
        action: ROUTE_ACTIVITY,
        departmentId: rule?.departmentId ?? null,
        fromStatus: entity.status,
        toStatus: entity.status,
        opinion: null,
        photoIds: [],
        details: {
          ownerId: owner.id,
          ownerVia: owner.via,
          departmentId: rule?.departmentId,
          routingRuleId: rule?.id ?? null,
          autoDispatch: rule?.autoDispatch ?? false,
        },
        startedAt: entity.createdAt,
        endedAt: now,
        deadline: null,
        extendedDeadline: null,
      },
    ];
    if (rule?.autoDispatch && this.mayAutoDispatch(entity)) {
      // Only a dispatch starts a clock here, so only then are the calendar and step limits needed.
      const context = await clockContextOf(this.calendar, entity.handleLimit);
      const opinion = `Dispatched by routing rule ${rule.id}`;
      for (const action of entity.status === CaseStatus.Reported
        ? [CaseAction.File, CaseAction.Dispatch]
        : [CaseAction.Dispatch]) {
        const step = systemAction(after, action, now, context, {
          departmentId: rule.departmentId,
          opinion,
        });
        if (!step) break;
        after = step.entity;
        activities.push(step.activity);
      }
    }
    after.version = entity.version + 1;
    const jobs = after.status !== entity.status ? deadlineJobs(after) : [];
    // One statement, but in a transaction all the same: a worker killed while it runs leaves it uncommitted
    // (PostgreSQL rolls back a transaction whose client is gone), so the next worker routes the case itself.
    const changeSeq = await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ change_seq: string }>({
        name: 'route-write',
        text: WRITE_SQL,
        values: [
          entity.id,
          entity.version,
          after.ownerId,
          after.routedAt,
          after.routedDepartmentId,
          after.status,
          after.pending,
          after.departmentId,
          after.stepStartedAt,
          after.stepWarnAt,
          after.stepDeadline,
          after.handleStartedAt,
          JSON.stringify(after.handleExtensions),
          after.slaStage,
          after.slaNextAt,
          after.overdue,
          after.version,
          JSON.stringify(activities),
          JSON.stringify(outboxRows(jobs)),
        ],
      });
      return rows.length === 0 ? null : String(rows[0]!.change_seq);
    });
    if (changeSeq === null) return null;
    this.logger.debug(`case ${entity.number} routed to ${after.ownerId ?? 'the center pool'}`);
    return { ...after, changeSeq };
  }

  /**
   * A rule dispatches a case by itself once it is filed; an inspector's own report counts as filed, as the
   * inspector chose its matter and filing condition on the spot. Public reports wait for verification and
   * filing, self-handled reports for the acceptor's audit, and a case outside every grid for the center.
   */
  private mayAutoDispatch(entity: CaseEntity): boolean {
    if (entity.selfHandled || entity.outOfGrid) return false;
    return (
      entity.status === CaseStatus.PendingDispatch ||
      (entity.status === CaseStatus.Reported && entity.source === CaseSource.Inspector)
    );
  }

  private notRouted(caseId: string): RoutingOutcome {
    return { caseId, routed: false, ownerId: null, via: null, departmentId: null, autoDispatched: false };
  }
}
