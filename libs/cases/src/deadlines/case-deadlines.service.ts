import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarService, Step } from '@citygrid/calendar';
import { Role } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import { NoticesService } from '@citygrid/notifications';
import { enqueueInOutbox, JobName, JobProducer, QUEUE_OF_JOB } from '@citygrid/queue';
import type { DataSource } from 'typeorm';
import { CaseEvents } from '../case-events';
import { DUE_PERCENT, routeJob, slaJob, WARN_PERCENT } from '../case-jobs';
import { writeCase } from '../case-writes';
import { STEP_OF_STATUS, thresholdAt } from '../clock/case-clock';
import { clockContextOf } from '../clock/clock-context';
import { CaseActivityEntity } from '../entities/case-activity.entity';
import { CaseEntity } from '../entities/case.entity';
import { systemAction } from '../system-actions';
import { CaseAction } from '../workflow/case-action';
import { EscalationAction, parseEscalationLadder, type EscalationRung } from './escalation-ladder';

/** What a deadline check found: acted, nothing to do, or a timer that fired before its instant. */
export type DeadlineCheck =
  | { outcome: 'acted'; caseId: string; threshold: number }
  | { outcome: 'stale' | 'done'; caseId: string; threshold: number }
  | { outcome: 'early'; caseId: string; threshold: number; dueAt: Date };

export interface SweepResult {
  /** Cases whose routing job was missing, sent again. */
  rerouted: number;
  /** Timers that were missing or had run for an earlier step, added again. */
  timersRepaired: number;
}

/** Steps a department works on; every other step is the owner's (grid manager or center desk). */
const DEPARTMENT_STEPS: readonly Step[] = [Step.Sign, Step.Handle];
const LIVE_JOB_STATES = ['delayed', 'waiting', 'active', 'prioritized', 'waiting-children'];
const SWEEP_BATCH = 1000;

/**
 * The deadline timers of DESIGN.md §5: at 80 % a case turns yellow and whoever works on it is told; at 100 %
 * it turns red, is flagged overdue and their superiors and the dispatch center are told; the escalation
 * ladder runs after that. `sla_stage` records the threshold reached in the current step, under the case's
 * row lock, so a timer that runs twice acts once. The queue only triggers: deadlines live in PostgreSQL.
 */
@Injectable()
export class CaseDeadlinesService {
  readonly ladder: EscalationRung[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: CalendarService,
    private readonly notices: NoticesService,
    private readonly producer: JobProducer,
    private readonly events: CaseEvents,
    private readonly config: AppConfig,
  ) {
    this.ladder = parseEscalationLadder(config.SLA_ESCALATION);
  }

  /** Every threshold of a step, in order: 80, 100, then the ladder's rungs. */
  get thresholds(): number[] {
    return [WARN_PERCENT, DUE_PERCENT, ...this.ladder.map((rung) => rung.percent)];
  }

