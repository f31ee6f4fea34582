import Flatbush from 'flatbush';
import { orient2d } from 'robust-predicates';
import type { AreaGeometry } from '../geometry/geo-types';

export interface LocatableGrid {
  code: string;
  geometry: AreaGeometry;
}

const INSIDE = 1;
const BOUNDARY = 0;
const OUTSIDE = -1;
type Where = typeof INSIDE | typeof BOUNDARY | typeof OUTSIDE;

// nodeSize 8 measured fastest for point queries over 100,000 grids (the default is 16).
const NODE_SIZE = 8;

/**
 * All grids packed in one Float64Array, grid after grid in code order: nested `[[lng, lat], …]` arrays cost a
 * cache miss per vertex, which made point-in-polygon the bottleneck. Grid g starts at data[start[g]] with its
 * polygon count; each polygon is its ring count and its rings; each ring is its vertex count and the x, y of its
 * vertices, closed (the last repeats the first).
 */
interface PackedGrids {
  codes: string[];
  start: Uint32Array;
  data: Float64Array;
  bbox: Float64Array; // minX, minY, maxX, maxY per grid
}

/** Points to unit grid codes over a static set of grids; rebuild it when the grids change. */
export class GridIndex {
  readonly size: number;
  private readonly packed: PackedGrids;
  private readonly tree: Flatbush | null;
  private readonly visit: (id: number) => boolean;
  // Query state shared with `visit`, which flatbush calls back for every grid whose bbox holds the point.
  private x = 0;
  private y = 0;
  private bestInside = -1;
  private bestBoundary = -1;

  private constructor(packed: PackedGrids) {
    this.packed = packed;
    this.size = packed.codes.length;
    this.tree = this.size > 0 ? buildTree(packed) : null;
    // Ids follow code order, so the smallest id wins a tie and a candidate above the best found so far can be
    // skipped without testing it.
    this.visit = (id: number): boolean => {
      if (this.bestInside !== -1 && id > this.bestInside) return false;
      const where = classify(packed.data, packed.start[id], this.x, this.y);
      if (where === INSIDE) this.bestInside = id;
      else if (where === BOUNDARY && (this.bestBoundary === -1 || id < this.bestBoundary))
        this.bestBoundary = id;
      return false; // never collect: the answer is kept in bestInside / bestBoundary
    };
  }

  static build(grids: ReadonlyArray<LocatableGrid>): GridIndex {
    return new GridIndex(pack(grids));
  }

