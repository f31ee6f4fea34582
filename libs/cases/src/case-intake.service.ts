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
  preparedQuery,
  Role,
  type Principal,
  type UploadedFile,
} from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import { OutboxMessageEntity, outboxRows, type OutboxJob } from '@citygrid/queue';
import { randomUUID } from 'node:crypto';
import { QueryFailedError, type DataSource } from 'typeorm';
import { deadlineJobs, freshDeadlines, routeJob } from './case-jobs';
import { takeCaseNumberSql } from './case-numbers';
import type { ReportedCase } from './case-queries.service';
import { insertRows } from './case-writes';
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

export type IntakeResult =
  /** A new case, as written: the answer needs nothing read back. */
  | { id: string; replayed: false; reported: ReportedCase }
  /** The Idempotency-Key had already made this case: nothing new was created. */
  | { id: string; replayed: true };

/** What intake's one statement answers. */
interface WrittenRow {
  number: string;
  handle_limit: CaseEntity['handleLimit'];
  updated_at: Date;
  change_seq: string;
  activity_id: string;
  details: CaseActivityEntity['details'];
  written_at: Date;
  matter_name: string | null;
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
    // Two independent reads: one round trip's wait instead of two.
    const [place, catalogueVersionId] = await Promise.all([
      this.place(dto),
      this.catalogue.currentVersionId(),
    ]);
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
    const clock = initialClock(now, context);
    // The ids are made here, so the case, its activity, photos and jobs all go in one statement.
    const fields: Omit<CaseEntity, 'number' | 'updatedAt' | 'changeSeq'> = {
      id: randomUUID(),
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
      ownerId: null,
      departmentId: null,
      routedAt: null,
      routedDepartmentId: null,
      selfHandled: dto.selfHandled ?? false,
      urgent,
      supervised: false,
      reworkCount: 0,
      returnCount: 0,
      handleLimit,
      ...clock,
      ...freshDeadlines(clock),
      requestedExtension: null,
      pending: [],
      version: 1,
      createdAt: now,
    };
    const photos = stored.map((photo) => ({
      id: randomUUID(),
      caseId: fields.id,
      stage: PhotoStage.Report,
      ...photo,
      uploadedBy: principal.id,
    }));
    const activity = {
      caseId: fields.id,
      actorId: principal.id,
      actorRole:
        (source === CaseSource.Inspector
          ? Role.Inspector
          : principal.roles.find((r) => DESK_ROLES.includes(r))) ?? null,
      action: REPORT_ACTIVITY,
      departmentId: null,
      fromStatus: null,
      toStatus: CaseStatus.Reported,
      opinion: dto.description,
      photoIds: photos.map((p) => p.id),
      details: { source, selfHandled: fields.selfHandled, outOfGrid: fields.outOfGrid },
      startedAt: now,
      endedAt: now,
      deadline: null,
      extendedDeadline: null,
    };
    const jobs = [routeJob(fields), ...deadlineJobs(fields)];

    let row: WrittenRow;
    try {
      row = await this.write(fields, photos, activity, jobs);
    } catch (error) {
      // Another request with the same key committed first: answer with its case.
      const raced =
        idempotencyKey &&
        this.isIdempotencyClash(error) &&
        (await this.byIdempotencyKey(principal.id, idempotencyKey));
      if (raced) return { id: raced, replayed: true };
      throw error;
    }
    const entity: CaseEntity = {
      ...fields,
      number: row.number,
      handleLimit: row.handle_limit,
      updatedAt: row.updated_at,
      changeSeq: row.change_seq,
    };
    return {
      id: entity.id,
      replayed: false,
      reported: {
        entity,
        matterName: row.matter_name,
        activity: {
          ...activity,
          id: row.activity_id,
          actorName: principal.displayName,
          details: row.details,
        },
        photos: photos.map((photo) => ({ ...photo, createdAt: row.written_at })),
        context,
      },
    };
  }

  /**
   * The case, its first activity, its photos and its jobs' outbox rows, with the day's next case number, in one
   * statement: one round trip, and the number's row lock is held only until this statement commits. Answers
   * what the database set (the number, the transaction's time, the activity's id, JSON as stored) and the
   * matter's name.
   */
  private async write(
    fields: Omit<CaseEntity, 'number' | 'updatedAt' | 'changeSeq'>,
    photos: Array<Omit<CasePhotoEntity, 'createdAt'>>,
    activity: Omit<CaseActivityEntity, 'id' | 'createdAt'>,
    jobs: OutboxJob[],
  ): Promise<WrittenRow> {
    const params: unknown[] = [fields.createdAt, this.config.TZ_CITY];
    const rows = <T extends object>(
      target: new () => T,
      values: Array<Partial<T>>,
      expressions?: Partial<Record<keyof T, string>>,
    ) => insertRows(this.dataSource, target, values, params, expressions);
    const ctes = [
      `n AS (${takeCaseNumberSql('$1', '$2')})`,
      `c AS (INSERT INTO ${rows(CaseEntity, [fields], { number: '(SELECT number FROM n)' })}
         RETURNING number, handle_limit, updated_at, change_seq)`,
      `a AS (INSERT INTO ${rows(CaseActivityEntity, [activity])} RETURNING id, details)`,
      ...(photos.length ? [`p AS (INSERT INTO ${rows(CasePhotoEntity, photos)})`] : []),
      `o AS (INSERT INTO ${rows(OutboxMessageEntity, outboxRows(jobs))})`,
    ];
    params.push(fields.catalogueVersionId, fields.matterKind, fields.matterCode);
    const matter = params.length - 2;
    const [row] = await preparedQuery<WrittenRow>(
      this.dataSource,
      `WITH ${ctes.join(',\n')}
       SELECT c.number, c.handle_limit, c.updated_at, c.change_seq, a.id AS activity_id, a.details,
              now() AS written_at,
              (SELECT name_zh FROM matters WHERE version_id = $${matter} AND kind = $${matter + 1}
                 AND code = $${matter + 2}) AS matter_name
       FROM c, a`,
      params,
    );
    return row;
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
    const [grid] = await preparedQuery<{ rg: string | null; area_class: 'A' | 'B' | 'C' }>(
      this.dataSource,
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
    const [found] = await preparedQuery<{ id: string }>(
      this.dataSource,
      'SELECT id FROM cases WHERE reporter_id = $1 AND idempotency_key = $2',
      [reporterId, key],
    );
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
