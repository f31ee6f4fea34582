import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LocateService } from '@citygrid/areas';
import { CalendarService } from '@citygrid/calendar';
import { CatalogueService } from '@citygrid/catalogue';
import {
  CommonErrorCode,
  DomainException,
  ErrorKind,
  hasAnyRole,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  Role,
  type Principal,
  type UploadedFile,
} from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import { enqueueInOutbox } from '@citygrid/queue';
import { QueryFailedError, type DataSource } from 'typeorm';
import { deadlineJobs, freshDeadlines, routeJob } from './case-jobs';
import { nextCaseNumber } from './case-numbers';
import { CasesErrorCode, CasesException } from './cases.exception';
import { initialClock } from './clock/case-clock';
import { clockContextOf } from './clock/clock-context';
import type { CreateCaseDto } from './dto/create-case.dto';
import { CaseActivityEntity } from './entities/case-activity.entity';
import { CasePhotoEntity, PhotoStage } from './entities/case-photo.entity';
import { CaseEntity, CaseSource } from './entities/case.entity';
import { PhotoStore } from './photos/photo-store';
import { CaseStatus } from './workflow/case-status';

/** The pseudo-action of a case's first activity row: the report itself. */
export const REPORT_ACTIVITY = 'report';

/** Center desk roles may enter reports on a caller's behalf (hotline, public, video, referral). */
const DESK_ROLES = [Role.Acceptor, Role.ShiftLeader, Role.Dispatcher, Role.GridManager];
export const INTAKE_ROLES = [Role.Inspector, ...DESK_ROLES];

/** The area class where a point is in no grid: general (B). */
const DEFAULT_AREA_CLASS = 'B';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export interface IntakeResult {
  id: string;
  /** True when the Idempotency-Key had already made this case: nothing new was created. */
  replayed: boolean;
}

/**
 * Intake (DESIGN.md §2): checks the report, locates it in the grid index, stores its photos, and writes the
 * case, its first activity and the outbox row that routes it, in one transaction. A point outside every grid
 * is kept and flagged OUT_OF_GRID for the dispatch center's pool; nothing reported is lost.
 */
