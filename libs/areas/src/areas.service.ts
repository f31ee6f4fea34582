import { BoardPublisher, Rooms } from '@citygrid/realtime';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorKind, escapeLike, pageLimit, Role, toPage, type Page, type Principal } from '@citygrid/common';
import { UsersService } from '@citygrid/users';
import type { FeatureCollection } from 'geojson';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AreaLayer, LAYER_NOUN } from './area-layer';
import { featurePropertiesOf, memberCodesOf } from './area-properties';
import { AreaScopeService, unitGridInScope, type AreaScope } from './area-scope';
import { AREA_TABLES } from './area-tables';
import { AreasErrorCode, AreasException } from './areas.exception';
import type { AreaDto, AreaQueryDto, GridStaffDto, StaffMemberDto } from './dto/area.dto';
import { ResponsibilityGridEntity } from './entities/responsibility-grid.entity';
import { fromWgs84 } from './geometry/crs';
import { Crs, type AreaGeometry } from './geometry/geo-types';

type AreaRow = ObjectLiteral & {
  code: string;
  name: string;
  geometry: AreaGeometry;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
  areaM2: number;
  sourceCrs: Crs;
};

const PREFIX_LENGTH: Partial<Record<AreaLayer, number>> = {
  [AreaLayer.Districts]: 6,
  [AreaLayer.Streets]: 9,
  [AreaLayer.Communities]: 12,
};

const staffMember = (user: StaffMemberDto): StaffMemberDto => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  phone: user.phone,
});

