import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AdvisoryLock,
  ErrorKind,
  lockedTransaction,
  PG_FOREIGN_KEY_VIOLATION,
  pgErrorCode,
  definedFields,
} from '@citygrid/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AreaLayer, isValidCode, LAYER_NOUN, parentCodeOf, PARENT_LAYER } from './area-layer';
import { featurePropertiesOf, memberCodesOf } from './area-properties';
import { AREA_TABLES, CHILD_TABLES } from './area-tables';
import { AreasErrorCode, AreasException } from './areas.exception';
import type { AreaFeatureDto, AreaImportDto, UpdateAreaDto } from './dto/area.dto';
import { AreaImportEntity, AreaImportPhase, AreaImportStatus } from './entities/area-import.entity';
import { ResponsibilityGridEntity } from './entities/responsibility-grid.entity';
import { toWgs84 } from './geometry/crs';
import { Crs, type AreaGeometry } from './geometry/geo-types';
import {
  checkLayer,
  outlineOf,
  type AcceptedArea,
  type LayerCheckContext,
  type LayerFeatureInput,
  type LayerProblem,
} from './geometry/layer-check';
import { bboxOf, geometryAreaM2 } from './geometry/measure';
import { GridIndexService } from './locate/grid-index.service';

export const DEFAULT_TOLERANCE_M2 = 10;
/** The most features one import takes; a city of 100,000 unit grids fits. */
export const MAX_IMPORT_FEATURES = 200_000;
/** Problems kept on a rejected import; the count of the rest is in the message. */
const MAX_STORED_PROBLEMS = 1000;
/** A running import whose progress has not moved for this long was cut off (its process stopped). */
const STALE_AFTER_MS = 60_000;
const PROGRESS_EVERY_MS = 250;
const WRITE_CHUNK = 1000;

export interface ImportOptions {
  crs: Crs;
  toleranceM2: number;
  actorId: string | null;
}

export interface ApplyResult {
  created: number;
  updated: number;
}

type Progress = (phase: AreaImportPhase, done: number, total: number) => void;

