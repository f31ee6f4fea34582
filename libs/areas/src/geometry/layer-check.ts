import { earthRadius, feature, featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { kinks } from '@turf/kinks';
import { union } from '@turf/union';
import Flatbush from 'flatbush';
import type { Position } from 'geojson';
import {
  AreaClass,
  AreaLayer,
  CODE_FORMATS,
  LAYER_NOUN,
  PARENT_LAYER,
  isValidCode,
  parentCodeOf,
} from '../area-layer';
import type { AreaGeometry, BBox } from './geo-types';
import { bboxOf, geometryAreaM2 } from './measure';

/** One feature of an uploaded FeatureCollection, its geometry already converted to WGS-84. */
export interface LayerFeatureInput {
  /** Its position in the FeatureCollection, for the problem list. */
  index: number;
  /** As uploaded: may be anything, including null. */
  geometry: unknown;
  /** As uploaded: `code`, `name` and the layer's own properties. */
  properties: Record<string, unknown>;
}

export interface LayerCheckContext {
  layer: AreaLayer;
  /** Areas below this are noise (slivers of digitised boundaries). */
  toleranceM2: number;
  /** Codes of the existing parents: districts for streets, streets for communities and responsibility grids,
   * communities for unit grids. */
  parentCodes: Set<string>;
  /** Unit grids only: the geometry of every existing community a feature names as its parent. */
  communityGeometries: Map<string, AreaGeometry>;
  /** Unit grids only: the existing unit grids of the touched communities that the import does not replace. */
  siblings: Array<{ code: string; geometry: AreaGeometry }>;
  /** Responsibility grids only: the existing unit grids (code → geometry) that member lists may name. */
  unitGrids: Map<string, AreaGeometry>;
  /** Responsibility grids only: the responsibility grid each listed unit grid belongs to now, if any. */
  unitGridOwners?: Map<string, string>;
  /** Called every 200 steps, where the check also yields to the event loop, and at the end; a step is one
   * feature in one pass (unit and responsibility grids take two passes). */
  onProgress?: (done: number, total: number) => void;
}

export enum LayerProblemCode {
  GEOMETRY_MISSING = 'GEOMETRY_MISSING',
  GEOMETRY_TYPE = 'GEOMETRY_TYPE',
  COORDINATES_INVALID = 'COORDINATES_INVALID',
  RING_TOO_SHORT = 'RING_TOO_SHORT',
  RING_NOT_CLOSED = 'RING_NOT_CLOSED',
  SELF_INTERSECTION = 'SELF_INTERSECTION',
  AREA_TOO_SMALL = 'AREA_TOO_SMALL',
  CODE_INVALID = 'CODE_INVALID',
  CODE_DUPLICATE = 'CODE_DUPLICATE',
  NAME_MISSING = 'NAME_MISSING',
  PROPERTY_INVALID = 'PROPERTY_INVALID',
  PARENT_NOT_FOUND = 'PARENT_NOT_FOUND',
  OUTSIDE_PARENT = 'OUTSIDE_PARENT',
  OVERLAP = 'OVERLAP',
  GAP = 'GAP',
  MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND',
  MEMBER_OUTSIDE_STREET = 'MEMBER_OUTSIDE_STREET',
  MEMBER_DUPLICATE = 'MEMBER_DUPLICATE',
  MEMBER_TAKEN = 'MEMBER_TAKEN',
}

/** One entry of the error details (DESIGN.md §9). */
export interface LayerProblem {
  /** `features[3]`, `features[3].geometry`, `features[3].properties.code`, or `communities.<code>`. */
  field: string;
  reason: LayerProblemCode;
  /** A sentence for a human, naming the code(s) and, where it applies, the area in m². */
  message: string;
  /** The feature's code when it has a readable one. */
  code?: string;
  /** E.g. otherCode, otherIndex, parentCode, memberCode, areaM2. */
  [extra: string]: unknown;
}

export interface AcceptedArea {
  code: string;
  name: string;
  /** Two-dimensional, consecutive duplicate positions removed, RFC 7946 winding. */
  geometry: AreaGeometry;
  bbox: BBox;
  areaM2: number;
  /** Unit grids (default B). */
  areaClass?: AreaClass;
  /** Responsibility grids. */
  unitGridCodes?: string[];
  /** Responsibility grids: true when the uploaded geometry was null and this is the union of the members. */
  geometryDerived?: boolean;
}

/**
 * Validates and normalises one layer of the city model before import. Every problem is reported; callers
 * reject the whole file when there is any, so `accepted` (the features without a problem) matters only when
 * `problems` is empty. Pure; async only to let the event loop run during a long check.
 */
export async function checkLayer(
  features: LayerFeatureInput[],
  context: LayerCheckContext,
): Promise<{ problems: LayerProblem[]; accepted: AcceptedArea[] }> {
  const problems = new Problems();
  const hasSecondPass =
    context.layer === AreaLayer.UnitGrids || context.layer === AreaLayer.ResponsibilityGrids;
  const progress = new Progress(features.length * (hasSecondPass ? 2 : 1), context.onProgress);

  const candidates: Candidate[] = [];
  for (const input of features) {
    candidates.push(readFeature(input, context, problems));
    await progress.tick();
  }
  checkCodes(candidates, context, problems);
  if (context.layer === AreaLayer.UnitGrids)
    await checkUnitGridPlacement(candidates, context, problems, progress);
  if (context.layer === AreaLayer.ResponsibilityGrids) {
    checkMembers(candidates, context, problems);
    await deriveGeometries(candidates, context, problems, progress);
  }
  progress.finish();

  const accepted = candidates
    .filter((candidate) => !problems.hasFailed(candidate.index))
    .map((candidate) => toAccepted(candidate, context.layer))
    .filter((area): area is AcceptedArea => area !== null);
  return { problems: problems.list(), accepted };
}

// ---------------------------------------------------------------------------------------------------------
// Bookkeeping

/** A feature as read: `code` only when it is valid, `label` whatever names it best in a message. */
interface Candidate {
  index: number;
  readableCode?: string;
  label: string;
  code?: string;
  name?: string;
  areaClass?: AreaClass;
  unitGridCodes?: string[];
  geometryAbsent: boolean;
  shape?: Shape;
  geometryDerived?: boolean;
}

interface Shape {
  geometry: AreaGeometry;
  bbox: BBox;
  areaM2: number;
}

type Report = (
  reason: LayerProblemCode,
  path: string | null,
  message: string,
  extra?: Record<string, unknown>,
) => void;

class Problems {
  private readonly entries: Array<{ order: number; problem: LayerProblem }> = [];
  private readonly failed = new Set<number>();

  /** A reporter for one feature; `path` is relative to `features[i]`. */
  forFeature(index: number, code: string | undefined): Report {
    return (reason, path, message, extra) => {
      const field = path ? `features[${index}].${path}` : `features[${index}]`;
      this.entries.push({
        order: index,
        problem: { field, reason, message, ...(code === undefined ? {} : { code }), ...extra },
      });
      this.failed.add(index);
    };
  }

  forCommunity(communityCode: string, reason: LayerProblemCode, message: string, areaM2: number): void {
    this.entries.push({
      order: Number.POSITIVE_INFINITY,
      problem: { field: `communities.${communityCode}`, reason, message, code: communityCode, areaM2 },
    });
  }

  /** For a feature that is part of a problem reported on another one. */
  fail(index: number): void {
    this.failed.add(index);
  }

  hasFailed(index: number): boolean {
    return this.failed.has(index);
  }

  list(): LayerProblem[] {
    return [...this.entries].sort((a, b) => a.order - b.order).map((entry) => entry.problem);
  }
}

const STEPS_BETWEEN_YIELDS = 200;
const MAX_SLICE_MS = 20;

/** Besides reporting, lets the event loop run now and then: the process keeps serving requests while it checks,
 * and the progress writes (not awaited by the caller) get out. */
class Progress {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly report?: (done: number, total: number) => void,
  ) {}

  private lastYield = performance.now();

  /**
   * Reports every STEPS_BETWEEN_YIELDS steps, and lets the event loop run at least every MAX_SLICE_MS: in an
   * api process a long import must not stall requests, and its progress writes must get out.
   */
  async tick(): Promise<void> {
    this.done += 1;
    const due = this.done % STEPS_BETWEEN_YIELDS === 0 && this.done < this.total;
    if (due) this.report?.(this.done, this.total);
    if (!due && performance.now() - this.lastYield < MAX_SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
  }

  finish(): void {
    this.report?.(this.total, this.total);
  }
}

function roundM2(value: number): number {
  return Math.round(value * 100) / 100;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toAccepted(candidate: Candidate, layer: AreaLayer): AcceptedArea | null {
  const { code, name, shape } = candidate;
  if (code === undefined || name === undefined || shape === undefined) return null;
  const accepted: AcceptedArea = { code, name, ...shape };
  if (layer === AreaLayer.UnitGrids) accepted.areaClass = candidate.areaClass ?? AreaClass.B;
  if (layer === AreaLayer.ResponsibilityGrids) {
    accepted.unitGridCodes = [...(candidate.unitGridCodes ?? [])];
    accepted.geometryDerived = candidate.geometryDerived === true;
  }
  return accepted;
}

// ---------------------------------------------------------------------------------------------------------
// One feature: properties and shape

function readFeature(input: LayerFeatureInput, context: LayerCheckContext, problems: Problems): Candidate {
  const properties = isRecord(input.properties) ? input.properties : {};
  const rawCode = properties.code;
  const readableCode = typeof rawCode === 'string' && rawCode !== '' ? rawCode : undefined;
  const report = problems.forFeature(input.index, readableCode);
  const candidate: Candidate = {
    index: input.index,
    readableCode,
    label: readableCode ?? `features[${input.index}]`,
    geometryAbsent: input.geometry === null || input.geometry === undefined,
  };

  if (isValidCode(context.layer, rawCode)) candidate.code = rawCode;
  else reportInvalidCode(rawCode, context.layer, report);
  candidate.name = readName(properties.name, candidate, context.layer, report);
  if (context.layer === AreaLayer.UnitGrids)
    candidate.areaClass = readAreaClass(properties.areaClass, report);
  if (context.layer === AreaLayer.ResponsibilityGrids) {
    candidate.unitGridCodes = readUnitGridCodes(properties.unitGridCodes, report);
  }

  if (!candidate.geometryAbsent) {
    candidate.shape = readShape(input.geometry, candidate.label, context.toleranceM2, report);
  } else if (context.layer !== AreaLayer.ResponsibilityGrids) {
    report(LayerProblemCode.GEOMETRY_MISSING, 'geometry', `${candidate.label} has no geometry.`);
  }
  return candidate;
}

function reportInvalidCode(rawCode: unknown, layer: AreaLayer, report: Report): void {
  const expected = `expected ${CODE_FORMATS[layer]}`;
  let message: string;
  if (rawCode === undefined || rawCode === null || rawCode === '')
    message = `The code is missing: ${expected}.`;
  else if (typeof rawCode !== 'string') message = `The code must be a string: ${expected}.`;
  else message = `"${rawCode}" is not a valid ${LAYER_NOUN[layer]} code: ${expected}.`;
  report(LayerProblemCode.CODE_INVALID, 'properties.code', message);
}

function readName(raw: unknown, candidate: Candidate, layer: AreaLayer, report: Report): string | undefined {
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  const absent = raw === undefined || raw === null || raw === '';
  if (layer === AreaLayer.UnitGrids && absent) return candidate.code;
  if (layer === AreaLayer.UnitGrids) {
    report(
      LayerProblemCode.PROPERTY_INVALID,
      'properties.name',
      `The name of ${candidate.label} must be text.`,
    );
  } else {
    report(LayerProblemCode.NAME_MISSING, 'properties.name', `${candidate.label} needs a name.`);
  }
  return undefined;
}

function readAreaClass(raw: unknown, report: Report): AreaClass | undefined {
  if (raw === undefined || raw === null) return AreaClass.B;
  if (raw === AreaClass.A || raw === AreaClass.B || raw === AreaClass.C) return raw;
  report(
    LayerProblemCode.PROPERTY_INVALID,
    'properties.areaClass',
    `areaClass ${JSON.stringify(raw)} is not one of A, B, C.`,
  );
  return undefined;
}

function readUnitGridCodes(raw: unknown, report: Report): string[] | undefined {
  if (Array.isArray(raw) && raw.length > 0 && raw.every((member) => typeof member === 'string')) {
    return raw as string[];
  }
  report(
    LayerProblemCode.PROPERTY_INVALID,
    'properties.unitGridCodes',
    'unitGridCodes must be a non-empty array of unit grid codes.',
  );
  return undefined;
}

/** The normalised shape, or undefined after reporting why there is none. */
function readShape(raw: unknown, label: string, toleranceM2: number, report: Report): Shape | undefined {
  const type = isRecord(raw) ? raw.type : undefined;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    const found = isRecord(raw) ? JSON.stringify(type ?? null) : typeof raw;
    report(
      LayerProblemCode.GEOMETRY_TYPE,
      'geometry',
      `The geometry of ${label} must be a Polygon or MultiPolygon, not ${found}.`,
    );
    return undefined;
  }
  const coordinates = (raw as { coordinates?: unknown }).coordinates;
  const polygons = readPolygons(type, coordinates, label, report);
  if (!polygons) return undefined;
  if (!ringsAreSound(polygons, type, label, report)) return undefined;
  if (!isSimple(polygons, type, label, report)) return undefined;

  const rewound = polygons.map(rewindPolygon);
  const geometry: AreaGeometry =
    type === 'Polygon'
      ? { type: 'Polygon', coordinates: rewound[0] }
      : { type: 'MultiPolygon', coordinates: rewound };
  const shape = shapeOf(geometry);
  if (shape.areaM2 < toleranceM2) {
    report(
      LayerProblemCode.AREA_TOO_SMALL,
      'geometry',
      `${label} covers ${roundM2(shape.areaM2)} m², less than the tolerance of ${toleranceM2} m².`,
      { areaM2: roundM2(shape.areaM2) },
    );
  }
  return shape;
}

/** The polygons as 2-D positions, or undefined after a COORDINATES_INVALID. */
function readPolygons(
  type: 'Polygon' | 'MultiPolygon',
  coordinates: unknown,
  label: string,
  report: Report,
): Position[][][] | undefined {
  const invalid = (where: string): undefined => {
    report(
      LayerProblemCode.COORDINATES_INVALID,
      'geometry',
      `The coordinates of ${label} are invalid: ${where}; expected ${type === 'Polygon' ? 'rings' : 'polygons of rings'} of [lng, lat] with -180 ≤ lng ≤ 180 and -90 ≤ lat ≤ 90.`,
    );
    return undefined;
  };
  const polygonList = type === 'Polygon' ? [coordinates] : coordinates;
  if (!Array.isArray(polygonList) || polygonList.length === 0) return invalid('there are no polygons');
  const polygons: Position[][][] = [];
  for (const [p, rings] of polygonList.entries()) {
    const at = type === 'Polygon' ? '' : `polygon ${p}, `;
    if (!Array.isArray(rings) || rings.length === 0) return invalid(`${at}there are no rings`);
    const polygon: Position[][] = [];
    for (const [r, ring] of rings.entries()) {
      if (!Array.isArray(ring)) return invalid(`${at}ring ${r} is not an array of positions`);
      const positions: Position[] = [];
      for (const [k, position] of ring.entries()) {
        if (!isLngLat(position))
          return invalid(`${at}ring ${r}, position ${k} is ${JSON.stringify(position)}`);
        positions.push([position[0], position[1]]);
      }
      polygon.push(positions);
    }
    polygons.push(polygon);
  }
  return polygons;
}

function isLngLat(value: unknown): value is [number, number, ...number[]] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    Math.abs(value[0]) <= 180 &&
    Math.abs(value[1]) <= 90
  );
}