/** Reading and exporting areas, always within the caller's scope, and staffing. Area writes: AreaWritesService. */
@Injectable()
export class AreasService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: AreaScopeService,
    private readonly users: UsersService,
    private readonly board: BoardPublisher,
  ) {}

  async list(principal: Principal, layer: AreaLayer, query: AreaQueryDto): Promise<Page<AreaDto>> {
    const limit = pageLimit(query);
    const qb = this.scoped(layer, await this.scopes.scopeOf(principal))
      .orderBy('a.code', 'ASC')
      .take(limit + 1);
    const { parentColumn } = AREA_TABLES[layer];
    if (query.cursor) qb.andWhere('a.code > :cursor', { cursor: query.cursor });
    if (query.parent && parentColumn) qb.andWhere(`a.${parentColumn} = :parent`, { parent: query.parent });
    if (query.q) qb.andWhere('(a.code LIKE :q OR a.name ILIKE :q)', { q: `%${escapeLike(query.q)}%` });
    if (query.bbox) {
      const [minLng, minLat, maxLng, maxLat] = query.bbox.split(',').map(Number);
      qb.andWhere(
        'a.max_lng >= :minLng AND a.min_lng <= :maxLng AND a.max_lat >= :minLat AND a.min_lat <= :maxLat',
        {
          minLng,
          minLat,
          maxLng,
          maxLat,
        },
      );
    }
    const rows = (await qb.getMany()) as AreaRow[];
    return toPage(
      rows,
      limit,
      (row) => row.code,
      (row) => this.toDto(layer, row, query.geometry ?? false),
    );
  }

  async get(principal: Principal, layer: AreaLayer, code: string): Promise<AreaDto> {
    const qb = this.scoped(layer, await this.scopes.scopeOf(principal)).andWhere('a.code = :code', { code });
    if (layer === AreaLayer.ResponsibilityGrids) {
      qb.leftJoinAndSelect('a.manager', 'manager').leftJoinAndSelect('a.inspectors', 'inspector');
    }
    const row = (await qb.getOne()) as AreaRow | null;
    if (!row) throw AreasException.notFound(LAYER_NOUN[layer], code);
    const dto = this.toDto(layer, row, true);
    if (layer === AreaLayer.ResponsibilityGrids) {
      const grid = row as unknown as ResponsibilityGridEntity;
      dto.manager = grid.manager ? staffMember(grid.manager) : null;
      dto.inspectors = (grid.inspectors ?? [])
        .map(staffMember)
        .sort((a, b) => a.username.localeCompare(b.username));
      dto.unitGridCodes = await memberCodesOf(this.dataSource.manager, code);
    }
    return dto;
  }

  /** The responsibility grid a unit grid belongs to (null if none); 404 for a unit grid that does not exist. */
  async responsibilityGridOf(unitGridCode: string): Promise<string | null> {
    const [row]: Array<{ rg: string | null }> = await this.dataSource.query(
      'SELECT responsibility_grid_code AS rg FROM unit_grids WHERE code = $1',
      [unitGridCode],
    );
    if (!row) throw AreasException.notFound(LAYER_NOUN[AreaLayer.UnitGrids], unitGridCode);
    return row.rg;
  }

  async exists(layer: AreaLayer, code: string): Promise<boolean> {
    return this.dataSource.getRepository(AREA_TABLES[layer].entity).existsBy({ code });
  }

  /** The whole layer as the GeoJSON an import takes, so an export can be imported again unchanged. */
  async export(layer: AreaLayer, crs: Crs = Crs.WGS84): Promise<FeatureCollection<AreaGeometry | null>> {
    const rows = (await this.dataSource
      .getRepository(AREA_TABLES[layer].entity)
      .createQueryBuilder('a')
      .orderBy('a.code', 'ASC')
      .getMany()) as AreaRow[];
    const members = layer === AreaLayer.ResponsibilityGrids ? await this.allMemberCodes() : new Map();
    return {
      type: 'FeatureCollection',
      features: rows.map((row) => ({
        type: 'Feature',
        id: row.code,
        properties: featurePropertiesOf(layer, row, members.get(row.code) ?? []),
        // A derived outline goes out as null, so that importing the export derives it again.
        geometry: row['geometryDerived'] ? null : fromWgs84(row.geometry, crs),
      })),
    };
  }

  /** Sets a responsibility grid's grid manager and inspectors, checking that each holds the role. */
  async setStaff(code: string, staff: GridStaffDto): Promise<void> {
    const repository = this.dataSource.getRepository(ResponsibilityGridEntity);
    const grid = await repository.findOne({ where: { code }, relations: { inspectors: true } });
    if (!grid) throw AreasException.notFound('responsibility grid', code);
    const problems = [];
    const manager = staff.managerId ? await this.users.findWithRole([staff.managerId], Role.GridManager) : [];
    if (staff.managerId && manager.length === 0) {
      problems.push({ field: 'managerId', message: 'no user with the grid_manager role has this id' });
    }
    const inspectors = await this.users.findWithRole(staff.inspectorIds, Role.Inspector);
    const found = new Set(inspectors.map((user) => user.id));
    staff.inspectorIds.forEach((id, i) => {
      if (!found.has(id))
        problems.push({
          field: `inspectorIds[${i}]`,
          message: 'no user with the inspector role has this id',
        });
    });
    if (problems.length > 0) {
      throw new AreasException(
        AreasErrorCode.STAFF_INVALID,
        'Some of the staff cannot take this grid',
        ErrorKind.Rule,
        problems,
      );
    }
    const before = [grid.managerId, ...(grid.inspectors ?? []).map((user) => user.id)];
    grid.managerId = staff.managerId ?? null;
    grid.manager = manager[0] ?? null;
    grid.inspectors = inspectors;
    await repository.save(grid);
    // Staff who joined or left the grid reconnect their live boards, and join the grid's room anew (or not).
    const after = [grid.managerId, ...inspectors.map((user) => user.id)];
    const moved = [...before, ...after].filter((id) => !(before.includes(id) && after.includes(id)));
    for (const id of new Set(moved)) if (id) this.board.disconnect(Rooms.user(id));
  }

  /** A query over a layer limited to the caller's scope, in SQL. */
  private scoped(layer: AreaLayer, scope: AreaScope): SelectQueryBuilder<ObjectLiteral> {
    const qb = this.dataSource.getRepository(AREA_TABLES[layer].entity).createQueryBuilder('a');
    if (scope.all) return qb;
    const [inScope, params] = unitGridInScope('s', scope);
    if (layer === AreaLayer.UnitGrids) return qb.where(unitGridInScope('a', scope)[0], params);
    if (layer === AreaLayer.ResponsibilityGrids) {
      return qb.where(
        `(a.code = ANY(:scopeGrids) OR a.code IN (SELECT s.responsibility_grid_code FROM unit_grids s WHERE ${inScope}))`,
        params,
      );
    }
    return qb.where(
      `a.code IN (SELECT left(s.code, ${PREFIX_LENGTH[layer]}) FROM unit_grids s WHERE ${inScope})`,
      params,
    );
  }

  private async allMemberCodes(): Promise<Map<string, string[]>> {
    const rows: Array<{ grid: string; codes: string[] }> = await this.dataSource.query(
      `SELECT responsibility_grid_code AS grid, array_agg(code ORDER BY code) AS codes
       FROM unit_grids WHERE responsibility_grid_code IS NOT NULL GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.grid, row.codes]));
  }

  private toDto(layer: AreaLayer, row: AreaRow, withGeometry: boolean): AreaDto {
    const { parentProperty } = AREA_TABLES[layer];
    const dto: AreaDto = {
      layer,
      code: row.code,
      name: row.name,
      parentCode: parentProperty ? (row[parentProperty] as string) : null,
      bbox: [row.minLng, row.minLat, row.maxLng, row.maxLat],
      areaM2: Math.round(row.areaM2 * 10) / 10,
      sourceCrs: row.sourceCrs,
    };
    if (withGeometry) dto.geometry = row.geometry;
    if (layer === AreaLayer.UnitGrids) {
      dto.areaClass = row['areaClass'];
      dto.responsibilityGridCode = row['responsibilityGridCode'];
    }
    if (layer === AreaLayer.ResponsibilityGrids) dto.geometryDerived = row['geometryDerived'];
    return dto;
  }
}
