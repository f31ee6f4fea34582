import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { AreaLayer } from './area-layer';
import { CommunityEntity } from './entities/community.entity';
import { DistrictEntity } from './entities/district.entity';
import { ResponsibilityGridEntity } from './entities/responsibility-grid.entity';
import { StreetEntity } from './entities/street.entity';
import { UnitGridEntity } from './entities/unit-grid.entity';

export interface AreaTable {
  entity: EntityTarget<ObjectLiteral>;
  table: string;
  /** The column holding the parent's code, and its property name. */
  parentColumn: string | null;
  parentProperty: string | null;
}

export const AREA_TABLES: Record<AreaLayer, AreaTable> = {
  [AreaLayer.Districts]: {
    entity: DistrictEntity,
    table: 'districts',
    parentColumn: null,
    parentProperty: null,
  },
  [AreaLayer.Streets]: {
    entity: StreetEntity,
    table: 'streets',
    parentColumn: 'district_code',
    parentProperty: 'districtCode',
  },
  [AreaLayer.Communities]: {
    entity: CommunityEntity,
    table: 'communities',
    parentColumn: 'street_code',
    parentProperty: 'streetCode',
  },
  [AreaLayer.UnitGrids]: {
    entity: UnitGridEntity,
    table: 'unit_grids',
    parentColumn: 'community_code',
    parentProperty: 'communityCode',
  },
  [AreaLayer.ResponsibilityGrids]: {
    entity: ResponsibilityGridEntity,
    table: 'responsibility_grids',
    parentColumn: 'street_code',
    parentProperty: 'streetCode',
  },
};

/** Child layers whose rows point at a layer's rows (deleting a parent with children is refused). */
export const CHILD_TABLES: Record<AreaLayer, string[]> = {
  [AreaLayer.Districts]: ['streets'],
  [AreaLayer.Streets]: ['communities', 'responsibility_grids'],
  [AreaLayer.Communities]: ['unit_grids'],
  [AreaLayer.UnitGrids]: [],
  [AreaLayer.ResponsibilityGrids]: [],
};
