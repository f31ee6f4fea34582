// The shapes the inspector's and the department's pages read (docs/catalogue-and-time.md, docs/city-model.md,
// docs/cases.md), beside api-types.ts.
import type { CaseStatus, Matter, TimeLimit } from './api-types';

/** A filing condition (立案条件) of a matter, with its closing condition and limits per area class. */
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

/** `GET /catalogue/matters/{kind}/{code}`: a matter with its filing conditions. */
export interface MatterDetail extends Matter {
  majorCode: string;
  filingConditions?: FilingCondition[];
}

interface Named {
  code: string;
  name: string;
}

/** `GET /grids/locate`: where a point falls in the grid (404 POINT_OUTSIDE_GRIDS outside every grid). */
export interface LocateResult {
  point: [number, number];
  unitGrid: Named & { areaClass: 'A' | 'B' | 'C' };
  responsibilityGrid: Named | null;
  community: Named;
  street: Named;
  district: Named;
}

/** `GET /cases/{id}/allowed-actions` */
export interface AllowedActions {
  version: number;
  status: CaseStatus;
  actions: string[];
}

/** The fields of a report (`POST /cases`), as text parts of the multipart form. */
export interface ReportFields {
  matterKind: string;
  matterCode: string;
  conditionKey: string;
  lng?: number;
  lat?: number;
  address?: string;
  description: string;
  selfHandled?: boolean;
}