@Injectable()
export class CaseIntakeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly locate: LocateService,
    private readonly catalogue: CatalogueService,
    private readonly calendar: CalendarService,
    private readonly photos: PhotoStore,
    private readonly config: AppConfig,
  ) {}

  async report(
    principal: Principal,
    dto: CreateCaseDto,
    files: UploadedFile[],
    idempotencyKey: string | undefined,
  ): Promise<IntakeResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new CasesException(
        CasesErrorCode.IDEMPOTENCY_KEY_INVALID,
        'Idempotency-Key must be 1 to 200 printable ASCII characters',
        ErrorKind.Invalid,
        [{ field: 'Idempotency-Key', reason: 'format', message: 'use a UUID made once per report' }],
      );
    }
    const earlier = idempotencyKey && (await this.byIdempotencyKey(principal.id, idempotencyKey));
    if (earlier) return { id: earlier, replayed: true };

    const source = this.sourceFor(principal, dto);
    if (source === CaseSource.Inspector && files.length === 0) {
      throw new CasesException(
        CasesErrorCode.CASE_PHOTOS_REQUIRED,
        'An inspector’s report needs at least one photo',
        ErrorKind.Rule,
        [{ field: 'photos', reason: 'required', message: 'attach 1 to 9 photos' }],
      );
    }
    const place = await this.place(dto);
    const catalogueVersionId = await this.catalogue.currentVersionId();
    const { limit: handleLimit, urgent } = await this.catalogue
      .handleLimit(catalogueVersionId, dto.matterKind, dto.matterCode, dto.conditionKey, place.areaClass)
      .catch((error: unknown) => {
        if (!(error instanceof DomainException) || error.kind !== ErrorKind.NotFound) throw error;
        throw new CasesException(CasesErrorCode.CASE_MATTER_UNKNOWN, error.message, ErrorKind.Invalid, [
          {
            field: 'conditionKey',
            reason: 'unknown',
            message: 'pick a matter and filing condition from the catalogue',
          },
        ]);
      });
    const stored = await this.photos.storeAll(files);
    const now = new Date();
    const context = await clockContextOf(this.calendar, handleLimit);

    try {
      return await this.dataSource.transaction(async (manager) => {
        const clock = initialClock(now, context);
        const entity = manager.create(CaseEntity, {
          number: await nextCaseNumber(manager, now, this.config.TZ_CITY),
          source,
          status: CaseStatus.Reported,
          catalogueVersionId,
          matterKind: dto.matterKind,
          matterCode: dto.matterCode,
          filingConditionKey: dto.conditionKey,
          ...place,
          address: dto.address ?? null,
          description: dto.description,
          reporterId: principal.id,
          reporterContact: dto.reporterContact ?? null,
          idempotencyKey: idempotencyKey ?? null,
          selfHandled: dto.selfHandled ?? false,
          urgent,
          handleLimit,
          ...clock,
          ...freshDeadlines(clock),
          createdAt: now,
        });
        const saved = await manager.save(entity);
        const photos = await manager.save(
          stored.map((photo) =>
            manager.create(CasePhotoEntity, {
              ...photo,
              caseId: saved.id,
              stage: PhotoStage.Report,
              uploadedBy: principal.id,
            }),
          ),
        );
        await manager.insert(CaseActivityEntity, {
          caseId: saved.id,
          actorId: principal.id,
          actorRole:
            source === CaseSource.Inspector
              ? Role.Inspector
              : principal.roles.find((r) => DESK_ROLES.includes(r)),
          action: REPORT_ACTIVITY,
          fromStatus: null,
          toStatus: CaseStatus.Reported,
          opinion: dto.description,
          photoIds: photos.map((p) => p.id),
          details: { source, selfHandled: saved.selfHandled, outOfGrid: saved.outOfGrid },
          startedAt: now,
          endedAt: now,
        });
        await enqueueInOutbox(manager, [routeJob(saved), ...deadlineJobs(saved)]);
        return { id: saved.id, replayed: false };
      });
    } catch (error) {
      // Another request with the same key committed first: answer with its case.
      const raced =
        idempotencyKey &&
        this.isIdempotencyClash(error) &&
        (await this.byIdempotencyKey(principal.id, idempotencyKey));
      if (raced) return { id: raced, replayed: true };
      throw error;
    }
  }

  /** Inspectors report what they saw; the center enters calls and referrals (never as an inspector’s report). */
  private sourceFor(principal: Principal, dto: CreateCaseDto): CaseSource {
    const inspector = hasAnyRole(principal, [Role.Inspector]);
    const desk = hasAnyRole(principal, DESK_ROLES);
    const source = dto.source ?? (inspector ? CaseSource.Inspector : CaseSource.Hotline);
    const allowed = source === CaseSource.Inspector ? inspector : desk;
    if (!allowed) {
      throw new CasesException(
        CasesErrorCode.CASE_SOURCE_FORBIDDEN,
        source === CaseSource.Inspector
          ? 'Only an inspector files an inspector’s report'
          : `Only the dispatch center enters ${source} reports`,
        ErrorKind.Forbidden,
        [{ field: 'source', reason: 'role', message: `your roles cannot report as ${source}` }],
      );
    }
    if (dto.selfHandled && source !== CaseSource.Inspector) {
      throw new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        'Only an inspector’s own report can be self-handled',
        ErrorKind.Invalid,
        [{ field: 'selfHandled', reason: 'source', message: 'selfHandled needs source inspector' }],
      );
    }
    return source;
  }

  /** Where the report is: its WGS-84 point and grid, or OUT_OF_GRID (kept for the center's pool). */
  private async place(dto: CreateCaseDto) {
    if (dto.lng === undefined || dto.lat === undefined) {
      return { lng: null, lat: null, sourceCrs: null, ...this.noGrid() };
    }
    const { point, code } = this.locate.locatePoint(dto.lng, dto.lat, dto.crs);
    const located = { lng: point[0], lat: point[1], sourceCrs: dto.crs ?? 'WGS84' };
    if (!code) return { ...located, ...this.noGrid() };
    const [grid]: Array<{ rg: string | null; area_class: 'A' | 'B' | 'C' }> = await this.dataSource.query(
      'SELECT responsibility_grid_code AS rg, area_class FROM unit_grids WHERE code = $1',
      [code],
    );
    // The index can lag a grid deletion by moments: a grid gone from the table counts as none.
    if (!grid) return { ...located, ...this.noGrid() };
    return {
      ...located,
      unitGridCode: code,
      responsibilityGridCode: grid.rg,
      communityCode: code.slice(0, 12),
      streetCode: code.slice(0, 9),
      areaClass: grid.area_class,
      outOfGrid: false,
    };
  }

  private noGrid() {
    return {
      unitGridCode: null,
      responsibilityGridCode: null,
      communityCode: null,
      streetCode: null,
      areaClass: DEFAULT_AREA_CLASS as 'A' | 'B' | 'C',
      outOfGrid: true,
    };
  }

  private async byIdempotencyKey(reporterId: string, key: string): Promise<string | null> {
    const found = await this.dataSource.manager.findOne(CaseEntity, {
      select: { id: true },
      where: { reporterId, idempotencyKey: key },
    });
    return found?.id ?? null;
  }

  private isIdempotencyClash(error: unknown): boolean {
    return (
      pgErrorCode(error) === PG_UNIQUE_VIOLATION &&
      ((error as QueryFailedError).driverError as { constraint?: string }).constraint ===
        'UQ_CASES_IDEMPOTENCY'
    );
  }
}
