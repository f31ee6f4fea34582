import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ErrorKind } from '@citygrid/common';
import type { DataSource } from 'typeorm';
import type { AreaClass } from '../area-layer';
import { AreasErrorCode, AreasException } from '../areas.exception';
import type { LocateResultDto, StaffMemberDto } from '../dto/area.dto';
import { pointToWgs84 } from '../geometry/crs';
import { Crs } from '../geometry/geo-types';
import { GridIndexService } from './grid-index.service';

interface LocateRow {
  unit_code: string;
  unit_name: string;
  area_class: AreaClass;
  rg_code: string | null;
  rg_name: string | null;
  community_code: string;
  community_name: string;
  street_code: string;
  street_name: string;
  district_code: string;
  district_name: string;
  manager: StaffMemberDto | null;
  inspectors: StaffMemberDto[];
}

const staffJson = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'username', ${alias}.username, 'displayName', ${alias}.display_name, 'phone', ${alias}.phone)`;

/** Point → unit grid (in-process index) → its responsibility grid, areas and people (one query). */
@Injectable()
export class LocateService {
  constructor(
    private readonly gridIndex: GridIndexService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The WGS-84 point and the unit grid code there, or null outside every grid. */
  locatePoint(
    lng: number,
    lat: number,
    crs: Crs = Crs.WGS84,
  ): { point: [number, number]; code: string | null } {
    const point = pointToWgs84(lng, lat, crs);
    return { point, code: this.gridIndex.locate(point[0], point[1]) };
  }

  async locate(lng: number, lat: number, crs: Crs = Crs.WGS84): Promise<LocateResultDto> {
    const { point, code } = this.locatePoint(lng, lat, crs);
    const rows: LocateRow[] = code
      ? await this.dataSource.query(
          `SELECT u.code AS unit_code, u.name AS unit_name, u.area_class,
                  rg.code AS rg_code, rg.name AS rg_name,
                  c.code AS community_code, c.name AS community_name,
                  s.code AS street_code, s.name AS street_name,
                  d.code AS district_code, d.name AS district_name,
                  CASE WHEN m.id IS NULL THEN NULL ELSE ${staffJson('m')} END AS manager,
                  COALESCE((SELECT json_agg(${staffJson('i')} ORDER BY i.username)
                            FROM responsibility_grid_inspectors ri JOIN users i ON i.id = ri.user_id
                            WHERE ri.responsibility_grid_code = rg.code AND NOT i.disabled), '[]') AS inspectors
           FROM unit_grids u
           JOIN communities c ON c.code = u.community_code
           JOIN streets s ON s.code = c.street_code
           JOIN districts d ON d.code = s.district_code
           LEFT JOIN responsibility_grids rg ON rg.code = u.responsibility_grid_code
           LEFT JOIN users m ON m.id = rg.manager_id AND NOT m.disabled
           WHERE u.code = $1`,
          [code],
        )
      : [];
    const row = rows[0];
    if (!row) {
      throw new AreasException(
        AreasErrorCode.POINT_OUTSIDE_GRIDS,
        `The point ${point[0].toFixed(6)}, ${point[1].toFixed(6)} (WGS-84) is outside every unit grid`,
        ErrorKind.NotFound,
        [{ field: 'lng,lat', reason: 'outside', message: 'no unit grid contains this point', point }],
      );
    }
    return {
      point,
      unitGrid: { code: row.unit_code, name: row.unit_name, areaClass: row.area_class },
      responsibilityGrid: row.rg_code ? { code: row.rg_code, name: row.rg_name! } : null,
      community: { code: row.community_code, name: row.community_name },
      street: { code: row.street_code, name: row.street_name },
      district: { code: row.district_code, name: row.district_name },
      gridManager: row.manager,
      inspectors: row.inspectors,
    };
  }
}
