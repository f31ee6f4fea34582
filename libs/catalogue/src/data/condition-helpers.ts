import { TimeUnit, type TimeLimit } from '@citygrid/calendar';
import type { MatterFamily } from '@citygrid/departments';
import {
  MatterKind,
  type AreaClassLimits,
  type FilingConditionSeed,
  type MatterSeed,
} from '../catalogue-types';

/** Conditions taken from the Yuncheng city standard (reference/domain.md §2.2). */
export const SOURCE_YUNCHENG = 'Yuncheng [S18]';
/** Conditions generated from the component pattern / a per-matter default (reference/domain.md §2.2). */
export const SOURCE_DEFAULT = 'default pattern (domain.md §2.2)';

export function limit(amount: number, unit: TimeUnit): TimeLimit {
  return { amount, unit };
}

/**
 * Area-class limits from one source value. The source value is the B (general area) limit; the core area (A)
 * gets the same limit, and the urban-rural fringe (C) gets it doubled in the same unit, following the fringe
 * doubling noted in reference/domain.md §2.3 (Fuzhou: 1 h → 2 h). The same rule is applied to defaults.
 */
export function byClass(b: TimeLimit): AreaClassLimits {
  return { A: { ...b }, B: { ...b }, C: { amount: b.amount * 2, unit: b.unit } };
}

const URGENT_UNITS: ReadonlySet<TimeUnit> = new Set([
  TimeUnit.URGENT_MINUTE,
  TimeUnit.URGENT_HOUR,
  TimeUnit.URGENT_WORK_DAY,
]);

/** One filing condition before keys and sources are assigned. */
export interface ConditionSpec {
  filingZh: string;
  filingEn: string;
  closingZh: string;
  closingEn: string;
  /** The B (general area) limit. */
  limit: TimeLimit;
  /** Defaults to true for urgent (紧急) units; set it for conditions that endanger safety. */
  urgent?: boolean;
  /**
   * Appended to the condition's source after "; ", e.g. how a range in the source was reduced to one value:
   * "range 1–3 days in the source; upper bound".
   */
  sourceNote?: string;
}

/**
 * The source note of a condition whose source gives a range for one subclass without saying what distinguishes
 * the ends: the upper bound is seeded (e.g. upperBoundOf('2 h–5 days')).
 */
