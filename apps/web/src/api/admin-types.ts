// The answers the admin pages read (docs/access.md, city-model.md, catalogue-and-time.md).
import type { Role, TimeLimit } from './api-types';

export interface User {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  roles: Role[];
  areaCodes: string[];
  departmentId: string | null;
  disabled: boolean;
  lockedUntil: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  areaCodes?: string[];
  departmentId?: string | null;
}

export const AREA_LAYERS = [
  'districts',
  'streets',
  'communities',
  'unit-grids',
  'responsibility-grids',
] as const;
export type AreaLayer = (typeof AREA_LAYERS)[number];

export interface AreaRow {
  code: string;
  name: string;
  parentCode: string | null;
  areaM2: number;
  sourceCrs: string;
  areaClass?: string;
  responsibilityGridCode?: string | null;
}

export interface AreaImport {
  id: string;
  layer: AreaLayer;
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  phase: 'checking' | 'writing' | 'done';
  total: number;
  processed: number;
  created: number;
  updated: number;
  /** Each names the feature (`features[3]`), a reason (`OVERLAP`, …), a message and the code when readable. */
  problems: Array<{ field: string; reason: string; message: string; code?: string }>;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface CatalogueVersion {
  id: number;
  label: string;
  note: string | null;
  basedOn: number | null;
  current: boolean;
  createdAt: string;
}

export interface FilingCondition {
  key: string;
  filingZh: string;
  filingEn: string;
  closingZh: string;
  closingEn: string;
  urgent: boolean;
  limits: Record<'A' | 'B' | 'C', TimeLimit>;
  isDefault: boolean;
  source: string;
}

export interface MatterDetail {
  versionId: number;
  kind: string;
  code: string;
  majorCode: string;
  nameZh: string;
  nameEn: string;
  legacyCode2013: string | null;
  family: string;
  local: boolean;
  filingConditions?: FilingCondition[];
}

export interface CalendarStatus {
  timeZone: string;
  periods: Array<{ start: string; end: string }>;
  plainUnits: 'working' | 'natural';
  knownYears: number[];
  missingYears: number[];
  warning: string | null;
}

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  note: string | null;
  source: 'shipped' | 'override';
}

export const CONFIGURED_STEPS = [
  'accept',
  'verify',
  'file',
  'dispatch',
  'sign',
  'review',
  'check',
  'close',
] as const;
export type ConfiguredStep = (typeof CONFIGURED_STEPS)[number];

export const TIME_UNITS = [
  'WORK_MINUTE',
  'WORK_HOUR',
  'WORK_DAY',
  'URGENT_MINUTE',
  'URGENT_HOUR',
  'URGENT_WORK_DAY',
  'HOUR',
  'DAY',
] as const;

export interface RoutingRule {
  id: string;
  position: number;
  name: string;
  matterKind: string | null;
  matterCode: string | null;
  majorCode: string | null;
  family: string | null;
  areaCode: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  departmentId: string;
  autoDispatch: boolean;
  enabled: boolean;
}

export type NewRoutingRule = Omit<RoutingRule, 'id' | 'position'>;

export interface RoutingTestResult {
  sample: Record<string, unknown>;
  rule: RoutingRule | null;
  department: { id: string; code: string; name: string } | null;
  autoDispatch: boolean;
  trace: Array<{ ruleId: string; name: string; matched: boolean; reasons: string[] }>;
}

export const FAMILIES = [
  'sanitation',
  'law_enforcement',
  'traffic_police',
  'municipal_facilities',
  'landscaping',
  'utilities',
  'other',
] as const;
