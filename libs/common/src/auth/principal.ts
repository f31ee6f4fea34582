/** The roles of DESIGN.md §3. A user has one or more. */
export enum Role {
  Inspector = 'inspector',
  GridManager = 'grid_manager',
  Acceptor = 'acceptor',
  ShiftLeader = 'shift_leader',
  Dispatcher = 'dispatcher',
  Handler = 'handler',
  DeptManager = 'dept_manager',
  Supervisor = 'supervisor',
  Admin = 'admin',
}

export const ALL_ROLES = Object.values(Role);

/** Dispatch-center and oversight roles: they act city-wide. */
export const CITY_ROLES: readonly Role[] = [
  Role.Acceptor,
  Role.ShiftLeader,
  Role.Dispatcher,
  Role.Supervisor,
  Role.Admin,
];

/** Roles scoped to areas (their responsibility grids, or the area codes they are given). */
export const AREA_ROLES: readonly Role[] = [Role.Inspector, Role.GridManager];

/** Roles scoped to one department and its sub-units. */
export const DEPARTMENT_ROLES: readonly Role[] = [Role.Handler, Role.DeptManager];

/** Who is calling: the signed-in user as the guard loaded it for this request. */
export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Explicit area scope: district, street, community, unit grid or responsibility grid codes. */
  areaCodes: string[];
  departmentId: string | null;
  sessionId: string;
}

interface HasRoles {
  roles: readonly Role[];
}

export const hasAnyRole = (who: HasRoles, roles: readonly Role[]): boolean =>
  who.roles.some((role) => roles.includes(role));

export const isCityWide = (who: HasRoles): boolean => hasAnyRole(who, CITY_ROLES);
