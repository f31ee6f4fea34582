import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  DEPARTMENT_ROLES,
  ErrorKind,
  escapeLike,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgErrorCode,
  hasAnyRole,
  isCityWide,
  pageLimit,
  toPage,
  type Page,
  type Principal,
  definedFields,
} from '@citygrid/common';
import { Repository } from 'typeorm';
import { DepartmentEntity } from './department.entity';
import { DepartmentsErrorCode, DepartmentsException } from './departments.exception';
import {
  toDepartmentDto,
  type CreateDepartmentDto,
  type DepartmentDto,
  type DepartmentQueryDto,
  type UpdateDepartmentDto,
} from './dto/department.dto';

@Injectable()
export class DepartmentsService {
  constructor(
    @InjectRepository(DepartmentEntity) private readonly departments: Repository<DepartmentEntity>,
  ) {}

  /**
   * The departments a caller may see: everything for city-wide and area roles (they need to know whom work
   * goes to), only their own department and its sub-units for department staff. Null means all.
   */
  async visibleIds(principal: Principal): Promise<string[] | null> {
    if (isCityWide(principal) || !hasAnyRole(principal, DEPARTMENT_ROLES)) return null;
    if (!principal.departmentId) return [];
    return this.subtreeIds(principal.departmentId);
  }

  /** A department and all its sub-units, at any depth. */
  async subtreeIds(id: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.departments.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM departments WHERE id = $1
         UNION SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id)
       SELECT id FROM tree`,
      [id],
    );
    return rows.map((row) => row.id);
  }

  /**
   * The areas a department serves: its own area codes, or else the nearest ancestor's (a sub-unit with none
   * serves what its parent serves). Null when no one up the line names any: the whole city.
   */
  async servedAreaCodes(id: string): Promise<string[] | null> {
    const rows: Array<{ area_codes: string[] }> = await this.departments.query(
      `WITH RECURSIVE chain AS (
         SELECT parent_id, area_codes, 0 AS depth FROM departments WHERE id = $1
         UNION ALL SELECT d.parent_id, d.area_codes, c.depth + 1 FROM departments d JOIN chain c ON d.id = c.parent_id)
       SELECT area_codes FROM chain WHERE cardinality(area_codes) > 0 ORDER BY depth LIMIT 1`,
      [id],
    );
    return rows[0]?.area_codes ?? null;
  }

  async list(principal: Principal, query: DepartmentQueryDto): Promise<Page<DepartmentDto>> {
    const limit = pageLimit(query);
    const visible = await this.visibleIds(principal);
    const qb = this.departments
      .createQueryBuilder('d')
      .orderBy('d.code', 'ASC')
      .take(limit + 1);
    if (visible) qb.andWhere('d.id = ANY(:visible)', { visible });
    if (query.cursor) qb.andWhere('d.code > :cursor', { cursor: query.cursor });
    if (query.parentId) qb.andWhere('d.parent_id = :parentId', { parentId: query.parentId });
    if (query.family) qb.andWhere('d.family = :family', { family: query.family });
    if (query.q) qb.andWhere('(d.code ILIKE :q OR d.name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    return toPage(await qb.getMany(), limit, (d) => d.code, toDepartmentDto);
  }

  async get(principal: Principal, id: string): Promise<DepartmentDto> {
    const visible = await this.visibleIds(principal);
    const entity = visible && !visible.includes(id) ? null : await this.departments.findOneBy({ id });
    if (!entity) throw DepartmentsException.notFound(id);
    return toDepartmentDto(entity);
  }

  /** For other features (users, routing): the department or a 404-style domain error. */
  async require(id: string): Promise<DepartmentEntity> {
    const entity = await this.departments.findOneBy({ id });
    if (!entity) throw DepartmentsException.notFound(id);
    return entity;
  }

  async create(dto: CreateDepartmentDto): Promise<DepartmentDto> {
    if (dto.parentId) await this.requireParent(dto.parentId);
    const entity = this.departments.create({
      code: dto.code,
      name: dto.name,
      family: dto.family,
      parentId: dto.parentId ?? null,
      areaCodes: dto.areaCodes ?? [],
      phone: dto.phone ?? null,
    });
    return toDepartmentDto(await this.save(entity));
  }

  async update(id: string, dto: UpdateDepartmentDto): Promise<DepartmentDto> {
    const entity = await this.require(id);
    if (dto.parentId) {
      await this.requireParent(dto.parentId);
      if ((await this.subtreeIds(id)).includes(dto.parentId)) {
        throw new DepartmentsException(
          DepartmentsErrorCode.DEPARTMENT_PARENT_INVALID,
          'A department cannot be a sub-unit of itself or of its own sub-units',
          ErrorKind.Rule,
          [{ field: 'parentId', message: 'would make a cycle' }],
        );
      }
    }
    Object.assign(entity, definedFields(dto));
    return toDepartmentDto(await this.save(entity));
  }

  async remove(id: string): Promise<void> {
    await this.require(id);
    try {
      await this.departments.delete({ id });
    } catch (error) {
      if (pgErrorCode(error) !== PG_FOREIGN_KEY_VIOLATION) throw error;
      throw new DepartmentsException(
        DepartmentsErrorCode.DEPARTMENT_IN_USE,
        'The department still has sub-units, staff or routing rules; move or remove them first',
        ErrorKind.Conflict,
      );
    }
  }

  exists(id: string): Promise<boolean> {
    return this.departments.existsBy({ id });
  }

  private async requireParent(parentId: string): Promise<void> {
    if (await this.departments.existsBy({ id: parentId })) return;
    throw new DepartmentsException(
      DepartmentsErrorCode.DEPARTMENT_PARENT_INVALID,
      `No department ${parentId} to be the parent`,
      ErrorKind.Rule,
      [{ field: 'parentId', message: 'no such department' }],
    );
  }

  private async save(entity: DepartmentEntity): Promise<DepartmentEntity> {
    try {
      return await this.departments.save(entity);
    } catch (error) {
      if (pgErrorCode(error) !== PG_UNIQUE_VIOLATION) throw error;
      throw new DepartmentsException(
        DepartmentsErrorCode.DEPARTMENT_CODE_TAKEN,
        `A department with code ${entity.code} exists`,
        ErrorKind.Conflict,
        [{ field: 'code', message: 'already taken' }],
      );
    }
  }
}
