import type { LocatableGrid } from '@citygrid/areas';

/** Mulberry32: a small seeded generator, so that a failure can be replayed and a benchmark measures the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * cols × rows irregular quadrilaterals of about 100 m around 120.15 E, 30.25 N: every shared corner is
 * jittered once and used by all the grids around it, so the tiling has no gap and no overlap. Codes run
 * west→east, north→south. Each grid gets fresh arrays, laid out as JSON.parse of stored geometry would be.
 */
export function jitteredTiling(
  cols: number,
  rows: number,
  next: () => number,
  options: { shuffle?: boolean } = {},
) {
  const [x0, y0, dx, dy] = [120.15, 30.25, 0.00104, 0.0009];
  const corner: [number, number][][] = [];
  for (let i = 0; i <= cols; i++) {
    corner.push([]);
    for (let j = 0; j <= rows; j++) {
      corner[i].push([x0 + (i + (next() - 0.5) * 0.5) * dx, y0 - (j + (next() - 0.5) * 0.5) * dy]);
    }
  }
  const grids: LocatableGrid[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const ring = [corner[i][j], corner[i][j + 1], corner[i + 1][j + 1], corner[i + 1][j], corner[i][j]];
      grids.push({
        code: String(330102001001000 + j * cols + i + 1),
        geometry: { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x, y])] },
      });
    }
  }
  if (options.shuffle) {
    for (let k = grids.length - 1; k > 0; k--) {
      const m = Math.floor(next() * (k + 1));
      [grids[k], grids[m]] = [grids[m], grids[k]];
    }
  }
  return { grids, corner, bbox: [x0 - dx, y0 - (rows + 1) * dy, x0 + (cols + 1) * dx, y0 + dy] };
}