export function upperBoundOf(range: string): string {
  return `range ${range} in the source; upper bound`;
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

/** Keys the specs 'a', 'b', … in order and expands each limit by area class. */
export function conditions(
  source: string,
  isDefault: boolean,
  specs: ConditionSpec[],
): FilingConditionSeed[] {
  if (specs.length === 0 || specs.length > KEYS.length) {
    throw new Error(`a matter needs 1–${KEYS.length} filing conditions, got ${specs.length}`);
  }
  return specs.map((spec, i) => ({
    key: KEYS[i],
    filingZh: spec.filingZh,
    filingEn: spec.filingEn,
    closingZh: spec.closingZh,
    closingEn: spec.closingEn,
    urgent: spec.urgent ?? URGENT_UNITS.has(spec.limit.unit),
    limits: byClass(spec.limit),
    isDefault,
    source: spec.sourceNote ? `${source}; ${spec.sourceNote}` : source,
  }));
}

/** Conditions from the Yuncheng standard. */
export function yuncheng(...specs: ConditionSpec[]): FilingConditionSeed[] {
  return conditions(SOURCE_YUNCHENG, false, specs);
}

/**
 * Component pattern of the Yuncheng standard used as defaults (reference/domain.md §2.2, "Component pattern"),
 * one letter per condition:
 * - S endangers safety: 2 URGENT_HOUR, urgent
 * - K (covers) missing, displaced or cracked with a hazard: 2 URGENT_HOUR, urgent
 * - L leaning or fallen: 1 WORK_DAY
 * - D damaged, missing or rusted: 3 WORK_DAY (T for trees, G for green space: same limit, plant wording)
 * - X dirty exterior: 4 WORK_HOUR
 * - A abandoned: 5 WORK_DAY
 */
export const COMPONENT_PATTERN = {
  S: {
    filingZh: '存在危及人身或交通安全的隐患（如倒塌、坠落、漏电、泄漏风险）',
    filingEn: 'Endangers people or traffic (e.g. risk of collapse, falling parts, electric shock or leakage)',
    closingZh: '隐患已消除',
    closingEn: 'Hazard removed',
    limit: limit(2, TimeUnit.URGENT_HOUR),
    urgent: true,
  },
  K: {
    filingZh: '井盖（盖板）缺失、移位或破裂，存在安全隐患',
    filingEn: 'Cover missing, displaced or cracked, posing a safety hazard',
    closingZh: '已恢复',
    closingEn: 'Restored',
    limit: limit(2, TimeUnit.URGENT_HOUR),
    urgent: true,
  },
  L: {
    filingZh: '倾斜、倒伏',
    filingEn: 'Leaning or fallen over',
    closingZh: '已扶正、加固或移除',
    closingEn: 'Straightened, secured or removed',
    limit: limit(1, TimeUnit.WORK_DAY),
  },
  D: {
    filingZh: '破损、缺失或锈蚀',
    filingEn: 'Damaged, parts missing or rusted',
    closingZh: '已修复或更换',
    closingEn: 'Repaired or replaced',
    limit: limit(3, TimeUnit.WORK_DAY),
  },
  T: {
    filingZh: '枝干折断、树皮损伤、长势衰弱或枯死',
    filingEn: 'Broken branches, damaged bark, declining or dead',
    closingZh: '已修剪、救治或补植',
    closingEn: 'Pruned, treated or replanted',
    limit: limit(3, TimeUnit.WORK_DAY),
  },
  G: {
    filingZh: '植被缺损、斑秃或黄土裸露',
    filingEn: 'Vegetation damaged or missing, bare patches or exposed soil',
    closingZh: '已补植恢复',
    closingEn: 'Replanted and restored',
    limit: limit(3, TimeUnit.WORK_DAY),
  },
  X: {
    filingZh: '外观不洁（污渍、乱贴乱画）',
    filingEn: 'Dirty exterior (stains, stickers, graffiti)',
    closingZh: '已清洁',
    closingEn: 'Cleaned',
    limit: limit(4, TimeUnit.WORK_HOUR),
  },
  A: {
    filingZh: '废弃未拆除',
    filingEn: 'Abandoned and not removed',
    closingZh: '已拆除或恢复使用',
    closingEn: 'Removed or put back into use',
    limit: limit(5, TimeUnit.WORK_DAY),
  },
} satisfies Record<string, ConditionSpec>;

export type ComponentPatternLetter = keyof typeof COMPONENT_PATTERN;

/** Default component conditions from a profile such as 'SLDXA' (see COMPONENT_PATTERN). */
export function componentDefaults(profile: string): FilingConditionSeed[] {
  const specs = [...profile].map((letter) => {
    if (!(letter in COMPONENT_PATTERN)) throw new Error(`unknown component pattern letter '${letter}'`);
    return COMPONENT_PATTERN[letter as ComponentPatternLetter];
  });
  return conditions(SOURCE_DEFAULT, true, specs);
}

/** The usual profile of a free-standing facility (poles, signs, kiosks, boxes). */
export const STANDING = 'SLDXA';

/** A single default condition for a matter (event) the sources do not cover. */
export function eventDefault(
  spec: Omit<ConditionSpec, 'limit' | 'urgent'>,
  { urgent = false }: { urgent?: boolean } = {},
): FilingConditionSeed[] {
  const defaultLimit = urgent ? limit(2, TimeUnit.URGENT_HOUR) : limit(1, TimeUnit.WORK_DAY);
  return conditions(SOURCE_DEFAULT, true, [{ ...spec, limit: defaultLimit, urgent }]);
}

/** A matter of kind event (06–10), national or, with local: true, a shipped local subclass. */
export function event(
  code: string,
  nameZh: string,
  nameEn: string,
  family: MatterFamily,
  legacyCode2013: string | null,
  filingConditions: FilingConditionSeed[],
): MatterSeed {
  return {
    kind: MatterKind.Event,
    code,
    majorCode: code.slice(0, 2),
    nameZh,
    nameEn,
    legacyCode2013,
    family,
    filingConditions,
  };
}
