import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AREA_ROLES, DEPARTMENT_ROLES, hasAnyRole, isCityWide, type Principal } from '@citygrid/common';
import { DepartmentsService } from '@citygrid/departments';
import type { DataSource } from 'typeorm';
import { AreaLayer, layerOfCode } from './area-layer';

/**
 * The areas a caller may see, as unit grids: those under any of `prefixes` (district, street, community or
 * unit grid codes) or in any of `responsibilityGridCodes`. `all` for city-wide roles and city-wide departments.
 */
export type AreaScope = { all: true } | { all: false; prefixes: string[]; responsibilityGridCodes: string[] };

@Injectable()
export class AreaScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly departments: DepartmentsService,
  ) {}

  /**
   * City-wide roles see everything. Inspectors and grid managers see their explicit area codes and the
   * responsibility grids they patrol or manage; department staff see the areas their department serves.
   */
  async scopeOf(principal: Principal): Promise<AreaScope> {
    if (isCityWide(principal)) return { all: true };
    const codes = [...principal.areaCodes];
    if (hasAnyRole(principal, DEPARTMENT_ROLES) && principal.departmentId) {
      const served = await this.departments.servedAreaCodes(principal.departmentId);
      if (!served) return { all: true };
      codes.push(...served);
    }
    if (hasAnyRole(principal, AREA_ROLES)) {
      const staffed: Array<{ code: string }> = await this.dataSource.query(
        `SELECT code FROM responsibility_grids WHERE manager_id = $1
         UNION SELECT responsibility_grid_code FROM responsibility_grid_inspectors WHERE user_id = $1`,
        [principal.id],
      );
      codes.push(...staffed.map((row) => row.code));
    }
    const rg = (code: string) => layerOfCode(code) === AreaLayer.ResponsibilityGrids;
    return {
      all: false,
      prefixes: [...new Set(codes.filter((code) => !rg(code)))],
      responsibilityGridCodes: [...new Set(codes.filter(rg))],
    };
  }
}

/**
 * The SQL condition "unit grid `alias` is in scope", with its parameters. Every area query composes it, so
 * scope is enforced by the database query itself rather than by filtering afterwards.
 */
export function unitGridInScope(alias: string, scope: AreaScope): [string, Record<string, unknown>] {
  if (scope.all) return ['TRUE', {}];
  return [
    `(${alias}.code LIKE ANY(:scopePrefixes) OR ${alias}.responsibility_grid_code = ANY(:scopeGrids))`,
    { scopePrefixes: scope.prefixes.map((code) => `${code}%`), scopeGrids: scope.responsibilityGridCodes },
  ];
}
