import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarService } from '@citygrid/calendar';
import { CatalogueService, type MatterKind } from '@citygrid/catalogue';
import { Role } from '@citygrid/common';
import { enqueueInOutbox } from '@citygrid/queue';
import { RoutingRulesService } from '@citygrid/routing';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { CaseEvents } from '../case-events';
import { deadlineJobs } from '../case-jobs';
import { writeCase } from '../case-writes';
import { clockContextOf } from '../clock/clock-context';
import { CaseActivityEntity } from '../entities/case-activity.entity';
import { CaseEntity, CaseSource } from '../entities/case.entity';
import { SYSTEM_ROLE, systemAction, type ActivityRow } from '../system-actions';
import { CaseAction } from '../workflow/case-action';
import { CaseStatus } from '../workflow/case-status';

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

/**
 * Routes a reported case (DESIGN.md §6): its responsibility grid's manager owns it (else a grid manager of
 * its street, else the dispatch center's pool); the routing rules name its department, and dispatch it at
 * once where a rule says so. One transaction with the case locked, so a job that runs twice, or a worker
 * killed halfway, routes the case exactly once.
 */
@Injectable()
export class CaseRoutingService {
  private readonly logger = new Logger(CaseRoutingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: RoutingRulesService,
    private readonly catalogue: CatalogueService,
    private readonly calendar: CalendarService,
    private readonly events: CaseEvents,
  ) {}

  async route(caseId: string): Promise<RoutingOutcome> {
    const entity = await this.dataSource.manager.findOneBy(CaseEntity, { id: caseId });
    if (!entity) return this.notRouted(caseId);
    if (FINAL_STATES.includes(entity.status) && !entity.routedAt) {
      // Closed or cancelled before its routing job ran (Redis was away): nothing left to place.
      await this.dataSource.manager.update(
        CaseEntity,
        { id: caseId, routedAt: IsNull() },
        { routedAt: new Date() },
      );
      return this.notRouted(caseId);
    }
    if (entity.routedAt) {
      // Routed by an earlier run, which may have died before telling the board: tell it again.
      this.events.changed(entity);
      return this.notRouted(caseId);
    }
    // Everything read through the pool is read before the case's row is locked.
    const owner = await this.ownerOf(entity);
    const family = await this.catalogue.familyOf(
      entity.catalogueVersionId,
      entity.matterKind as MatterKind,
      entity.matterCode,
    );
    const { rule } = await this.rules.route({
      matterKind: entity.matterKind,
      matterCode: entity.matterCode,
      family,
      unitGridCode: entity.unitGridCode,
      responsibilityGridCode: entity.responsibilityGridCode,
      at: entity.createdAt,
    });
    const context = await clockContextOf(this.calendar, entity.handleLimit);

    const routed = await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(CaseEntity, {
        where: { id: caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (locked.routedAt) return null;
      const now = new Date();
      let after: CaseEntity = {
        ...locked,
        ownerId: owner.id,
        routedAt: now,
        routedDepartmentId: rule?.departmentId ?? null,
      };
      const activities: ActivityRow[] = [
        {
          caseId,
          actorId: null,
          actorRole: SYSTEM_ROLE,
          action: ROUTE_ACTIVITY,
          departmentId: rule?.departmentId ?? null,
          fromStatus: locked.status,
          toStatus: locked.status,
          opinion: null,
          photoIds: [],
          details: {
            ownerId: owner.id,
            ownerVia: owner.via,
            departmentId: rule?.departmentId,
            routingRuleId: rule?.id ?? null,
            autoDispatch: rule?.autoDispatch ?? false,
          },
          startedAt: locked.createdAt,
          endedAt: now,
          deadline: null,
          extendedDeadline: null,
        },
      ];
      if (rule?.autoDispatch && this.mayAutoDispatch(locked)) {
        const opinion = `Dispatched by routing rule ${rule.id}`;
        for (const action of locked.status === CaseStatus.Reported
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
      after.version = locked.version + 1;
      after.changeSeq = await this.save(manager, locked, after);
      await manager.insert(CaseActivityEntity, activities);
      if (after.status !== locked.status) await enqueueInOutbox(manager, deadlineJobs(after));
      return after;
    });
    if (!routed) return this.notRouted(caseId);
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

  /** The grid's manager; else a grid manager whose scope is the case's street; else the center's pool. */
  private async ownerOf(entity: CaseEntity): Promise<{ id: string | null; via: OwnerVia }> {
    if (entity.responsibilityGridCode) {
      const [grid]: Array<{ id: string }> = await this.dataSource.query(
        `SELECT u.id FROM responsibility_grids rg JOIN users u ON u.id = rg.manager_id
         WHERE rg.code = $1 AND NOT u.disabled`,
        [entity.responsibilityGridCode],
      );
      if (grid) return { id: grid.id, via: 'grid' };
    }
    if (entity.streetCode) {
      const [street]: Array<{ id: string }> = await this.dataSource.query(
        `SELECT id FROM users WHERE $1 = ANY(roles) AND $2 = ANY(area_codes) AND NOT disabled
         ORDER BY username LIMIT 1`,
        [Role.GridManager, entity.streetCode],
      );
      if (street) return { id: street.id, via: 'street' };
    }
    return { id: null, via: 'center' };
  }

  private async save(manager: EntityManager, before: CaseEntity, after: CaseEntity): Promise<string> {
    const changeSeq = await writeCase(manager, before, {
      ownerId: after.ownerId,
      routedAt: after.routedAt,
      routedDepartmentId: after.routedDepartmentId,
      status: after.status,
      pending: after.pending,
      departmentId: after.departmentId,
      stepStartedAt: after.stepStartedAt,
      stepWarnAt: after.stepWarnAt,
      stepDeadline: after.stepDeadline,
      handleStartedAt: after.handleStartedAt,
      handleExtensions: after.handleExtensions,
      slaStage: after.slaStage,
      slaNextAt: after.slaNextAt,
      overdue: after.overdue,
      version: after.version,
    });
    this.logger.debug(`case ${before.number} routed to ${after.ownerId ?? 'the center pool'}`);
    return changeSeq;
  }

  private notRouted(caseId: string): RoutingOutcome {
    return { caseId, routed: false, ownerId: null, via: null, departmentId: null, autoDispatched: false };
  }
}
