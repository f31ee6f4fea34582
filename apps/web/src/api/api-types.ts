// The shapes the web app reads from the api (docs/*.md). Kept here rather than imported from the server's libs,
// which carry Nest decorators the browser build has no use for.
import type { MultiPolygon, Polygon } from 'geojson';

export type Role =
  | 'inspector'
  | 'grid_manager'
  | 'acceptor'
  | 'shift_leader'
  | 'dispatcher'
  | 'handler'
  | 'dept_manager'
  | 'supervisor'
  | 'admin';

export type Light = 'green' | 'yellow' | 'red';

export const CASE_STATUSES = [
  'REPORTED',
  'VERIFYING',
  'PENDING_DISPATCH',
  'DISPATCHED',
  'HANDLING',
  'SUSPENDED',
  'PENDING_REVIEW',
  'CHECKING',
  'PENDING_CLOSE',
  'CLOSED',
  'CANCELLED',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The statuses a live board shows: every open one. */
export const OPEN_STATUSES = CASE_STATUSES.filter((s) => s !== 'CLOSED' && s !== 'CANCELLED');

export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green'];

export interface ErrorBody {
  error: { code: string; message: string; details?: Array<Record<string, unknown>> };
  correlationId?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Sign-in (docs/access.md)

export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  areaCodes: string[];
  departmentId: string | null;
}

export interface Tokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
  user: Principal;
}

// The live board (docs/board.md)

export interface CaseChanged {
  id: string;
  number: string;
  version: number;
  seq: string;
  status: CaseStatus;
  light: Light;
  /** The responsibility grid. */
  gridCode: string | null;
  streetCode: string | null;
  deptId: string | null;
  ownerId: string | null;
  matter: { kind: string; code: string };
  location: [number, number] | null;
  deadline: string | null;
  at: string;
  left?: true;
}

export interface BoardCounts {
  asOf: string;
  byStatus: Partial<Record<CaseStatus, number>>;
  byLight: Record<Light, number>;
  byStreet: Record<string, number>;
}

export interface BoardSnapshot {
  seq: string;
  asOf: string;
  cases: CaseChanged[];
  counts: BoardCounts;
}

export type BoardSyncResult =
  { reload: false; seq: string; changes: CaseChanged[] } | { reload: true; seq: string; changes: [] };

// Cases (docs/cases.md)

export interface TimeLimit {
  amount: number;
  unit: string;
}

export interface CaseLocation {
  lng: number | null;
  lat: number | null;
  address: string | null;
  unitGridCode: string | null;
  responsibilityGridCode: string | null;
  communityCode: string | null;
  streetCode: string | null;
  areaClass: string | null;
  outOfGrid: boolean;
}

export interface CaseStep {
  step: string;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  light: Light;
}

export interface CaseActivity {
  id: string;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  actorName: string | null;
  actorRole: string | null;
  departmentId: string | null;
  opinion: string | null;
  details: { departmentId?: string; extension?: TimeLimit | null } | null;
  photoIds: string[];
  startedAt: string;
  endedAt: string;
  deadline: string | null;
}

export interface CasePhoto {
  id: string;
  stage: 'report' | 'handling' | 'check' | 'attachment';
  url: string;
  thumbnailUrl: string;
  createdAt: string;
}

export interface CaseDetail {
  id: string;
  number: string;
  source: string;
  status: CaseStatus;
  matterKind: string;
  matterCode: string;
  matterName: string | null;
  conditionKey: string;
  location: CaseLocation;
  description: string;
  reporterContact: string | null;
  departmentId: string | null;
  routedDepartmentId: string | null;
  selfHandled: boolean;
  urgent: boolean;
  supervised: boolean;
  overdue: boolean;
  reworkCount: number;
  returnCount: number;
  pending: string[];
  requestedExtension: TimeLimit | null;
  handleLimit: TimeLimit;
  step: CaseStep | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  activities: CaseActivity[];
  photos: CasePhoto[];
  allowedActions: string[];
}

// Reference data

export interface Matter {
  kind: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export interface Area {
  code: string;
  name: string;
  parentCode: string | null;
  bbox: [number, number, number, number];
  geometry?: Polygon | MultiPolygon;
  responsibilityGridCode?: string | null;
}