  async check(caseId: string, step: string, threshold: number): Promise<DeadlineCheck> {
    const result = { caseId, threshold };
    const entity = await this.dataSource.manager.findOneBy(CaseEntity, { id: caseId });
    if (!entity || STEP_OF_STATUS[entity.status] !== step) return { ...result, outcome: 'stale' };
    if (entity.slaStage >= threshold) return { ...result, outcome: 'done' };
    const context = await clockContextOf(this.calendar, entity.handleLimit);
    const dueAt = thresholdAt(entity.status, entity, threshold, context);
    if (!dueAt) return { ...result, outcome: 'stale' };
    if (dueAt.getTime() > Date.now()) return { ...result, outcome: 'early', dueAt };
    const rung = this.ladder.find((r) => r.percent === threshold);
    const recipients = await this.recipientsFor(entity, threshold);
    const next = this.thresholds.find((percent) => percent > threshold);
    const nextAt = next === undefined ? null : thresholdAt(entity.status, entity, next, context);

    const changed = await this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(CaseEntity, {
        where: { id: caseId },
        lock: { mode: 'pessimistic_write' },
      });
      // A new step or stage since the read above makes this timer stale; a moved deadline, a question to ask again.
      if (locked.status !== entity.status || locked.slaStage >= threshold) return 'stale';
      if (locked.stepDeadline?.getTime() !== entity.stepDeadline?.getTime()) return 'moved';
      let after: CaseEntity = {
        ...locked,
        slaStage: threshold,
        slaNextAt: nextAt,
        overdue: locked.overdue || threshold >= DUE_PERCENT,
      };
      if (rung?.action === EscalationAction.Supervise && !locked.supervised) {
        const supervised = systemAction(after, CaseAction.Supervise, new Date(), context, {
          opinion: `Automatic 督办: ${threshold} % of the ${step} limit`,
        });
        if (supervised) {
          after = supervised.entity;
          await manager.insert(CaseActivityEntity, {
            ...supervised.activity,
            details: { threshold },
          });
        }
      }
      after.version = locked.version + 1;
      after.changeSeq = await writeCase(manager, locked, {
        slaStage: after.slaStage,
        slaNextAt: after.slaNextAt,
        overdue: after.overdue,
        supervised: after.supervised,
        version: after.version,
      });
      await this.notices.notify(manager, {
        userIds: recipients,
        ...this.noticeText(locked, threshold, rung),
        caseId,
        dedupeKey: `sla:${caseId}:${step}:${threshold}:${locked.stepDeadline!.toISOString()}`,
      });
      // The next threshold's timer: the ladder's rungs are set only now, and this repairs a lost 100 % one.
      const job = next !== undefined && nextAt ? slaJob(after, next, nextAt) : null;
      if (job) await enqueueInOutbox(manager, [job]);
      return after;
    });
    if (changed === 'moved') return this.check(caseId, step, threshold);
    if (changed === 'stale') return { ...result, outcome: 'stale' };
    this.events.changed(changed);
    return { ...result, outcome: 'acted' };
  }

  /**
   * Repairs what a Redis that lost its data would leave behind (DESIGN.md §5): cases never routed get their
   * routing job again, and open steps whose next timer is missing, or ran for an earlier step, get it back.
   * Runs once per cluster (a BullMQ job scheduler); job ids keep it from adding anything twice.
   */
  async sweep(now = new Date()): Promise<SweepResult> {
    const graceMs = this.config.SLA_SWEEP_SECONDS * 1000;
    const unrouted = await this.dataSource.manager
      .createQueryBuilder(CaseEntity, 'c')
      .select(['c.id', 'c.urgent'])
      .where('c.routed_at IS NULL AND c.created_at < :before', { before: new Date(now.getTime() - graceMs) })
      .orderBy('c.created_at')
      .limit(SWEEP_BATCH)
      .getMany();
    const routing = this.producer.queue(QUEUE_OF_JOB[JobName.CaseRoute]);
    await routing.addBulk(
      unrouted.map((entity) => {
        const job = routeJob(entity);
        return {
          name: job.name,
          data: { ...job.data, correlationId: `sweep:${entity.id}` },
          opts: { jobId: job.jobId, priority: job.priority },
        };
      }),
    );
    return { rerouted: unrouted.length, timersRepaired: await this.repairTimers(now, graceMs) };
  }

  /**
   * Open steps whose next threshold falls before the next sweep: their timer must be waiting for it. One that
   * is missing, ran for an earlier step, or waits past the instant is added again (a late one runs at once).
   * A failed timer is left as it is, visible, for an operator to look at.
   */
  private async repairTimers(now: Date, horizonMs: number): Promise<number> {
    const candidates = await this.dataSource.manager
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.sla_next_at < :horizon', { horizon: new Date(now.getTime() + horizonMs) })
      .orderBy('c.sla_next_at')
      .limit(SWEEP_BATCH)
      .getMany();
    const deadlines = this.producer.queue(QUEUE_OF_JOB[JobName.SlaCheck]);
    let repaired = 0;
    for (const entity of candidates) {
      const threshold = this.thresholds.find((percent) => percent > entity.slaStage);
      const at = entity.slaNextAt!;
      const job = threshold === undefined ? null : slaJob(entity, threshold, at);
      if (!job) continue;
      const existing = await deadlines.getJob(job.jobId);
      const state = existing ? await existing.getState() : null;
      const waitsTooLong = state === 'delayed' && existing!.timestamp + existing!.delay > at.getTime() + 1000;
      if (state === 'failed' || (state && LIVE_JOB_STATES.includes(state) && !waitsTooLong)) continue;
      if (existing && (await deadlines.remove(job.jobId)) === 0) continue;
      await deadlines.add(
        job.name,
        { ...job.data, correlationId: `sweep:${entity.id}` },
        { jobId: job.jobId, delay: Math.max(0, at.getTime() - now.getTime()) },
      );
      repaired += 1;
    }
    return repaired;
  }

  /**
   * Who hears of a threshold. At 80 % whoever works on the step: the department's staff while it signs or
   * handles, else the case's owner (the center's desk for its pool). From 100 % their superiors as well (the
   * department's managers, or the shift leaders) and the dispatch center's shift leaders.
   */
  private async recipientsFor(entity: CaseEntity, threshold: number): Promise<string[]> {
    const step = STEP_OF_STATUS[entity.status];
    const department = step && DEPARTMENT_STEPS.includes(step) ? entity.departmentId : null;
    const workers = department
      ? await this.usersWith([Role.Handler, Role.DeptManager], department)
      : entity.ownerId
        ? [entity.ownerId]
        : await this.usersWith([Role.Dispatcher, Role.ShiftLeader]);
    if (threshold < DUE_PERCENT) return workers;
    // The shift leaders are the center's superiors of a desk step, and the dispatch center for every step.
    const superiors = department ? await this.usersWith([Role.DeptManager], department) : [];
    const center = await this.usersWith([Role.ShiftLeader]);
    return [...new Set([...workers, ...superiors, ...center])];
  }

  private async usersWith(roles: Role[], departmentId?: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM users WHERE roles && $1::text[] AND NOT disabled
       AND ($2::uuid IS NULL OR department_id = $2::uuid)`,
      [roles, departmentId ?? null],
    );
    return rows.map((row) => row.id);
  }

  private noticeText(entity: CaseEntity, threshold: number, rung: EscalationRung | undefined) {
    const step = STEP_OF_STATUS[entity.status];
    const due = entity.stepDeadline!.toISOString();
    if (threshold < DUE_PERCENT) {
      return {
        kind: 'sla.warning',
        title: `Case ${entity.number} is yellow: ${threshold} % of its ${step} time used`,
        body: `The ${step} step is due at ${due}.`,
      };
    }
    if (threshold === DUE_PERCENT) {
      return {
        kind: 'sla.overdue',
        title: `Case ${entity.number} is overdue in ${step}`,
        body: `The ${step} step was due at ${due}.`,
      };
    }
    return {
      kind: rung?.action === EscalationAction.Supervise ? 'case.supervised' : 'sla.escalated',
      title:
        rung?.action === EscalationAction.Supervise
          ? `Case ${entity.number} is under 督办: ${threshold} % of its ${step} time`
          : `Case ${entity.number} is still overdue: ${threshold} % of its ${step} time`,
      body: `The ${step} step was due at ${due}.`,
    };
  }
}
