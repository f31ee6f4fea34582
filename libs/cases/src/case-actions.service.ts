import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarService, type TimeLimit } from '@citygrid/calendar';
import {
  CommonErrorCode,
  DomainException,
  ErrorKind,
  hasAnyRole,
  type Principal,
  type Role,
  type UploadedFile,
} from '@citygrid/common';
import { DepartmentsService } from '@citygrid/departments';
import { enqueueInOutbox } from '@citygrid/queue';
import type { DataSource, EntityManager } from 'typeorm';
import { CaseEvents } from './case-events';
import { deadlineJobs, freshDeadlines } from './case-jobs';
import { writeCase } from './case-writes';
import { workflowStateOf } from './case-mapper';
import { CaseQueriesService } from './case-queries.service';
import { CasesErrorCode, CasesException, REFUSAL_ERRORS } from './cases.exception';
import { clockAfter, currentStep, endedStep, type CaseClock, type ClockContext } from './clock/case-clock';
import { clockContextOf } from './clock/clock-context';
import type { CaseActionDto } from './dto/case-action.dto';
import type { CaseDetailDto } from './dto/case.dto';
import { CaseActivityEntity, type ActivityDetails } from './entities/case-activity.entity';
import { CasePhotoEntity, PhotoStage } from './entities/case-photo.entity';
import { CaseEntity } from './entities/case.entity';
import { PhotoStore, type StoredPhoto } from './photos/photo-store';
import { CaseAction, PendingRequest } from './workflow/case-action';
import { CaseStatus } from './workflow/case-status';
import { allowedActions, decide, RefusalReason, type Decision } from './workflow/case-workflow';
import { TRANSITION_OF } from './workflow/transition-table';

/** The stage a photo sent with an action documents; photos with any other action are attachments. */
const PHOTO_STAGE: Partial<Record<CaseAction, PhotoStage>> = {
  [CaseAction.ReportVerified]: PhotoStage.Report,
  [CaseAction.AuditSelfHandled]: PhotoStage.Report,
  [CaseAction.Sign]: PhotoStage.Handling,
  [CaseAction.Feedback]: PhotoStage.Handling,
  [CaseAction.RequestReturn]: PhotoStage.Handling,
  [CaseAction.RequestPostponement]: PhotoStage.Handling,
  [CaseAction.RequestSuspension]: PhotoStage.Handling,
  [CaseAction.CheckPassed]: PhotoStage.Check,
  [CaseAction.CheckFailed]: PhotoStage.Check,
};

const clockOf = (entity: CaseEntity): CaseClock => ({
  stepStartedAt: entity.stepStartedAt,
  stepWarnAt: entity.stepWarnAt,
  stepDeadline: entity.stepDeadline,
  handleStartedAt: entity.handleStartedAt,
  handleExtensions: entity.handleExtensions,
  suspendedAt: entity.suspendedAt,
});

/** One caller's request to take an action, with the roles of theirs that reach the case. */
interface Attempt {
  principal: Principal;
  roles: Role[];
  action: CaseAction;
  dto: CaseActionDto;
  photoCount: number;
}

/**
 * The transitions of DESIGN.md §4 over HTTP. Each one checks scope, the version the caller saw and the
 * transition table (state, role, reason, photos), then writes the case, its clock and one activity row in a
 * single transaction with the case row locked, so two people acting at once cannot both win.
 */