/** Reports every short or open ring; on success drops consecutive duplicate positions in place. */
function ringsAreSound(
  polygons: Position[][][],
  type: 'Polygon' | 'MultiPolygon',
  label: string,
  report: Report,
): boolean {
  let sound = true;
  for (const [p, polygon] of polygons.entries()) {
    for (const [r, ring] of polygon.entries()) {
      const where = `Ring ${r}${type === 'Polygon' ? '' : ` of polygon ${p}`} of ${label}`;
      const problem = ringProblem(ring, where);
      if (problem) {
        for (const [reason, message] of problem) report(reason, 'geometry', message);
        sound = false;
      } else {
        polygon[r] = withoutRepeats(ring);
      }
    }
  }
  return sound;
}

function ringProblem(ring: Position[], where: string): Array<[LayerProblemCode, string]> | null {
  const found: Array<[LayerProblemCode, string]> = [];
  if (ring.length < 4) {
    found.push([
      LayerProblemCode.RING_TOO_SHORT,
      `${where} has ${ring.length} positions; a ring needs at least 4.`,
    ]);
  }
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) {
    found.push([
      LayerProblemCode.RING_NOT_CLOSED,
      `${where} is not closed: its last position must repeat the first.`,
    ]);
  }
  const distinct = withoutRepeats(ring).length - 1;
  if (found.length === 0 && distinct < 3) {
    found.push([
      LayerProblemCode.RING_TOO_SHORT,
      `${where} has only ${distinct} distinct positions; a ring needs at least 3.`,
    ]);
  }
  return found.length > 0 ? found : null;
}

