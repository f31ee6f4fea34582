import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CalendarService } from '@citygrid/calendar';
import { MatterEntity } from '@citygrid/catalogue';
import {
  ErrorKind,
  escapeLike,
  pageLimit,
  toPage,
  type Page,
  type Principal,
  type Role,
} from '@citygrid/common';
import { DepartmentsService } from '@citygrid/departments';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { caseInScope, CaseScopeService, rolesInScope } from './case-scope';
import { toCaseDto, workflowStateOf } from './case-mapper';
import { CasesErrorCode, CasesException } from './cases.exception';
import { openAndAhead, STEP_OF_STATUS, type ClockContext } from './clock/case-clock';
import { clockContextOf } from './clock/clock-context';
import type { CaseQueryDto } from './dto/case-query.dto';
import type {
  AllowedActionsDto,
  CaseActivityDto,
  CaseDetailDto,
  CaseDto,
  CasePhotoDto,
  StepDeadlineDto,
} from './dto/case.dto';
import { CaseActivityEntity } from './entities/case-activity.entity';
import { CasePhotoEntity } from './entities/case-photo.entity';
import { CaseEntity } from './entities/case.entity';
import { PHOTO_STORAGE, type PhotoStorage } from './photos/photo-storage';
import { CaseAction } from './workflow/case-action';
import { CaseStatus } from './workflow/case-status';
import { allowedActions } from './workflow/case-workflow';

export const caseUrl = (id: string) => `/api/v1/cases/${id}`;

/** A case the caller may see, and the caller's roles that reach it (rolesInScope). */
export interface VisibleCase {
  entity: CaseEntity;
  matterName: string | null;
  roles: Role[];
}

/** A case as intake has just written it: everything get() would read back. */
export interface ReportedCase {
  entity: CaseEntity;
  matterName: string | null;
  activity: ActivityRow;
  photos: CasePhotoEntity[];
  /** The clock context the case's deadlines were worked out with. */
  context: ClockContext;
}

/** An activity row with its actor's name, as the case detail shows it. */
type ActivityRow = Omit<CaseActivityEntity, 'caseId' | 'createdAt' | 'case'> & { actorName: string | null };

