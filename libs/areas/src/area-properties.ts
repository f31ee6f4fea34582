import type { EntityManager, ObjectLiteral } from 'typeorm';
import { AreaLayer } from './area-layer';

/** The properties a feature of a layer carries in an import and an export: the GeoJSON form of an area. */
export function featurePropertiesOf(
  layer: AreaLayer,
  area: ObjectLiteral & { code: string; name: string },
  unitGridCodes: string[],
): Record<string, unknown> {
  return {
    code: area.code,
    name: area.name,
    ...(layer === AreaLayer.UnitGrids ? { areaClass: area['areaClass'] } : {}),
    ...(layer === AreaLayer.ResponsibilityGrids ? { unitGridCodes } : {}),
  };
}

/** A responsibility grid's unit grids, in code order. */
export async function memberCodesOf(manager: EntityManager, gridCode: string): Promise<string[]> {
  const rows: Array<{ code: string }> = await manager.query(
    'SELECT code FROM unit_grids WHERE responsibility_grid_code = $1 ORDER BY code',
    [gridCode],
  );
  return rows.map((row) => row.code);
}
