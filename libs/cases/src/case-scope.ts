import { Injectable } from '@nestjs/common';
import { AreaScopeService } from '@citygrid/areas';
import { AREA_ROLES, DEPARTMENT_ROLES, hasAnyRole, isCityWide, type Principal } from '@citygrid/common';
import { DepartmentsService } from '@citygrid/departments';

/**
 * The cases a caller may see and act on: all for the dispatch center; otherwise those they reported, those
 * located in their areas (inspectors and grid managers) and those with their department or its sub-units.
 */
export type CaseScope =
  | { all: true }
  | {
      all: false;
      reporterId: string;
      prefixes: string[];
      responsibilityGridCodes: string[];
      departmentIds: string[];
    };

@Injectable()
export class CaseScopeService {
  constructor(
    private readonly areaScope: AreaScopeService,
    private readonly departments: DepartmentsService,
  ) {}

  async scopeOf(principal: Principal): Promise<CaseScope> {
    if (isCityWide(principal)) return { all: true };
    // Department staff see the cases sent to them, not every case in the areas their department serves.
    const areas = await this.areaScope.scopeOf({
      ...principal,
      roles: principal.roles.filter((role) => AREA_ROLES.includes(role)),
    });
    if (areas.all) return { all: true };
    const departmentIds = hasAnyRole(principal, DEPARTMENT_ROLES)
      ? ((await this.departments.visibleIds(principal)) ?? [])
      : [];
    return {
      all: false,
      reporterId: principal.id,
      prefixes: areas.prefixes,
      responsibilityGridCodes: areas.responsibilityGridCodes,
      departmentIds,
    };
  }
}

/** The SQL condition "case `alias` is in scope", with its parameters, for composing into any case query. */
export function caseInScope(alias: string, scope: CaseScope): [string, Record<string, unknown>] {
  if (scope.all) return ['TRUE', {}];
  return [
    `(${alias}.reporter_id = :scopeReporter
      OR ${alias}.unit_grid_code LIKE ANY(:scopePrefixes)
      OR ${alias}.responsibility_grid_code = ANY(:scopeGrids)
      OR ${alias}.department_id = ANY(:scopeDepartments))`,
    {
      scopeReporter: scope.reporterId,
      scopePrefixes: scope.prefixes.map((code) => `${code}%`),
      scopeGrids: scope.responsibilityGridCodes,
      scopeDepartments: scope.departmentIds,
    },
  ];
}
