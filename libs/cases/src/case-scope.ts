import { Injectable } from '@nestjs/common';
import { AreaScopeService } from '@citygrid/areas';
import {
  AREA_ROLES,
  DEPARTMENT_ROLES,
  hasAnyRole,
  isCityWide,
  type Principal,
  type Role,
} from '@citygrid/common';
import { DepartmentsService } from '@citygrid/departments';
import type { CaseEntity } from './entities/case.entity';

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
    // Department staff see the cases sent to them, not every case in the areas their department serves;
    // area codes count only for an area role.
    const areaRoles = principal.roles.filter((role) => AREA_ROLES.includes(role));
    const areas = areaRoles.length
      ? await this.areaScope.scopeOf({ ...principal, roles: areaRoles })
      : { all: false as const, prefixes: [], responsibilityGridCodes: [] };
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

type ScopedCase = Pick<CaseEntity, 'unitGridCode' | 'responsibilityGridCode' | 'departmentId'>;

/**
 * The caller's roles that reach this case: a role acts only where its own scope covers the case. Area roles
 * act on cases in their grids, department roles on cases with their department; having reported a case, or
 * seeing it through another role, grants no action.
 */
export function rolesInScope(principal: Principal, scope: CaseScope, target: ScopedCase): Role[] {
  if (scope.all) return principal.roles;
  const grid = target.unitGridCode;
  const inAreas =
    grid !== null &&
    (scope.prefixes.some((prefix) => grid.startsWith(prefix)) ||
      (target.responsibilityGridCode !== null &&
        scope.responsibilityGridCodes.includes(target.responsibilityGridCode)));
  const inDepartment = target.departmentId !== null && scope.departmentIds.includes(target.departmentId);
  return principal.roles.filter(
    (role) => (AREA_ROLES.includes(role) && inAreas) || (DEPARTMENT_ROLES.includes(role) && inDepartment),
  );
}
