import {
  AreaLayer,
  checkLayer,
  parentCodeOf,
  type AreaGeometry,
  type LayerCheckContext,
} from '@citygrid/areas';
import { ALL_ROLES } from '@citygrid/common';
import { NodeEnv } from '@citygrid/config';
import { MatterFamily } from '@citygrid/departments';
import type { DataSource } from 'typeorm';
import { DEMO_FAMILIES, generateDemoCity, type DemoArea } from './demo-city';
import { DemoSeedRefusedError, seedDemoCityIfEmpty } from './demo-city.seeder';

const city = generateDemoCity();

const westOf = (area: DemoArea) =>
  Math.min(...(area.geometry.coordinates as number[][][])[0].map((p) => p[0]));
const northOf = (area: DemoArea) =>
  Math.max(...(area.geometry.coordinates as number[][][])[0].map((p) => p[1]));

function context(layer: AreaLayer, parents: DemoArea[]): LayerCheckContext {
  return {
    layer,
    toleranceM2: 10,
    parentCodes: new Set(parents.map((p) => p.code)),
    communityGeometries: new Map(city.communities.map((c) => [c.code, c.geometry as AreaGeometry])),
    siblings: [],
    unitGrids: new Map(city.unitGrids.map((g) => [g.code, g.geometry as AreaGeometry])),
  };
}

/** The properties an import file would carry for a generated area. */
const propertiesOf = (area: DemoArea) => ({
  code: area.code,
  name: area.name,
  ...('areaClass' in area ? { areaClass: area.areaClass } : {}),
  ...('unitGridCodes' in area ? { unitGridCodes: area.unitGridCodes } : {}),
});

describe('the demo city', () => {
  it('has the size the README promises', () => {
    expect(city.districts).toHaveLength(2);
    expect(city.streets).toHaveLength(4);
    expect(city.communities).toHaveLength(20);
    expect(city.unitGrids).toHaveLength(2000);
    expect(city.responsibilityGrids).toHaveLength(100);
    expect(city.responsibilityGrids.every((g) => g.unitGridCodes.length === 20)).toBe(true);
    expect(city.departments).toHaveLength(18);
  });

  it('passes every check a real import goes through, layer by layer', async () => {
    const layers: Array<[AreaLayer, DemoArea[], DemoArea[]]> = [
      [AreaLayer.Districts, city.districts, []],
      [AreaLayer.Streets, city.streets, city.districts],
      [AreaLayer.Communities, city.communities, city.streets],
      [AreaLayer.UnitGrids, city.unitGrids, city.communities],
      [AreaLayer.ResponsibilityGrids, city.responsibilityGrids, city.streets],
    ];
    for (const [layer, areas, parents] of layers) {
      const features = areas.map((area, index) => ({
        index,
        geometry: area.geometry,
        properties: propertiesOf(area),
      }));
      const { problems, accepted } = await checkLayer(features, context(layer, parents));
      expect({ layer, problems }).toEqual({ layer, problems: [] });
      expect(accepted).toHaveLength(areas.length);
      for (const area of areas) expect(area.code.startsWith(parentCodeOf(layer, area.code) ?? '')).toBe(true);
    }
  });

  it('numbers unit grids west→east, then north→south, inside each community', () => {
    for (const community of city.communities) {
      const grids = city.unitGrids.filter((g) => g.code.startsWith(community.code));
      expect(grids.map((g) => g.code.slice(12))).toEqual(grids.map((_, i) => String(i + 1).padStart(3, '0')));
      for (let i = 1; i < grids.length; i++) {
        const [a, b] = [grids[i - 1], grids[i]];
        const sameRow = northOf(a) === northOf(b);
        expect(sameRow ? westOf(b) > westOf(a) : northOf(b) < northOf(a)).toBe(true);
      }
    }
  });

  it('has a demo user for every role, a grid manager and an inspector per responsibility grid, handlers per department', () => {
    const usernames = city.users.map((u) => u.username);
    expect(new Set(usernames).size).toBe(usernames.length);
    expect(new Set(city.users.flatMap((u) => u.roles))).toEqual(new Set(ALL_ROLES));
    expect(usernames).toEqual(
      expect.arrayContaining(['admin', 'dispatcher', 'shiftleader', 'acceptor', 'supervisor']),
    );
    city.responsibilityGrids.forEach((grid, i) => {
      expect(grid.manager).toBe(`gm-${i + 1}`);
      expect(grid.inspectors).toEqual([`inspector-${i + 1}`]);
    });
    for (const key of ['sanitation', 'enforcement', 'traffic', 'municipal', 'landscaping', 'utilities']) {
      expect(usernames).toEqual(
        expect.arrayContaining([`handler-${key}-1`, `handler-${key}-2`, `deptmgr-${key}`]),
      );
    }
  });

  it('routes every matter family somewhere, each district to its own sub-unit', () => {
    const families = new Set(city.routingRules.map((rule) => rule.family));
    expect(families).toEqual(new Set(Object.values(MatterFamily)));
    const departments = new Set(city.departments.map((d) => d.code));
    expect(city.routingRules.every((rule) => departments.has(rule.departmentCode))).toBe(true);
    for (const { key } of DEMO_FAMILIES) {
      for (const district of city.districts) {
        expect(city.routingRules).toContainEqual(
          expect.objectContaining({ areaCode: district.code, departmentCode: `${key}-${district.code}` }),
        );
      }
    }
  });

  it('is never seeded in production, before touching the database', async () => {
    const untouchable = {
      transaction: () => {
        throw new Error('the database was touched');
      },
    } as unknown as DataSource;
    await expect(seedDemoCityIfEmpty(untouchable, NodeEnv.Production)).rejects.toBeInstanceOf(
      DemoSeedRefusedError,
    );
  });
});