const toImportDto = (row: AreaImportEntity): AreaImportDto => {
  const stale =
    row.status === AreaImportStatus.Running && Date.now() - row.updatedAt.getTime() > STALE_AFTER_MS;
  return {
    id: row.id,
    layer: row.layer,
    status: stale ? AreaImportStatus.Failed : row.status,
    phase: row.phase,
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    problems: row.problems,
    message: stale
      ? 'The import was interrupted (its server stopped); nothing was written. Run it again.'
      : row.message,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
};

/**
 * Writes areas: whole GeoJSON layers (in the background, with progress) and single areas (at once). Both take
 * one lock, check against the database as it is under that lock, and write in the same transaction: all or
 * nothing, and two writers can never both pass the overlap and gap checks.
 */
@Injectable()
export class AreaWritesService implements OnApplicationShutdown {
  private readonly logger = new Logger(AreaWritesService.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly gridIndex: GridIndexService,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Checks the envelope now (400 if it is not a FeatureCollection) and runs the import in the background. */
  async start(layer: AreaLayer, body: unknown, options: ImportOptions): Promise<AreaImportDto> {
    const features = featuresOf(body);
    const row = await this.dataSource.getRepository(AreaImportEntity).save({
      layer,
      crs: options.crs,
      toleranceM2: options.toleranceM2,
      status: AreaImportStatus.Running,
      phase: AreaImportPhase.Checking,
      total: features.length,
      processed: 0,
      problems: [],
      message: null,
      createdBy: options.actorId,
      finishedAt: null,
    });
    const run = this.run(row.id, layer, features, options).finally(() => this.running.delete(run));
    this.running.add(run);
    return toImportDto(row);
  }

  async status(id: string): Promise<AreaImportDto> {
    const row = await this.dataSource.getRepository(AreaImportEntity).findOneBy({ id });
    if (!row)
      throw new AreasException(AreasErrorCode.IMPORT_NOT_FOUND, `No import ${id}`, ErrorKind.NotFound);
    return toImportDto(row);
  }

  /** Creates one area from a Feature; 409 if the code exists, 422 with every problem otherwise. */
  async createOne(layer: AreaLayer, feature: AreaFeatureDto): Promise<string> {
    const code = String(feature.properties['code'] ?? '');
    const input = { index: 0, geometry: feature.geometry, properties: feature.properties };
    const options = { crs: feature.crs ?? Crs.WGS84, toleranceM2: DEFAULT_TOLERANCE_M2 };
    await this.checkAndWrite(layer, [input], options, async (manager) => {
      if (
        isValidCode(layer, code) &&
        (await manager.getRepository(AREA_TABLES[layer].entity).existsBy({ code }))
      ) {
        throw new AreasException(
          AreasErrorCode.AREA_EXISTS,
          `${code} exists; PATCH it instead`,
          ErrorKind.Conflict,
          [{ field: 'properties.code', message: 'already exists' }],
        );
      }
    });
    return code;
  }

  /**
   * Changes what the request names and keeps the rest: the merged area goes through the same checks. A new
   * geometry comes in the CRS given; without one the stored geometry and its recorded source CRS stay.
   */
  async updateOne(layer: AreaLayer, code: string, dto: UpdateAreaDto): Promise<void> {
    const { geometry, crs, ...changes } = dto;
    await this.checkAndWrite(
      layer,
      async (manager) => {
        const current = await this.currentProperties(manager, layer, code);
        const given = definedFields(changes);
        // A derived outline follows its members; a drawn one stays unless a new one is sent.
        const kept = current.geometryDerived ? null : current.geometry;
        return [{ index: 0, geometry: geometry ?? kept, properties: { ...current.properties, ...given } }];
      },
      {
        crs: geometry === undefined ? Crs.WGS84 : (crs ?? Crs.WGS84),
        toleranceM2: DEFAULT_TOLERANCE_M2,
        ...(geometry === undefined ? { keepSourceCrs: true } : {}),
      },
    );
  }

  /** Deletes an area with no child areas; outlines drawn by a deleted unit grid shrink with it. */
  async removeOne(layer: AreaLayer, code: string): Promise<void> {
    const { table } = AREA_TABLES[layer];
    // One lock for every area write: checks read neighbours and parents, which must not change under them.
    await lockedTransaction(this.dataSource, AdvisoryLock.AreaWrites, async (manager) => {
      const owners = layer === AreaLayer.UnitGrids ? await ownersOf(manager, [code]) : [];
      const [, affected]: [unknown, number] = await manager.query(`DELETE FROM ${table} WHERE code = $1`, [
        code,
      ]);
      if (affected === 0) throw AreasException.notFound(LAYER_NOUN[layer], code);
      await refreshDerivedOutlines(manager, owners);
    }).catch((error: unknown) => {
      if (pgErrorCode(error) !== PG_FOREIGN_KEY_VIOLATION) throw error;
      throw new AreasException(
        AreasErrorCode.AREA_IN_USE,
        `The ${LAYER_NOUN[layer]} ${code} still has ${CHILD_TABLES[layer].join(' or ').replace(/_/g, ' ')}; remove them first`,
        ErrorKind.Conflict,
      );
    });
    if (layer === AreaLayer.UnitGrids) await this.gridIndex.publishChange();
  }

  private async run(id: string, layer: AreaLayer, features: LayerFeatureInput[], options: ImportOptions) {
    const imports = this.dataSource.getRepository(AreaImportEntity);
    let reported = 0;
    // Progress writes go out one after another, and all before the final one.
    let written = Promise.resolve();
    const progress: Progress = (phase, done, total) => {
      if (Date.now() - reported < PROGRESS_EVERY_MS && done < total) return;
      reported = Date.now();
      // The checks make more than one pass; progress is shown in features of the file.
      const processed = Math.round((done / Math.max(total, 1)) * features.length);
      written = written.then(() =>
        imports.update({ id }, { phase, processed }).then(
          () => undefined,
          () => undefined,
        ),
      );
    };
    try {
      const outcome = await this.checkAndWrite(layer, features, options, undefined, progress);
      await written;
      if ('problems' in outcome) {
        const { problems } = outcome;
        const more = problems.length - MAX_STORED_PROBLEMS;
        await imports.update(id, {
          status: AreaImportStatus.Rejected,
          phase: AreaImportPhase.Done,
          problems: problems.slice(0, MAX_STORED_PROBLEMS),
          message: `Nothing was imported: ${problems.length} problem(s)${more > 0 ? `, the first ${MAX_STORED_PROBLEMS} listed` : ''}`,
          finishedAt: new Date(),
        });
        return;
      }
      await imports.update(id, {
        status: AreaImportStatus.Succeeded,
        phase: AreaImportPhase.Done,
        processed: features.length,
        ...outcome,
        message: `Imported ${features.length} ${LAYER_NOUN[layer]}(s): ${outcome.created} new, ${outcome.updated} replaced`,
        finishedAt: new Date(),
      });
    } catch (error) {
      this.logger.error(`Import ${id} failed: ${(error as Error).stack}`);
      await written;
      await imports
        .update(id, {
          status: AreaImportStatus.Failed,
          phase: AreaImportPhase.Done,
          message: 'The import failed on the server; nothing was written. The log has the details.',
          finishedAt: new Date(),
        })
        .catch(() => undefined);
    }
  }

  /**
   * Under the area write lock and in one transaction: read what the checks need, check, and write only if
   * nothing is wrong. Single-area writes throw LAYER_IMPORT_REJECTED (422); imports get the problems back.
   */
  private async checkAndWrite(
    layer: AreaLayer,
    features: LayerFeatureInput[] | ((manager: EntityManager) => Promise<LayerFeatureInput[]>),
    options: { crs: Crs; toleranceM2: number; keepSourceCrs?: boolean },
    precondition?: (manager: EntityManager) => Promise<void>,
    progress?: Progress,
  ): Promise<ApplyResult | { problems: LayerProblem[] }> {
    const outcome = await lockedTransaction(this.dataSource, AdvisoryLock.AreaWrites, async (manager) => {
      await precondition?.(manager);
      const inputs = typeof features === 'function' ? await features(manager) : features;
      const converted = inputs.map((feature) => ({
        ...feature,
        geometry: convert(feature.geometry, options.crs),
      }));
      const context = await contextFor(manager, layer, converted, options.toleranceM2);
      const { problems, accepted } = await checkLayer(converted, {
        ...context,
        onProgress: progress && ((done, total) => progress(AreaImportPhase.Checking, done, total)),
      });
      if (problems.length > 0) return { problems };
      return write(manager, layer, accepted, options, progress);
    });
    if ('problems' in outcome && !progress) throw rejected(outcome.problems);
    if (!('problems' in outcome) && layer === AreaLayer.UnitGrids) await this.gridIndex.publishChange();
    return outcome;
  }

  /** An area as the properties an import would carry, plus what an edit must keep. */
  private async currentProperties(manager: EntityManager, layer: AreaLayer, code: string) {
    const row = await manager.getRepository(AREA_TABLES[layer].entity).findOneBy({ code });
    if (!row) throw AreasException.notFound(LAYER_NOUN[layer], code);
    const members = layer === AreaLayer.ResponsibilityGrids ? await memberCodesOf(manager, code) : [];
    return {
      geometry: row['geometry'] as AreaGeometry,
      geometryDerived: Boolean(row['geometryDerived']),
      properties: featurePropertiesOf(layer, row as { code: string; name: string }, members),
    };
  }
}

/** What the checks need to know from the database: parents, and the neighbours the import does not replace. */
async function contextFor(
  manager: EntityManager,
  layer: AreaLayer,
  features: LayerFeatureInput[],
  toleranceM2: number,
): Promise<LayerCheckContext> {
  const codes = features.map((f) => f.properties['code']).filter((c): c is string => typeof c === 'string');
  const parentLayer = PARENT_LAYER[layer];
  const named = [...new Set(codes.map((code) => parentCodeOf(layer, code)).filter((c): c is string => !!c))];
  const parentCodes = new Set<string>();
  if (parentLayer) {
    const rows: Array<{ code: string }> = await manager.query(
      `SELECT code FROM ${AREA_TABLES[parentLayer].table} WHERE code = ANY($1)`,
      [named],
    );
    rows.forEach((row) => parentCodes.add(row.code));
  }
  const context: LayerCheckContext = {
    layer,
    toleranceM2,
    parentCodes,
    communityGeometries: new Map(),
    siblings: [],
    unitGrids: new Map(),
  };
  if (layer === AreaLayer.UnitGrids) {
    const communities: Array<{ code: string; geometry: AreaGeometry }> = await manager.query(
      'SELECT code, geometry FROM communities WHERE code = ANY($1)',
      [named],
    );
    communities.forEach((row) => context.communityGeometries.set(row.code, row.geometry));
    context.siblings = await manager.query(
      'SELECT code, geometry FROM unit_grids WHERE community_code = ANY($1) AND NOT (code = ANY($2))',
      [named, codes],
    );
  }
  if (layer === AreaLayer.ResponsibilityGrids) {
    const members = features
      .flatMap((f) => f.properties['unitGridCodes'])
      .filter((c) => typeof c === 'string');
    const rows: Array<{ code: string; geometry: AreaGeometry; owner: string | null }> = await manager.query(
      'SELECT code, geometry, responsibility_grid_code AS owner FROM unit_grids WHERE code = ANY($1)',
      [[...new Set(members)]],
    );
    context.unitGridOwners = new Map();
    for (const row of rows) {
      context.unitGrids.set(row.code, row.geometry);
      if (row.owner) context.unitGridOwners.set(row.code, row.owner);
    }
  }
  return context;
}

async function write(
  manager: EntityManager,
  layer: AreaLayer,
  accepted: AcceptedArea[],
  options: { crs: Crs; keepSourceCrs?: boolean },
  progress?: Progress,
): Promise<ApplyResult> {
  const { entity, table, parentProperty } = AREA_TABLES[layer];
  const codes = accepted.map((area) => area.code);
  const existing: Array<{ code: string }> = await manager.query(
    `SELECT code FROM ${table} WHERE code = ANY($1)`,
    [codes],
  );
  const now = new Date();
  for (let i = 0; i < accepted.length; i += WRITE_CHUNK) {
    const rows = accepted.slice(i, i + WRITE_CHUNK).map((area) => ({
      code: area.code,
      name: area.name,
      geometry: area.geometry,
      minLng: area.bbox[0],
      minLat: area.bbox[1],
      maxLng: area.bbox[2],
      maxLat: area.bbox[3],
      areaM2: area.areaM2,
      ...(options.keepSourceCrs ? {} : { sourceCrs: options.crs }),
      updatedAt: now,
      ...(parentProperty ? { [parentProperty]: parentCodeOf(layer, area.code) } : {}),
      ...(layer === AreaLayer.UnitGrids ? { areaClass: area.areaClass } : {}),
      ...(layer === AreaLayer.ResponsibilityGrids ? { geometryDerived: area.geometryDerived ?? false } : {}),
    }));
    await manager.getRepository(entity).upsert(rows, ['code']);
    progress?.(AreaImportPhase.Writing, i + rows.length, accepted.length);
  }
  if (layer === AreaLayer.ResponsibilityGrids) await writeMembers(manager, accepted);
  if (layer === AreaLayer.UnitGrids) await refreshDerivedOutlines(manager, await ownersOf(manager, codes));
  return { created: accepted.length - existing.length, updated: existing.length };
}

/** The responsibility grids the unit grids belong to. */
async function ownersOf(manager: EntityManager, unitGridCodes: string[]): Promise<string[]> {
  const rows: Array<{ code: string }> = await manager.query(
    `SELECT DISTINCT responsibility_grid_code AS code FROM unit_grids
     WHERE code = ANY($1) AND responsibility_grid_code IS NOT NULL`,
    [unitGridCodes],
  );
  return rows.map((row) => row.code);
}

/** Responsibility grids whose outline is their unit grids' union follow them when those change. */
async function refreshDerivedOutlines(manager: EntityManager, gridCodes: string[]): Promise<void> {
  const grids: Array<{ code: string; members: AreaGeometry[] }> = await manager.query(
    `SELECT rg.code, array_agg(u.geometry) AS members
     FROM responsibility_grids rg JOIN unit_grids u ON u.responsibility_grid_code = rg.code
     WHERE rg.geometry_derived AND rg.code = ANY($1) GROUP BY rg.code`,
    [gridCodes],
  );
  for (const { code, members } of grids) {
    const outline = outlineOf(members);
    if (!outline) continue;
    const [minLng, minLat, maxLng, maxLat] = bboxOf(outline);
    await manager
      .getRepository(ResponsibilityGridEntity)
      .update(
        { code },
        { geometry: outline, minLng, minLat, maxLng, maxLat, areaM2: geometryAreaM2(outline) },
      );
  }
}

/** A responsibility grid's members are exactly its list: listed grids join it, unlisted former members leave. */
async function writeMembers(manager: EntityManager, grids: AcceptedArea[]): Promise<void> {
  for (const grid of grids) {
    const members = grid.unitGridCodes ?? [];
    await manager.query(
      'UPDATE unit_grids SET responsibility_grid_code = NULL WHERE responsibility_grid_code = $1 AND NOT (code = ANY($2))',
      [grid.code, members],
    );
    await manager.query('UPDATE unit_grids SET responsibility_grid_code = $1 WHERE code = ANY($2)', [
      grid.code,
      members,
    ]);
  }
}

/** To WGS-84; a geometry too broken to convert is passed on as it is, for the checks to describe. */
function convert(geometry: unknown, crs: Crs): unknown {
  if (!geometry || crs === Crs.WGS84) return geometry;
  try {
    return toWgs84(geometry as AreaGeometry, crs);
  } catch {
    return geometry;
  }
}

function rejected(problems: LayerProblem[]): AreasException {
  return new AreasException(
    AreasErrorCode.LAYER_IMPORT_REJECTED,
    `Nothing was written: ${problems.length} problem(s)`,
    ErrorKind.Rule,
    problems,
  );
}

/** The features of an uploaded FeatureCollection, or a 400 naming what is wrong with the envelope. */
function featuresOf(body: unknown): LayerFeatureInput[] {
  const invalid = (message: string) =>
    new AreasException(AreasErrorCode.LAYER_INVALID, message, ErrorKind.Invalid, [
      { field: 'body', message },
    ]);
  const collection = body as { type?: unknown; features?: unknown };
  if (typeof body !== 'object' || body === null || collection.type !== 'FeatureCollection') {
    throw invalid('The body must be a GeoJSON FeatureCollection');
  }
  if (!Array.isArray(collection.features)) throw invalid('features must be an array');
  if (collection.features.length === 0) throw invalid('The FeatureCollection has no features');
  if (collection.features.length > MAX_IMPORT_FEATURES) {
    throw invalid(`At most ${MAX_IMPORT_FEATURES} features per import; split the layer`);
  }
  return collection.features.map((feature: unknown, index) => {
    const f = feature as { type?: unknown; properties?: unknown; geometry?: unknown };
    const properties = f && typeof f.properties === 'object' && f.properties !== null ? f.properties : {};
    return {
      index,
      geometry: f?.type === 'Feature' ? f.geometry : undefined,
      properties: properties as Record<string, unknown>,
    };
  });
}
