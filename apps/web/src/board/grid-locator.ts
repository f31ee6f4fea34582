import type { Position } from 'geojson';
import type { Area } from '../api/api-types';

/**
 * Finds the unit grid of a point in the browser, so the map can shade grids by their open cases: the board's
 * events carry the point and the responsibility grid, not the unit grid. Boxes first, then an exact
 * even-odd test; on a shared edge the smallest code wins, as on the server (docs/city-model.md).
 */
export class GridLocator {
  private readonly grids: Area[];

  constructor(unitGrids: readonly Area[]) {
    this.grids = unitGrids.filter((grid) => grid.geometry).sort((a, b) => a.code.localeCompare(b.code));
  }

  locate([lng, lat]: [number, number]): string | null {
    for (const grid of this.grids) {
      const [minLng, minLat, maxLng, maxLat] = grid.bbox;
      if (lng < minLng || lng > maxLng || lat < minLat || lat > maxLat) continue;
      if (contains(grid.geometry!, lng, lat)) return grid.code;
    }
    return null;
  }
}

function contains(geometry: NonNullable<Area['geometry']>, lng: number, lat: number): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((rings) => {
    const [outer, ...holes] = rings;
    return inRing(outer, lng, lat, true) && !holes.some((hole) => inRing(hole, lng, lat, false));
  });
}

/** Even-odd ray casting; a point on the ring's edge counts as inside when `edgeInside`. */
function inRing(ring: Position[], x: number, y: number, edgeInside: boolean): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    const cross = (xj - xi) * (y - yi) - (yj - yi) * (x - xi);
    const within =
      Math.min(xi, xj) <= x && x <= Math.max(xi, xj) && Math.min(yi, yj) <= y && y <= Math.max(yi, yj);
    if (cross === 0 && within) return edgeInside;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