  /**
   * The grid strictly containing the point (the smallest code should grids overlap); failing that, the smallest
   * code among the grids on whose boundary (hole edges included) the point lies; null outside every grid or for
   * non-finite input.
   */
  locate(lng: number, lat: number): string | null {
    if (this.tree === null || !Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    this.x = lng;
    this.y = lat;
    this.bestInside = -1;
    this.bestBoundary = -1;
    this.tree.search(lng, lat, lng, lat, this.visit);
    const id = this.bestInside !== -1 ? this.bestInside : this.bestBoundary;
    return id === -1 ? null : this.packed.codes[id];
  }
}

/** The reference: the same rule by scanning every grid (no index). Used by tests and the benchmark. */
export function locateByScan(grids: ReadonlyArray<LocatableGrid>, lng: number, lat: number): string | null {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
  let inside: string | null = null;
  let boundary: string | null = null;
  for (const grid of grids) {
    const where = classifyGeometry(grid.geometry, lng, lat);
    if (where === INSIDE && (inside === null || grid.code < inside)) inside = grid.code;
    else if (where === BOUNDARY && (boundary === null || grid.code < boundary)) boundary = grid.code;
  }
  return inside ?? boundary;
}

function pack(grids: ReadonlyArray<LocatableGrid>): PackedGrids {
  const sorted = [...grids].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const start = new Uint32Array(sorted.length);
  const data: number[] = [];
  const bbox = new Float64Array(sorted.length * 4);
  sorted.forEach((grid, g) => {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    start[g] = data.length;
    const polygons = polygonsOf(grid.geometry);
    data.push(polygons.length);
    for (const rings of polygons) {
      data.push(rings.length);
      for (const ring of rings) {
        // The scan walks a ring with wrap-around; closing an open ring here gives the index the same edges.
        const open = ring.length > 0 && (ring.length === 1 || !samePoint(ring[0], ring[ring.length - 1]));
        const vertices = open ? [...ring, ring[0]] : ring;
        data.push(vertices.length);
        for (const [x, y] of vertices) {
          data.push(x, y);
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
    }
    bbox.set([minX, minY, maxX, maxY], g * 4);
  });
  return { codes: sorted.map((grid) => grid.code), start, data: Float64Array.from(data), bbox };
}

function buildTree({ codes, bbox }: PackedGrids): Flatbush {
  // A grid without vertices matches no point; a box on another grid's corner keeps ids aligned with codes
  // without stretching the tree's extent (flatbush orders boxes on a Hilbert curve over that extent).
  const g0 = codes.findIndex((_, g) => bbox[g * 4] <= bbox[g * 4 + 2]);
  const [emptyX, emptyY] = g0 === -1 ? [0, 0] : [bbox[g0 * 4], bbox[g0 * 4 + 1]];
  const tree = new Flatbush(codes.length, NODE_SIZE);
  for (let g = 0; g < codes.length; g++) {
    if (bbox[g * 4] > bbox[g * 4 + 2]) tree.add(emptyX, emptyY, emptyX, emptyY);
    else tree.add(bbox[g * 4], bbox[g * 4 + 1], bbox[g * 4 + 2], bbox[g * 4 + 3]);
  }
  tree.finish();
  return tree;
}

function polygonsOf(geometry: AreaGeometry): number[][][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function samePoint(a: number[], b: number[]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Inside if strictly inside any of the grid's polygons, boundary if on the boundary of one, else outside. */
function classify(data: Float64Array, at: number, x: number, y: number): Where {
  let result: Where = OUTSIDE;
  let i = at + 1;
  for (let polygons = data[at]; polygons > 0; polygons--) {
    let crossings = 0;
    let onEdge = false;
    for (let rings = data[i++]; rings > 0; rings--) {
      const end = i + 1 + 2 * data[i];
      if (!onEdge) {
        const c = ringCrossings(data, i + 1, end, x, y);
        if (c === -1) onEdge = true;
        else crossings += c;
      }
      i = end;
    }
    if (onEdge) result = BOUNDARY;
    else if (crossings % 2 === 1) return INSIDE;
  }
  return result;
}

/** The same test on unpacked GeoJSON, for the scan. */
function classifyGeometry(geometry: AreaGeometry, x: number, y: number): Where {
  if (geometry.type === 'Polygon') return classifyPolygon(geometry.coordinates, x, y);
  let result: Where = OUTSIDE;
  for (const polygon of geometry.coordinates) {
    const where = classifyPolygon(polygon, x, y);
    if (where === INSIDE) return INSIDE;
    if (where === BOUNDARY) result = BOUNDARY;
  }
  return result;
}

function classifyPolygon(rings: number[][][], x: number, y: number): Where {
  let crossings = 0;
  for (const ring of rings) {
    const c = nestedRingCrossings(ring, x, y);
    if (c === -1) return BOUNDARY;
    crossings += c;
  }
  return crossings % 2 === 1 ? INSIDE : OUTSIDE;
}

/** Crossings of the ray from (x, y) towards -x over the packed closed ring data[from..to), or -1 on an edge. */
function ringCrossings(data: Float64Array, from: number, to: number, x: number, y: number): number {
  let crossings = 0;
  for (let i = from + 2; i < to; i += 2) {
    const c = edgeCrossing(data[i - 2], data[i - 1], data[i], data[i + 1], x, y);
    if (c === -1) return -1;
    crossings += c;
  }
  return crossings;
}

/** As ringCrossings on a GeoJSON ring; when the ring is closed its last edge is degenerate and counts nothing. */
function nestedRingCrossings(ring: number[][], x: number, y: number): number {
  let crossings = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i];
    const b = ring[i + 1 === ring.length ? 0 : i + 1];
    const c = edgeCrossing(a[0], a[1], b[0], b[1], x, y);
    if (c === -1) return -1;
    crossings += c;
  }
  return crossings;
}

/**
 * One edge of the crossing-number test of point-in-polygon-hao: -1 when (x, y) lies on the edge a-b, 1 when the
 * ray from (x, y) towards -x crosses it, else 0. Comparisons are on the input coordinates and orient2d is exact,
 * so a point on an edge is always found on it whatever the rounding (point-in-polygon-hao subtracts first, which
 * rounds).
 */
function edgeCrossing(ax: number, ay: number, bx: number, by: number, x: number, y: number): number {
  if (ay === y && by === y) return (ax <= x && x <= bx) || (bx <= x && x <= ax) ? -1 : 0;
  if ((ay < y && by < y) || (ay > y && by > y)) return 0;
  const o = orient2d(ax, ay, bx, by, x, y);
  if (o === 0) return -1;
  // Half-open in y so that a ray through a vertex counts it once.
  return (o > 0 && by > y && ay <= y) || (o < 0 && by <= y && ay > y) ? 1 : 0;
}
