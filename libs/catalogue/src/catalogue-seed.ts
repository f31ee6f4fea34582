import { AdvisoryLock, lockedTransaction } from '@citygrid/common';
import { pinyin } from 'pinyin-pro';
import type { DataSource, EntityManager } from 'typeorm';
import { CATALOGUE_VERSION, MATTERS } from './data';

/** Lower-case pinyin initials of a Chinese name, as people type them in a search box (暴露垃圾 → bllj). */
export const initialsOf = (nameZh: string): string =>
  pinyin(nameZh, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase();

/**
 * The shipped national catalogue becomes version 1 of an empty database. Production needs it as much as a
 * demo, so every process checks at start (under a lock, so only one writes it).
 */
export async function seedCatalogueIfEmpty(dataSource: DataSource): Promise<boolean> {
  return lockedTransaction(dataSource, AdvisoryLock.Catalogue, async (manager) => {
    const [{ exists }] = await manager.query('SELECT EXISTS (SELECT 1 FROM catalogue_versions) AS exists');
    if (exists) return false;
    const [{ id }] = await manager.query(
      `INSERT INTO catalogue_versions (label, note, current) VALUES ($1, 'shipped with CityGrid', true) RETURNING id`,
      [CATALOGUE_VERSION],
    );
    await insertMatters(manager, id);
    return true;
  });
}

async function insertMatters(manager: EntityManager, versionId: number): Promise<void> {
  const matters = MATTERS.map((m) => ({
    kind: m.kind,
    code: m.code,
    major_code: m.majorCode,
    name_zh: m.nameZh,
    name_en: m.nameEn,
    name_initials: initialsOf(m.nameZh),
    legacy_code_2013: m.legacyCode2013,
    family: m.family,
    local: m.local ?? false,
  }));
  await manager.query(
    `INSERT INTO matters (version_id, kind, code, major_code, name_zh, name_en, name_initials, legacy_code_2013, family, local)
     SELECT $2, r.kind, r.code, r.major_code, r.name_zh, r.name_en, r.name_initials, r.legacy_code_2013, r.family, r.local
     FROM jsonb_to_recordset($1) AS r(kind text, code text, major_code text, name_zh text, name_en text,
       name_initials text, legacy_code_2013 text, family text, local boolean)`,
    [JSON.stringify(matters), versionId],
  );
  const conditions = MATTERS.flatMap((m) =>
    m.filingConditions.map((c) => ({
      kind: m.kind,
      code: m.code,
      key: c.key,
      filing_zh: c.filingZh,
      filing_en: c.filingEn,
      closing_zh: c.closingZh,
      closing_en: c.closingEn,
      urgent: c.urgent,
      limits: c.limits,
      is_default: c.isDefault,
      source: c.source,
    })),
  );
  await manager.query(
    `INSERT INTO filing_conditions (matter_id, key, filing_zh, filing_en, closing_zh, closing_en, urgent, limits, is_default, source)
     SELECT m.id, r.key, r.filing_zh, r.filing_en, r.closing_zh, r.closing_en, r.urgent, r.limits, r.is_default, r.source
     FROM jsonb_to_recordset($1) AS r(kind text, code text, key text, filing_zh text, filing_en text, closing_zh text,
       closing_en text, urgent boolean, limits jsonb, is_default boolean, source text)
     JOIN matters m ON m.version_id = $2 AND m.kind = r.kind AND m.code = r.code`,
    [JSON.stringify(conditions), versionId],
  );
}