@Injectable()
export class CaseActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CaseQueriesService,
    private readonly departments: DepartmentsService,
    private readonly calendar: CalendarService,
    private readonly photos: PhotoStore,
    private readonly events: CaseEvents,
  ) {}

  async act(
    principal: Principal,
    id: string,
    action: CaseAction,
    dto: CaseActionDto,
    files: UploadedFile[],
  ): Promise<CaseDetailDto> {
    this.checkInput(action, dto);
    // Refuse before storing any photo; the locked re-check below is what decides. Nothing inside the
    // transaction may wait for another pooled connection while it holds the case's row lock.
    const { entity, roles } = await this.queries.requireVisible(principal, id);
    const attempt: Attempt = { principal, roles, action, dto, photoCount: files.length };
    this.check(attempt, entity);
    if (action === CaseAction.Dispatch) await this.requireDepartment(dto.departmentId!);
    const context = await clockContextOf(this.calendar, entity.handleLimit);
    const stored = await this.photos.storeAll(files);

    const changed = await this.dataSource.transaction(async (manager) => {
      // Any change since the check above bumped the version, which the locked check refuses.
      const locked = await manager.findOneOrFail(CaseEntity, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const after = await this.apply(manager, attempt, locked, this.check(attempt, locked), stored, context);
      return { before: locked, after };
    });
    this.events.changed(changed.after, changed.before);
    return this.queries.get(principal, id);
  }

  private async apply(
    manager: EntityManager,
    { principal, roles, dto }: Attempt,
    before: CaseEntity,
    decision: Extract<Decision, { allowed: true }>,
    stored: StoredPhoto[],
    context: ClockContext,
  ): Promise<CaseEntity> {
    const now = new Date();
    const { rule, next } = decision;
    const asked = this.extensionOf(dto);
    const clock = clockAfter(
      rule.action,
      { status: before.status, clock: clockOf(before) },
      next.status,
      now,
      {
        ...context,
        grantedExtension: asked ?? before.requestedExtension ?? undefined,
      },
    );
    const departmentId =
      rule.action === CaseAction.Dispatch
        ? dto.departmentId!
        : rule.action === CaseAction.ApproveReturn
          ? null
          : before.departmentId;
    const requestedExtension =
      rule.action === CaseAction.RequestPostponement
        ? asked
        : next.pending.includes(PendingRequest.Postponement)
          ? before.requestedExtension
          : null;
    // A new step, or a deadline that moved, starts the deadline timers afresh (DESIGN.md §5).
    const retimed =
      next.status !== before.status || clock.stepDeadline?.getTime() !== before.stepDeadline?.getTime();
    const fields = {
      status: next.status,
      pending: [...next.pending],
      reworkCount: next.reworkCount,
      returnCount: next.returnCount,
      supervised: next.supervised,
      departmentId,
      requestedExtension,
      ...clock,
      ...(retimed ? freshDeadlines(clock) : {}),
      version: before.version + 1,
    };
    const changeSeq = await writeCase(manager, before, fields);
    const after: CaseEntity = { ...before, ...fields, changeSeq };
    if (retimed) await enqueueInOutbox(manager, deadlineJobs(after));

    const photos = await manager.save(
      stored.map((photo) =>
        manager.create(CasePhotoEntity, {
          ...photo,
          caseId: before.id,
          stage: PHOTO_STAGE[rule.action] ?? PhotoStage.Attachment,
          uploadedBy: principal.id,
        }),
      ),
    );
    await manager.insert(CaseActivityEntity, {
      caseId: before.id,
      actorId: principal.id,
      actorRole: roles.find((role) => rule.roles.includes(role)),
      action: rule.action,
      departmentId: departmentId ?? before.departmentId,
      fromStatus: before.status,
      toStatus: next.status,
      opinion: dto.opinion?.trim() || null,
      photoIds: photos.map((photo) => photo.id),
      details: this.detailsOf(rule.action, dto, clock, before, context),
      ...endedStep(before.status, clockOf(before), context),
      endedAt: now,
    });
    return after;
  }

  /** What an activity row keeps beyond the status: where a case went, what extension was asked or granted. */
  private detailsOf(
    action: CaseAction,
    dto: CaseActionDto,
    clock: CaseClock,
    before: CaseEntity,
    context: ClockContext,
  ): ActivityDetails | null {
    switch (action) {
      case CaseAction.Dispatch:
        // The case now waits to be signed for; its handling deadline runs from this dispatch.
        return {
          departmentId: dto.departmentId,
          handleDeadline: currentStep(CaseStatus.Handling, clock, context)?.dueAt ?? null,
        };
      case CaseAction.RequestPostponement:
        return { extension: this.extensionOf(dto) };
      case CaseAction.ApprovePostponement:
        return {
          extension: this.extensionOf(dto) ?? before.requestedExtension,
          handleDeadline: clock.stepDeadline,
        };
      case CaseAction.Resume:
        return { handleDeadline: clock.stepDeadline };
      default:
        return null;
    }
  }

  /** Checks the request against the case as it stands: version first, then the transition table. */
  private check(
    { principal, roles, action, dto, photoCount }: Attempt,
    entity: CaseEntity,
  ): Extract<Decision, { allowed: true }> {
    const state = workflowStateOf(entity);
    const conflictDetails = () => [
      {
        reason: 'current',
        message: `the case is ${entity.status} at version ${entity.version}`,
        status: entity.status,
        version: entity.version,
        allowedActions: allowedActions(state, roles),
      },
    ];
    if (entity.version !== dto.version) {
      throw new CasesException(
        CasesErrorCode.CASE_VERSION_CONFLICT,
        `Case ${entity.number} changed since version ${dto.version}: reload it and decide again`,
        ErrorKind.Conflict,
        conflictDetails(),
      );
    }
    const decision = decide(state, action, roles, {
      reason: dto.opinion,
      photoCount,
    });
    if (decision.allowed) return decision;
    if (
      decision.refusal === RefusalReason.ROLE_NOT_ALLOWED &&
      hasAnyRole(principal, TRANSITION_OF.get(action)!.roles)
    ) {
      throw new CasesException(
        CasesErrorCode.CASE_OUT_OF_SCOPE,
        `Your role for ${action} does not cover case ${entity.number}: it is outside your grids or department`,
        ErrorKind.Forbidden,
        [
          {
            field: 'action',
            reason: 'scope',
            message: 'the case is not in the scope of the role that may take this action',
          },
        ],
      );
    }
    const refusal = REFUSAL_ERRORS[decision.refusal];
    throw new CasesException(
      refusal.code,
      `${action} ${refusal.message} (case ${entity.number}, ${entity.status})`,
      refusal.kind,
      refusal.kind === ErrorKind.Conflict
        ? conflictDetails()
        : [{ field: refusal.field, reason: decision.refusal, message: refusal.message }],
    );
  }

  /** Inputs some actions cannot go without, beyond what the table says. */
  private checkInput(action: CaseAction, dto: CaseActionDto): void {
    const missing = (field: string, message: string) =>
      new DomainException(CommonErrorCode.VALIDATION_FAILED, `${action} needs ${field}`, ErrorKind.Invalid, [
        { field, reason: 'required', message },
      ]);
    if (action === CaseAction.Dispatch && !dto.departmentId) {
      throw missing('departmentId', 'the department the case goes to');
    }
    if (action === CaseAction.RequestPostponement && !this.extensionOf(dto)) {
      throw missing('extensionAmount', 'how much longer, with extensionUnit');
    }
  }

  private async requireDepartment(id: string): Promise<void> {
    if (await this.departments.exists(id)) return;
    throw new CasesException(
      CasesErrorCode.CASE_DEPARTMENT_UNKNOWN,
      `No department ${id}`,
      ErrorKind.Invalid,
      [{ field: 'departmentId', reason: 'unknown', message: 'dispatch to an existing department' }],
    );
  }

  private extensionOf(dto: CaseActionDto): TimeLimit | null {
    return dto.extensionAmount !== undefined && dto.extensionUnit
      ? { amount: dto.extensionAmount, unit: dto.extensionUnit }
      : null;
  }
}