/** Reads of cases, always within the caller's scope (DESIGN.md §9). */
@Injectable()
export class CaseQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: CaseScopeService,
    private readonly departments: DepartmentsService,
    private readonly calendar: CalendarService,
    @Inject(PHOTO_STORAGE) private readonly storage: PhotoStorage,
  ) {}

  async list(principal: Principal, query: CaseQueryDto): Promise<Page<CaseDto>> {
    const limit = pageLimit(query);
    const now = new Date();
    const qb = this.withMatterName(this.dataSource.manager.createQueryBuilder(CaseEntity, 'c'));
    qb.where(...caseInScope('c', await this.scopes.scopeOf(principal)));
    if (query.cursor) qb.andWhere('c.number < :cursor', { cursor: query.cursor });
    if (query.status?.length) qb.andWhere('c.status IN (:...status)', { status: query.status });
    if (query.light === 'red') qb.andWhere('c.step_deadline < :now', { now });
    if (query.light === 'yellow') qb.andWhere('c.step_warn_at <= :now AND c.step_deadline >= :now', { now });
    if (query.light === 'green') qb.andWhere('c.step_warn_at > :now', { now });
    if (query.area) {
      if (query.area.includes('R')) qb.andWhere('c.responsibility_grid_code = :area', { area: query.area });
      else qb.andWhere('c.unit_grid_code LIKE :areaPrefix', { areaPrefix: `${query.area}%` });
    }
    if (query.departmentId) {
      qb.andWhere('c.department_id = ANY(:departmentIds)', {
        departmentIds: await this.departments.subtreeIds(query.departmentId),
      });
    }
    if (query.matterKind) qb.andWhere('c.matter_kind = :matterKind', { matterKind: query.matterKind });
    if (query.matterCode)
      qb.andWhere('c.matter_code LIKE :matterCode', { matterCode: `${query.matterCode}%` });
    if (query.source) qb.andWhere('c.source = :source', { source: query.source });
    if (query.supervised !== undefined)
      qb.andWhere('c.supervised = :supervised', { supervised: query.supervised });
    if (query.outOfGrid !== undefined)
      qb.andWhere('c.out_of_grid = :outOfGrid', { outOfGrid: query.outOfGrid });
    if (query.overdue !== undefined) {
      qb.andWhere(`(c.overdue OR COALESCE(c.step_deadline < :now, FALSE)) = :overdue`, {
        now,
        overdue: query.overdue,
      });
    }
    if (query.mine) qb.andWhere('c.reporter_id = :me', { me: principal.id });
    if (query.from) qb.andWhere('c.created_at >= :from', { from: query.from });
    if (query.to) qb.andWhere('c.created_at < :to', { to: query.to });
    if (query.q) {
      qb.andWhere('(c.number LIKE :qPrefix OR c.description ILIKE :qWords OR c.address ILIKE :qWords)', {
        qPrefix: `${escapeLike(query.q)}%`,
        qWords: `%${escapeLike(query.q)}%`,
      });
    }
    qb.orderBy('c.number', 'DESC').limit(limit + 1);
    const { entities, raw } = await qb.getRawAndEntities<{ matter_name: string | null }>();
    const rows = entities.map((entity, i) => ({ entity, name: raw[i].matter_name }));
    return toPage(
      rows,
      limit,
      (row) => row.entity.number,
      (row) => toCaseDto(row.entity, row.name, now),
    );
  }

  /** The case with the caller's reach, or CASE_NOT_FOUND / CASE_OUT_OF_SCOPE. */
  async requireVisible(principal: Principal, id: string): Promise<VisibleCase> {
    const scope = await this.scopes.scopeOf(principal);
    const [inScope, params] = caseInScope('c', scope);
    // One read: the case, its matter's name, and whether the caller's scope holds it.
    const { entities, raw } = await this.withMatterName(
      this.dataSource.manager.createQueryBuilder(CaseEntity, 'c'),
    )
      .addSelect(`(${inScope})`, 'in_scope')
      .where('c.id = :id', { id })
      .setParameters(params)
      .getRawAndEntities<{ matter_name: string | null; in_scope: boolean }>();
    const entity = entities[0];
    if (!entity) throw new CasesException(CasesErrorCode.CASE_NOT_FOUND, `No case ${id}`, ErrorKind.NotFound);
    if (!raw[0].in_scope) {
      throw new CasesException(
        CasesErrorCode.CASE_OUT_OF_SCOPE,
        'This case is outside your areas and department',
        ErrorKind.Forbidden,
      );
    }
    return { entity, matterName: raw[0].matter_name, roles: rolesInScope(principal, scope, entity) };
  }

  async get(principal: Principal, id: string): Promise<CaseDetailDto> {
    const { entity, matterName, roles } = await this.requireVisible(principal, id);
    const [activities, photos, context] = await Promise.all([
      this.activities(id),
      this.dataSource.manager.find(CasePhotoEntity, {
        where: { caseId: id },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      clockContextOf(this.calendar, entity.handleLimit),
    ]);
    return detail(entity, matterName, roles, activities, photos, context);
  }

  /**
   * The answer to a report: the same detail get() gives the reporter, built from what intake wrote instead of
   * read back (4 statements fewer on the busiest write).
   */
  async reported(principal: Principal, reported: ReportedCase): Promise<CaseDetailDto> {
    const { entity, matterName, activity, context } = reported;
    const roles = rolesInScope(principal, await this.scopes.scopeOf(principal), entity);
    // As get() orders them: the photos of one report share their created_at, so by id.
    const photos = [...reported.photos].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return detail(entity, matterName, roles, [toActivityDto(activity)], photos, context);
  }

  async allowedActions(principal: Principal, id: string): Promise<AllowedActionsDto> {
    const { entity, roles } = await this.requireVisible(principal, id);
    return {
      version: entity.version,
      status: entity.status,
      actions: allowedActions(workflowStateOf(entity), roles),
    };
  }

  /** A photo's bytes (or its thumbnail's), when the caller may see its case. */
  async photo(principal: Principal, caseId: string, photoId: string, thumbnail: boolean) {
    await this.requireVisible(principal, caseId);
    const photo = await this.dataSource.manager.findOne(CasePhotoEntity, { where: { id: photoId, caseId } });
    const data = photo && (await this.storage.get(thumbnail ? photo.thumbnailKey : photo.storageKey));
    if (!photo || !data) {
      throw new CasesException(
        CasesErrorCode.PHOTO_NOT_FOUND,
        `Case ${caseId} has no photo ${photoId}`,
        ErrorKind.NotFound,
      );
    }
    return { data, contentType: photo.contentType };
  }

  private async activities(caseId: string): Promise<CaseActivityDto[]> {
    const rows: ActivityRow[] = await this.dataSource.manager
      .createQueryBuilder(CaseActivityEntity, 'a')
      .leftJoin('users', 'u', 'u.id = a.actor_id')
      .select([
        'a.id AS "id"',
        'a.action AS "action"',
        'a.from_status AS "fromStatus"',
        'a.to_status AS "toStatus"',
        'a.actor_id AS "actorId"',
        'u.display_name AS "actorName"',
        'a.actor_role AS "actorRole"',
        'a.department_id AS "departmentId"',
        'a.opinion AS "opinion"',
        'a.details AS "details"',
        'a.photo_ids AS "photoIds"',
        'a.started_at AS "startedAt"',
        'a.ended_at AS "endedAt"',
        'a.deadline AS "deadline"',
        'a.extended_deadline AS "extendedDeadline"',
      ])
      .where('a.case_id = :caseId', { caseId })
      .orderBy('a.id', 'ASC')
      .getRawMany();
    return rows.map(toActivityDto);
  }

  private withMatterName(qb: SelectQueryBuilder<CaseEntity>): SelectQueryBuilder<CaseEntity> {
    return qb
      .leftJoin(
        MatterEntity,
        'm',
        'm.version_id = c.catalogue_version_id AND m.kind = c.matter_kind AND m.code = c.matter_code',
      )
      .addSelect('m.name_zh', 'matter_name');
  }
}

/** The case detail: the case, its log, photos, every step's deadline, and what the caller may do now. */
function detail(
  entity: CaseEntity,
  matterName: string | null,
  roles: Role[],
  activities: CaseActivityDto[],
  photos: CasePhotoEntity[],
  context: ClockContext,
): CaseDetailDto {
  const now = new Date();
  const current = openAndAhead(entity.status, entity, context, now).map((s) => ({
    step: s.step,
    startedAt: s.startedAt.toISOString(),
    warnAt: s.warnAt?.toISOString() ?? null,
    dueAt: s.dueAt.toISOString(),
    endedAt: null,
    light: s.light,
    onTime: null,
    projected: s.projected,
  }));
  return {
    ...toCaseDto(entity, matterName, now),
    activities,
    photos: photos.map(toPhotoDto),
    deadlines: [...finishedSteps(activities), ...current],
    allowedActions: allowedActions(workflowStateOf(entity), roles),
  };
}

const toActivityDto = (row: ActivityRow): CaseActivityDto => ({
  id: String(row.id),
  action: row.action,
  fromStatus: row.fromStatus,
  toStatus: row.toStatus,
  actorId: row.actorId,
  actorName: row.actorName,
  actorRole: row.actorRole,
  departmentId: row.departmentId,
  opinion: row.opinion,
  details: row.details,
  photoIds: row.photoIds,
  startedAt: row.startedAt.toISOString(),
  endedAt: row.endedAt.toISOString(),
  deadline: row.deadline?.toISOString() ?? null,
  extendedDeadline: row.extendedDeadline?.toISOString() ?? null,
});

export function toPhotoDto(photo: CasePhotoEntity): CasePhotoDto {
  const url = `${caseUrl(photo.caseId)}/photos/${photo.id}`;
  return {
    id: photo.id,
    stage: photo.stage,
    contentType: photo.contentType,
    bytes: photo.bytes,
    url,
    thumbnailUrl: `${url}?size=thumbnail`,
    uploadedBy: photo.uploadedBy,
    createdAt: photo.createdAt.toISOString(),
  };
}

/**
 * The steps the log shows finished: each status-changing row ends the step of its from-status, with the
 * deadline in force then. Suspension pauses handling rather than ending it.
 */
function finishedSteps(activities: CaseActivityDto[]): StepDeadlineDto[] {
  return activities.flatMap((a) => {
    const step = a.fromStatus ? STEP_OF_STATUS[a.fromStatus as CaseStatus] : undefined;
    const dueAt = a.extendedDeadline ?? a.deadline;
    const ended = a.fromStatus !== a.toStatus && a.action !== CaseAction.ApproveSuspension;
    if (!ended || !step || !dueAt) return [];
    const { startedAt, endedAt } = a;
    return [
      {
        step,
        startedAt,
        warnAt: null,
        dueAt,
        endedAt,
        light: null,
        onTime: endedAt <= dueAt,
        projected: false,
      },
    ];
  });
}
