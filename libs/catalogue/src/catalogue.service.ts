import type { MatterFamily } from '@citygrid/departments';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AdvisoryLock,
  definedFields,
  ErrorKind,
  escapeLike,
  lockedTransaction,
  pageLimit,
  toPage,
  type Page,
} from '@citygrid/common';
import type { DataSource, EntityManager } from 'typeorm';
import { CatalogueErrorCode, CatalogueException } from './catalogue.exception';
import { initialsOf, seedCatalogueIfEmpty } from './catalogue-seed';
import type { MatterKind } from './catalogue-types';
import { MAJOR_CLASSES } from './data';
import {
  toMatterDto,
  type CreateLocalMatterDto,
  type FilingConditionDto,
  type MatterDto,
  type MatterQueryDto,
  type UpdateMatterDto,
} from './dto/matter.dto';
import { CatalogueVersionEntity } from './entities/catalogue-version.entity';
import { FilingConditionEntity } from './entities/filing-condition.entity';
import { MatterEntity } from './entities/matter.entity';

/** The lowest sub-code a local subclass may take: below it the national codes count up. */
const LOWEST_LOCAL_SUBCODE = 900;
/** A bound on the matters kept in memory (the catalogue has a few hundred per version). */
const MATTERS_KEPT = 10_000;