// turf kinks reports the shared position of a repeated vertex as a crossing, so repeats go first.
function withoutRepeats(ring: Position[]): Position[] {
  return ring.filter(
    (position, i) => i === 0 || position[0] !== ring[i - 1][0] || position[1] !== ring[i - 1][1],
  );
}

function isSimple(
  polygons: Position[][][],
  type: 'Polygon' | 'MultiPolygon',
  label: string,
  report: Report,
): boolean {
  let simple = true;
  for (const [p, polygon] of polygons.entries()) {
    const crossings = kinks({ type: 'Polygon', coordinates: polygon }).features;
    if (crossings.length === 0) continue;
    const [lng, lat] = crossings[0].geometry.coordinates;
    const where = type === 'Polygon' ? label : `polygon ${p} of ${label}`;
    report(
      LayerProblemCode.SELF_INTERSECTION,
      'geometry',
      `The boundary of ${where} crosses itself, first at [${lng}, ${lat}].`,
      { at: [lng, lat] },
    );
    simple = false;
  }
  return simple;
}

/** RFC 7946 §3.1.6: outer rings counter-clockwise, holes clockwise. */
function rewindPolygon(polygon: Position[][]): Position[][] {
  return polygon.map((ring, r) => {
    const counterClockwise = signedArea(ring) > 0;
    return counterClockwise === (r === 0) ? ring : [...ring].reverse();
  });
}

