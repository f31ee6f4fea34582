import { generateDemoCity, type DemoUnitGrid } from '@citygrid/demo-city';

/** The demo city the e2e database starts from (test/global-setup.ts seeds it), for picking points and codes. */
export const demoCity = generateDemoCity();

export const unitGrid = (code: string): DemoUnitGrid => {
  const grid = demoCity.unitGrids.find((g) => g.code === code);
  if (!grid) throw new Error(`no demo unit grid ${code}`);
  return grid;
};

/** The middle of a demo unit grid (they are rectangles). */
export function centreOf(code: string): [number, number] {
  const ring = (unitGrid(code).geometry.coordinates as number[][][])[0];
  const lngs = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return [(Math.min(...lngs) + Math.max(...lngs)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}