@Injectable()
export class CatalogueService implements OnApplicationBootstrap {
  /** Matters of committed versions by `version:kind:code` (see matterOf). */
  private readonly matters = new Map<string, Promise<MatterEntity>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await seedCatalogueIfEmpty(this.dataSource);
  }

  majorClasses() {
    return MAJOR_CLASSES;
  }

  versions(): Promise<CatalogueVersionEntity[]> {
    return this.dataSource.getRepository(CatalogueVersionEntity).find({ order: { id: 'DESC' } });
  }

  /** The current version; read on every use (one indexed row), so an edit in any process counts at once. */
  async currentVersionId(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [version]: Array<{ id: number }> = await manager.query(
      'SELECT id FROM catalogue_versions WHERE current',
    );
    if (!version) {
      throw new CatalogueException(
        CatalogueErrorCode.CATALOGUE_VERSION_NOT_FOUND,
        'No current catalogue',
        ErrorKind.NotFound,
      );
    }
    return version.id;
  }

  private async versionOrCurrent(version?: number): Promise<number> {
    if (version === undefined) return this.currentVersionId();
    if (await this.dataSource.getRepository(CatalogueVersionEntity).existsBy({ id: version })) return version;
    throw new CatalogueException(
      CatalogueErrorCode.CATALOGUE_VERSION_NOT_FOUND,
      `No catalogue version ${version}`,
      ErrorKind.NotFound,
    );
  }

  /** The handling limit of a filing condition for an area class, in the catalogue version a case was filed under. */
  async handleLimit(
    versionId: number,
    kind: MatterKind,
    code: string,
    conditionKey: string,
    areaClass: 'A' | 'B' | 'C',
  ) {
    const matter = await this.matterOf(versionId, kind, code);
    const condition = matter.filingConditions?.find((c) => c.key === conditionKey);
    if (!condition) {
      throw new CatalogueException(
        CatalogueErrorCode.MATTER_NOT_FOUND,
        `${kind} ${code} has no filing condition ${conditionKey} in catalogue version ${versionId}`,
        ErrorKind.NotFound,
      );
    }
    return { limit: { ...condition.limits[areaClass] }, urgent: condition.urgent };
  }

  /** Search by Chinese text, pinyin initials, English text or the start of a code. */
  async search(query: MatterQueryDto): Promise<Page<MatterDto>> {
    const limit = pageLimit(query);
    const qb = this.dataSource
      .getRepository(MatterEntity)
      .createQueryBuilder('m')
      .where('m.version_id = :version', { version: await this.versionOrCurrent(query.version) })
      .orderBy('m.kind', 'ASC')
      .addOrderBy('m.code', 'ASC')
      .take(limit + 1);
    if (query.cursor) {
      const [kind, code] = query.cursor.split(':');
      qb.andWhere('(m.kind, m.code) > (:cursorKind, :cursorCode)', {
        cursorKind: kind,
        cursorCode: code ?? '',
      });
    }
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.major) qb.andWhere('m.major_code = :major', { major: query.major });
    if (query.family) qb.andWhere('m.family = :family', { family: query.family });
    if (query.q) {
      const q = query.q.trim();
      const like = `%${escapeLike(q)}%`;
      qb.andWhere(
        '(m.code LIKE :prefix OR m.name_zh ILIKE :like OR m.name_en ILIKE :like OR m.name_initials LIKE :initials)',
        { prefix: `${escapeLike(q)}%`, like, initials: `%${escapeLike(q.toLowerCase())}%` },
      );
    }
    return toPage(await qb.getMany(), limit, (m) => `${m.kind}:${m.code}`, toMatterDto);
  }

  /** Whether the current catalogue has the matter. */
  async exists(kind: MatterKind, code: string): Promise<boolean> {
    const versionId = await this.currentVersionId();
    return this.dataSource.getRepository(MatterEntity).existsBy({ versionId, kind, code });
  }

  /** The family of a matter in a catalogue version: what routing rules match on. */
  async familyOf(versionId: number, kind: MatterKind, code: string): Promise<MatterFamily> {
    return (await this.matterOf(versionId, kind, code)).family;
  }

  /**
   * A matter with its filing conditions, as a committed catalogue version has it. A version never changes once
   * committed (every edit copies the current version into a new one, changes the copy and makes it current in
   * one transaction), so what was read once is kept for the life of the process: intake and routing read no
   * matter twice. Not for the version being built inside `newVersion`.
   */
  private matterOf(versionId: number, kind: MatterKind, code: string): Promise<MatterEntity> {
    const key = `${versionId}:${kind}:${code}`;
    const kept = this.matters.get(key);
    if (kept) return kept;
    if (this.matters.size >= MATTERS_KEPT) this.matters.clear();
    const matter = this.find(this.dataSource.manager, versionId, kind, code);
    // A miss is not kept: a later call may name a version committed since.
    matter.catch(() => this.matters.get(key) === matter && this.matters.delete(key));
    this.matters.set(key, matter);
    return matter;
  }

  async get(kind: MatterKind, code: string, version?: number): Promise<MatterDto> {
    return toMatterDto(
      await this.find(this.dataSource.manager, await this.versionOrCurrent(version), kind, code),
    );
  }

  /**
   * A city's own subclass: the next free code counting down from 999 within the major class, in a new
   * catalogue version.
   */
  async createLocal(dto: CreateLocalMatterDto, actorId: string | null): Promise<MatterDto> {
    const major = MAJOR_CLASSES.find((m) => m.kind === dto.kind && m.code === dto.majorCode);
    if (!major) {
      throw new CatalogueException(
        CatalogueErrorCode.MAJOR_CLASS_NOT_FOUND,
        `No ${dto.kind} major class ${dto.majorCode}`,
        ErrorKind.Rule,
        [{ field: 'majorCode', message: 'not a major class of this kind' }],
      );
    }
    return this.newVersion(
      `local subclass in ${dto.kind} ${dto.majorCode}: ${dto.nameZh}`,
      dto.note,
      actorId,
      async (manager, versionId) => {
        // Across every version: a retired local code is never handed to another matter.
        const [{ lowest }] = await manager.query(
          `SELECT min(substr(code, 3)::int) AS lowest FROM matters WHERE kind = $1 AND major_code = $2 AND local`,
          [dto.kind, dto.majorCode],
        );
        const sub = lowest === null ? 999 : Number(lowest) - 1;
        if (sub < LOWEST_LOCAL_SUBCODE) {
          throw new CatalogueException(
            CatalogueErrorCode.LOCAL_CODES_EXHAUSTED,
            `Local subclasses of ${dto.majorCode} have used every code down to ${LOWEST_LOCAL_SUBCODE}`,
            ErrorKind.Rule,
          );
        }
        const code = dto.majorCode + String(sub).padStart(3, '0');
        await manager.getRepository(MatterEntity).save({
          versionId,
          kind: dto.kind,
          code,
          majorCode: dto.majorCode,
          nameZh: dto.nameZh,
          nameEn: dto.nameEn,
          nameInitials: initialsOf(dto.nameZh),
          legacyCode2013: null,
          family: dto.family,
          local: true,
          filingConditions: dto.filingConditions.map(toConditionEntity),
        });
        return code;
      },
    ).then(({ versionId, code }) => this.get(dto.kind, code, versionId));
  }

  /** Changes names, family or filing conditions in a new catalogue version; cases keep theirs. */
  async update(
    kind: MatterKind,
    code: string,
    dto: UpdateMatterDto,
    actorId: string | null,
  ): Promise<MatterDto> {
    const { note, filingConditions, ...names } = definedFields(dto);
    if (!filingConditions && Object.keys(names).length === 0) {
      throw new CatalogueException(
        CatalogueErrorCode.NOTHING_TO_CHANGE,
        'Send at least one field to change',
        ErrorKind.Invalid,
      );
    }
    const { versionId } = await this.newVersion(
      `edit ${kind} ${code}`,
      note,
      actorId,
      async (manager, versionId) => {
        const matter = await this.find(manager, versionId, kind, code);
        if (Object.keys(names).length > 0) {
          const initials = names.nameZh ? { nameInitials: initialsOf(names.nameZh) } : {};
          await manager.getRepository(MatterEntity).update({ id: matter.id }, { ...names, ...initials });
        }
        if (filingConditions) {
          await manager.getRepository(FilingConditionEntity).delete({ matterId: matter.id });
          await manager
            .getRepository(FilingConditionEntity)
            .save(filingConditions.map((c) => ({ ...toConditionEntity(c), matterId: matter.id })));
        }
        return code;
      },
    );
    return this.get(kind, code, versionId);
  }

  /** Retires a local subclass (national ones stay: they are the standard) in a new catalogue version. */
  async removeLocal(kind: MatterKind, code: string, actorId: string | null): Promise<void> {
    await this.newVersion(`remove local ${kind} ${code}`, undefined, actorId, async (manager, versionId) => {
      const matter = await this.find(manager, versionId, kind, code);
      if (!matter.local) {
        throw new CatalogueException(
          CatalogueErrorCode.MATTER_NOT_LOCAL,
          `${kind} ${code} is a national matter; edit it instead`,
          ErrorKind.Rule,
        );
      }
      await manager.getRepository(MatterEntity).delete({ id: matter.id });
      return code;
    });
  }

  private async find(
    manager: EntityManager,
    versionId: number,
    kind: MatterKind,
    code: string,
  ): Promise<MatterEntity> {
    const matter = await manager
      .getRepository(MatterEntity)
      .findOne({ where: { versionId, kind, code }, relations: { filingConditions: true } });
    if (!matter) {
      throw new CatalogueException(
        CatalogueErrorCode.MATTER_NOT_FOUND,
        `No ${kind} matter ${code} in catalogue version ${versionId}`,
        ErrorKind.NotFound,
      );
    }
    return matter;
  }

  /**
   * Copies the current version into a new one, applies `change` to the copy and makes it current, in one
   * transaction under the catalogue lock. A change that throws leaves no trace.
   */
  private async newVersion(
    label: string,
    note: string | undefined,
    actorId: string | null,
    change: (manager: EntityManager, versionId: number) => Promise<string>,
  ): Promise<{ versionId: number; code: string }> {
    return lockedTransaction(this.dataSource, AdvisoryLock.Catalogue, async (manager) => {
      const from = await this.currentVersionId(manager);
      const [{ id: versionId }] = await manager.query(
        `INSERT INTO catalogue_versions (label, note, based_on, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
        [label, note ?? null, from, actorId],
      );
      await manager.query(
        `WITH copied AS (
           INSERT INTO matters (version_id, kind, code, major_code, name_zh, name_en, name_initials, legacy_code_2013, family, local)
           SELECT $2, kind, code, major_code, name_zh, name_en, name_initials, legacy_code_2013, family, local
           FROM matters WHERE version_id = $1
           RETURNING id, kind, code)
         INSERT INTO filing_conditions (matter_id, key, filing_zh, filing_en, closing_zh, closing_en, urgent, limits, is_default, source)
         SELECT c.id, f.key, f.filing_zh, f.filing_en, f.closing_zh, f.closing_en, f.urgent, f.limits, f.is_default, f.source
         FROM filing_conditions f JOIN matters m ON m.id = f.matter_id AND m.version_id = $1
         JOIN copied c ON c.kind = m.kind AND c.code = m.code`,
        [from, versionId],
      );
      const code = await change(manager, versionId);
      await manager.query('UPDATE catalogue_versions SET current = false WHERE current');
      await manager.query('UPDATE catalogue_versions SET current = true WHERE id = $1', [versionId]);
      return { versionId, code };
    });
  }
}

/** An edited filing condition is the city's own, not a default any more. */
const toConditionEntity = (c: FilingConditionDto): Partial<FilingConditionEntity> => ({
  key: c.key,
  filingZh: c.filingZh,
  filingEn: c.filingEn,
  closingZh: c.closingZh,
  closingEn: c.closingEn,
  urgent: c.urgent,
  limits: c.limits,
  isDefault: false,
  source: 'edited by the city',
});