/** Twice the planar signed area (shoelace) in degrees², positive when counter-clockwise. */
function signedArea(ring: Position[]): number {
  const [x0, y0] = ring[0];
  let sum = 0;
  for (let i = 1; i < ring.length - 1; i++) {
    sum += (ring[i][0] - x0) * (ring[i + 1][1] - y0) - (ring[i + 1][0] - x0) * (ring[i][1] - y0);
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------------------
// Codes and parents

function checkCodes(candidates: Candidate[], context: LayerCheckContext, problems: Problems): void {
  const firstIndexOf = new Map<string, number>();
  const parentLayer = PARENT_LAYER[context.layer];
  for (const candidate of candidates) {
    const { code, index } = candidate;
    if (code === undefined) continue;
    const report = problems.forFeature(index, code);
    const first = firstIndexOf.get(code);
    if (first === undefined) firstIndexOf.set(code, index);
    else {
      report(
        LayerProblemCode.CODE_DUPLICATE,
        'properties.code',
        `Code ${code} is used by features[${first}] and features[${index}].`,
        { otherIndex: first },
      );
    }
    const parentCode = parentCodeOf(context.layer, code);
    if (parentCode !== null && parentLayer !== null && !context.parentCodes.has(parentCode)) {
      report(
        LayerProblemCode.PARENT_NOT_FOUND,
        'properties.code',
        `The ${LAYER_NOUN[parentLayer]} ${parentCode} of ${LAYER_NOUN[context.layer]} ${code} does not exist.`,
        { parentCode },
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Unit grids: inside their community, no overlaps, no gaps

/** A unit grid taking part in the placement checks: a file feature (with index) or an existing sibling. */
interface Placed {
  index?: number;
  label: string;
  community?: string;
  shape: Shape;
}

async function checkUnitGridPlacement(
  candidates: Candidate[],
  context: LayerCheckContext,
  problems: Problems,
  progress: Progress,
): Promise<void> {
  const placement = new Placement(context, problems);
  const fileCodes = new Set(candidates.map((candidate) => candidate.code));
  for (const candidate of candidates) {
    placement.addFeature(candidate);
    if (!candidate.shape) await progress.tick();
  }
  for (const sibling of context.siblings) {
    if (!fileCodes.has(sibling.code)) placement.addSibling(sibling.code, sibling.geometry);
  }
  await placement.checkGrids(progress);
  placement.checkGaps();
}

class Placement {
  private readonly grids: Placed[] = [];
  /** Communities with a grid outside, an overlap, or a grid left out: their area sums mean nothing. */
  private readonly troubled = new Set<string>();

  constructor(
    private readonly context: LayerCheckContext,
    private readonly problems: Problems,
  ) {}

  addFeature({ index, label, shape, code, readableCode }: Candidate): void {
    const community = this.communityOf(code);
    if (shape) this.grids.push({ index, label, community, shape });
    // A grid left out of the sums (broken shape, or a code that does not parse) would show up as a gap.
    const likelyCommunity = community ?? this.communityOf(readableCode?.slice(0, 12));
    if ((!shape || !community) && likelyCommunity) this.troubled.add(likelyCommunity);
  }

  /** Siblings go after every file feature: checkGrids relies on it. */
  addSibling(code: string, geometry: AreaGeometry): void {
    this.grids.push({ label: code, community: this.communityOf(code), shape: shapeOf(geometry) });
  }

  async checkGrids(progress: Progress): Promise<void> {
    if (this.grids.length === 0) return;
    const spatialIndex = indexBboxes(this.grids);
    for (const [position, grid] of this.grids.entries()) {
      if (grid.index === undefined) continue;
      this.checkInsideCommunity(grid, grid.index);
      this.checkOverlaps(grid, grid.index, position, spatialIndex);
      await progress.tick();
    }
  }

  checkGaps(): void {
    const coveredM2 = new Map<string, number>();
    const touched = new Set<string>();
    for (const { community, shape, index } of this.grids) {
      if (community === undefined) continue;
      coveredM2.set(community, (coveredM2.get(community) ?? 0) + shape.areaM2);
      if (index !== undefined) touched.add(community);
    }
    for (const community of touched) {
      if (this.troubled.has(community)) continue;
      const gapM2 = geometryAreaM2(this.communityGeometry(community)) - (coveredM2.get(community) ?? 0);
      if (gapM2 <= this.context.toleranceM2) continue;
      this.problems.forCommunity(
        community,
        LayerProblemCode.GAP,
        `The unit grids of community ${community} leave ${roundM2(gapM2)} m² of it uncovered.`,
        roundM2(gapM2),
      );
    }
  }

  private checkInsideCommunity(grid: Placed, index: number): void {
    if (grid.community === undefined) return;
    const insideM2 = sharedAreaM2(grid.shape.geometry, this.communityGeometry(grid.community));
    const outsideM2 = grid.shape.areaM2 - insideM2;
    if (outsideM2 <= this.context.toleranceM2) return;
    this.troubled.add(grid.community);
    this.problems.forFeature(index, grid.label)(
      LayerProblemCode.OUTSIDE_PARENT,
      null,
      `Unit grid ${grid.label} reaches ${roundM2(outsideM2)} m² outside its community ${grid.community}.`,
      { parentCode: grid.community, areaM2: roundM2(outsideM2) },
    );
  }

  /** Each pair is examined once, from the earlier of the two, which is always a file feature. */
  private checkOverlaps(grid: Placed, index: number, position: number, spatialIndex: Flatbush): void {
    const { toleranceM2 } = this.context;
    const [west, south, east, north] = grid.shape.bbox;
    for (const other of spatialIndex.search(west, south, east, north)) {
      if (other <= position) continue;
      const neighbour = this.grids[other];
      if (bboxOverlapBoundM2(grid.shape.bbox, neighbour.shape.bbox) <= toleranceM2) continue;
      const overlapM2 = sharedAreaM2(grid.shape.geometry, neighbour.shape.geometry);
      if (overlapM2 <= toleranceM2) continue;
      for (const community of [grid.community, neighbour.community])
        if (community) this.troubled.add(community);
      if (neighbour.index !== undefined) this.problems.fail(neighbour.index);
      const what = neighbour.index === undefined ? 'existing unit grid' : 'unit grid';
      this.problems.forFeature(index, grid.label)(
        LayerProblemCode.OVERLAP,
        null,
        `Unit grid ${grid.label} overlaps ${what} ${neighbour.label} by ${roundM2(overlapM2)} m².`,
        {
          otherCode: neighbour.label,
          ...(neighbour.index === undefined ? {} : { otherIndex: neighbour.index }),
          areaM2: roundM2(overlapM2),
        },
      );
    }
  }

  /** The community a code names when the checks can use it: it exists and its geometry is known. */
  private communityOf(code: string | undefined): string | undefined {
    const community = code?.slice(0, 12);
    const known =
      community !== undefined &&
      this.context.parentCodes.has(community) &&
      this.context.communityGeometries.has(community);
    return known ? community : undefined;
  }

  private communityGeometry(community: string): AreaGeometry {
    return this.context.communityGeometries.get(community) as AreaGeometry;
  }
}

function shapeOf(geometry: AreaGeometry): Shape {
  return { geometry, bbox: bboxOf(geometry), areaM2: geometryAreaM2(geometry) };
}

function indexBboxes(grids: Placed[]): Flatbush {
  const index = new Flatbush(grids.length);
  for (const { shape } of grids) index.add(...shape.bbox);
  index.finish();
  return index;
}

// ---------------------------------------------------------------------------------------------------------
// Areas of intersections

/**
 * An upper bound of the area two shapes can share: their bboxes' intersection, measured the way @turf/area
 * measures (a shoelace on lng and sin lat), so it is never below sharedAreaM2. @turf/intersect is slow, and
 * with this bound grids that merely touch, as in a clean tiling, never reach it.
 */
function bboxOverlapBoundM2(a: BBox, b: BBox): number {
  const width = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
  const south = Math.max(a[1], b[1]);
  const north = Math.min(a[3], b[3]);
  if (width <= 0 || north <= south) return 0;
  const radians = Math.PI / 180;
  return (
    earthRadius * earthRadius * width * radians * (Math.sin(north * radians) - Math.sin(south * radians))
  );
}

function sharedAreaM2(a: AreaGeometry, b: AreaGeometry): number {
  const shared = intersect(featureCollection([feature(a), feature(b)]));
  return shared ? geometryAreaM2(shared.geometry) : 0;
}

// ---------------------------------------------------------------------------------------------------------
// Responsibility grids: members and derived geometry

function checkMembers(candidates: Candidate[], context: LayerCheckContext, problems: Problems): void {
  const listedBy = new Map<string, Candidate>();
  const inFile = new Set(candidates.map((candidate) => candidate.code));
  for (const candidate of candidates) {
    if (!candidate.unitGridCodes) continue;
    const report = problems.forFeature(candidate.index, candidate.label);
    const street = candidate.code?.slice(0, 9);
    candidate.unitGridCodes.forEach((memberCode, k) => {
      const path = `properties.unitGridCodes[${k}]`;
      if (!context.unitGrids.has(memberCode)) {
        report(
          LayerProblemCode.MEMBER_NOT_FOUND,
          path,
          `Responsibility grid ${candidate.label} lists unit grid ${memberCode}, which does not exist.`,
          { memberCode },
        );
      }
      if (street !== undefined && !memberCode.startsWith(street)) {
        report(
          LayerProblemCode.MEMBER_OUTSIDE_STREET,
          path,
          `Responsibility grid ${candidate.label} lists unit grid ${memberCode}, which is not in street ${street}.`,
          { memberCode },
        );
      }
      // Moving a unit grid out of a responsibility grid that the file does not also replace would silently
      // change that grid (and leave its outline stale): it must be given up explicitly.
      const owner = context.unitGridOwners?.get(memberCode);
      if (owner && owner !== candidate.code && !inFile.has(owner)) {
        report(
          LayerProblemCode.MEMBER_TAKEN,
          path,
          `Unit grid ${memberCode} belongs to responsibility grid ${owner}; take it out of ${owner} first, or import ${owner} in the same file.`,
          { memberCode, otherCode: owner },
        );
      }
      const other = listedBy.get(memberCode);
      if (other === undefined) listedBy.set(memberCode, candidate);
      else {
        const by = other === candidate ? 'twice' : `as does responsibility grid ${other.label}`;
        report(
          LayerProblemCode.MEMBER_DUPLICATE,
          path,
          `Responsibility grid ${candidate.label} lists unit grid ${memberCode} ${by}; a unit grid belongs to one responsibility grid.`,
          { memberCode, otherCode: other.label },
        );
      }
    });
  }
}

/** Only for otherwise clean features: the union is costly and matters only when the file is accepted. */
async function deriveGeometries(
  candidates: Candidate[],
  context: LayerCheckContext,
  problems: Problems,
  progress: Progress,
): Promise<void> {
  for (const candidate of candidates) {
    await progress.tick();
    if (!candidate.geometryAbsent || !candidate.unitGridCodes || problems.hasFailed(candidate.index))
      continue;
    const merged = outlineOf(
      candidate.unitGridCodes.map((code) => context.unitGrids.get(code) as AreaGeometry),
    );
    if (!merged) {
      problems.forFeature(candidate.index, candidate.label)(
        LayerProblemCode.GEOMETRY_MISSING,
        'geometry',
        `Responsibility grid ${candidate.label} has no geometry and its unit grids cover nothing.`,
      );
      continue;
    }
    candidate.shape = shapeOf(merged);
    candidate.geometryDerived = true;
  }
}

/** The outline of a responsibility grid drawn by its unit grids: their union, RFC 7946 winding. */
export function outlineOf(members: AreaGeometry[]): AreaGeometry | null {
  const merged =
    members.length === 1 ? members[0] : union(featureCollection(members.map((m) => feature(m))))?.geometry;
  return merged ? rewind(merged) : null;
}

function rewind(geometry: AreaGeometry): AreaGeometry {
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: rewindPolygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(rewindPolygon) };
}
