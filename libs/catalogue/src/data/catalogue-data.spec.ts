import { TimeUnit } from '@citygrid/calendar';
import { MatterFamily } from '@citygrid/departments';
import { MatterKind, type MatterSeed } from '../catalogue-types';
import { CATALOGUE_VERSION } from './catalogue-version';
import { SOURCE_DEFAULT, SOURCE_YUNCHENG } from './condition-helpers';
import { MAJOR_CLASSES } from './major-classes';
import { MATTERS } from './matters';

const TIME_UNITS = new Set<string>(Object.values(TimeUnit));
const FAMILIES = new Set<string>(Object.values(MatterFamily));

function matter(kind: MatterKind, code: string): MatterSeed {
  const found = MATTERS.find((m) => m.kind === kind && m.code === code);
  if (!found) throw new Error(`no ${kind} matter ${code}`);
  return found;
}
const event = (code: string) => matter(MatterKind.Event, code);
const component = (code: string) => matter(MatterKind.Component, code);

function condition(m: MatterSeed, key: string) {
  const found = m.filingConditions.find((c) => c.key === key);
  if (!found) throw new Error(`${m.code} has no condition ${key}`);
  return found;
}

/**
 * Matters named in reference/domain.md §2.2's focus table that have a 2026 code and a source value (09009 has
 * none and is checked on its own).
 */
// prettier-ignore
const FOCUS_EVENTS = [
  '06001', '06010', '06011', '06012', '06042', '06036', '06013', '06014', '06007',
  '07001', '07002', '07003',
  '09001', '09006', '09005', '09010', '09011',
  '08001', '08004', '08011',
  '10001', '10002',
];
const FOCUS_COMPONENTS = [
  '01001',
  '01002',
  '01003',
  '01010',
  '01011',
  '01014',
  '01018',
  '01023',
  '01004',
  '01037',
];

/** The rest of the Yuncheng event sheet, mapped to 2026 codes. */
// prettier-ignore
const YUNCHENG_REST_EVENTS = [
  '06002', '06003', '06004', '06005', '06006', '06008', '06017', '06018', '06019', '06020', '06021', '06022',
  '06025', '06026', '06028', '06029', '06030', '06032', '06033', '06035', '06037', '06038',
  '06039', '06040', '06041', '06045', '06046',
  '07004', '07006', '07007', '07008',
  '08002', '08003', '08005', '08006', '08007', '08008', '08009', '08010', '08012', '08014', '08015',
  '09002', '09004', '09012', '09013', '09017', '09020', '09021', '09022',
];

describe('catalogue data', () => {
  it('is labelled with its version', () => {
    expect(CATALOGUE_VERSION).toBe('GB/T 47678.5-2026 (CityGrid seed 1)');
  });

  it('has the 10 major classes of GB/T 47678.5-2026', () => {
    expect(MAJOR_CLASSES.map((c) => `${c.kind}:${c.code}`)).toEqual([
      'component:01',
      'component:02',
      'component:03',
      'component:04',
      'component:05',
      'event:06',
      'event:07',
      'event:08',
      'event:09',
      'event:10',
    ]);
    for (const c of MAJOR_CLASSES) {
      expect(c.nameZh).not.toBe('');
      expect(c.nameEn).not.toBe('');
    }
  });

  it('has 250 matters: 153 component and 97 event', () => {
    expect(MATTERS).toHaveLength(250);
    expect(MATTERS.filter((m) => m.kind === MatterKind.Component)).toHaveLength(153);
    expect(MATTERS.filter((m) => m.kind === MatterKind.Event)).toHaveLength(97);
  });

  it('has the per-class counts of the standard', () => {
    const counts: Record<string, number> = {};
    for (const m of MATTERS) counts[m.majorCode] = (counts[m.majorCode] ?? 0) + 1;
    expect(counts).toEqual({
      '01': 76,
      '02': 44,
      '03': 16,
      '04': 14,
      '05': 3,
      '06': 51,
      '07': 7,
      '08': 16,
      '09': 21,
      '10': 2,
    });
  });

  it('has unique (kind, code) pairs, codes = major code + 3 digits, in a major class of the same kind', () => {
    const keys = MATTERS.map((m) => `${m.kind}:${m.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const m of MATTERS) {
      expect(m.code).toMatch(/^\d{5}$/);
      expect(m.code.slice(0, 2)).toBe(m.majorCode);
      expect(MAJOR_CLASSES.some((c) => c.code === m.majorCode && c.kind === m.kind)).toBe(true);
    }
  });

  it('leaves out the gap codes', () => {
    const codes = new Set(MATTERS.map((m) => m.code));
    for (const gap of ['01016', '06031', '07005', '09007']) expect(codes.has(gap)).toBe(false);
  });

  it('names every matter in Chinese and English', () => {
    for (const m of MATTERS) {
      expect(m.nameZh).not.toBe('');
      expect(m.nameEn.trim()).not.toBe('');
      // No ASCII letters in Chinese names except where the standard has them (紧急报警点SOS).
      expect(m.nameZh.replace('SOS', '')).not.toMatch(/[A-Za-z]/);
    }
    for (const m of MATTERS.filter((x) => x.kind === MatterKind.Component)) {
      expect(m.nameZh).toMatch(/异常$/);
      expect(m.nameEn).toMatch(/ abnormal$/);
    }
    expect(component('01001').nameZh).toBe('供水井盖异常');
    expect(component('01001').nameEn).toBe('Water-supply manhole cover abnormal');
    expect(component('01066').nameZh).toBe('紧急报警点SOS异常');
  });

  it('gives every matter a known family and legacy codes of the form NN-NN', () => {
    for (const m of MATTERS) {
      expect(FAMILIES.has(m.family)).toBe(true);
      if (m.legacyCode2013 !== null) expect(m.legacyCode2013).toMatch(/^\d{2}-\d{2}$/);
    }
    expect(event('06010').legacyCode2013).toBe('01-10');
    expect(event('09009').legacyCode2013).toBe('04-09');
    expect(event('06042').legacyCode2013).toBe('01-92');
    expect(component('01001').legacyCode2013).toBe('01-01');
    expect(component('01005').legacyCode2013).toBeNull();
  });

  it('gives every matter filing conditions with unique keys, texts and valid limits', () => {
    for (const m of MATTERS) {
      expect(m.filingConditions.length).toBeGreaterThanOrEqual(1);
      const keys = m.filingConditions.map((c) => c.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const c of m.filingConditions) {
        for (const text of [c.filingZh, c.filingEn, c.closingZh, c.closingEn, c.source]) {
          expect(text.trim()).not.toBe('');
        }
        expect(c.filingZh).not.toMatch(/[A-Za-z]/);
        expect(c.closingZh).not.toMatch(/[A-Za-z]/);
        for (const l of [c.limits.A, c.limits.B, c.limits.C]) {
          expect(Number.isFinite(l.amount)).toBe(true);
          expect(l.amount).toBeGreaterThan(0);
          expect(TIME_UNITS.has(l.unit)).toBe(true);
        }
      }
    }
  });

  it('derives area classes from the B limit: A = B, C = 2 × B in the same unit', () => {
    for (const m of MATTERS) {
      for (const c of m.filingConditions) {
        expect(c.limits.A).toEqual(c.limits.B);
        expect(c.limits.C.unit).toBe(c.limits.B.unit);
        expect(c.limits.C.amount).toBe(c.limits.B.amount * 2);
        expect(c.limits.C.amount).toBeGreaterThanOrEqual(c.limits.B.amount);
      }
    }
  });

  it('marks urgent-unit conditions urgent', () => {
    const urgentUnits = new Set<string>([
      TimeUnit.URGENT_MINUTE,
      TimeUnit.URGENT_HOUR,
      TimeUnit.URGENT_WORK_DAY,
    ]);
    for (const m of MATTERS) {
      for (const c of m.filingConditions) {
        if (urgentUnits.has(c.limits.B.unit)) expect(c.urgent).toBe(true);
      }
    }
  });

  it.each([...FOCUS_EVENTS, ...YUNCHENG_REST_EVENTS])('takes event %s from the source', (code) => {
    for (const c of event(code).filingConditions) {
      expect(c.isDefault).toBe(false);
      expect(c.source).toBe(SOURCE_YUNCHENG);
    }
  });

  it.each([...FOCUS_COMPONENTS, '01006'])('takes component %s from the source', (code) => {
    for (const c of component(code).filingConditions) {
      expect(c.isDefault).toBe(false);
      expect(c.source).toBe(SOURCE_YUNCHENG);
    }
  });

  it('uses defaults for everything else', () => {
    const sourced = new Set([
      ...[...FOCUS_EVENTS, ...YUNCHENG_REST_EVENTS].map((c) => `event:${c}`),
      ...[...FOCUS_COMPONENTS, '01006'].map((c) => `component:${c}`),
    ]);
    const defaulted = MATTERS.filter((m) => !sourced.has(`${m.kind}:${m.code}`));
    expect(defaulted).toHaveLength(250 - sourced.size);
    for (const m of defaulted) {
      for (const c of m.filingConditions) expect(c.isDefault).toBe(true);
      if (m.code !== '09009') {
        for (const c of m.filingConditions) expect(c.source).toBe(SOURCE_DEFAULT);
      }
    }
  });

  it('uses the suggested default for motor-vehicle parking 09009', () => {
    const [c, ...rest] = event('09009').filingConditions;
    expect(rest).toHaveLength(0);
    expect(c.isDefault).toBe(true);
    expect(c.source).toMatch(/suggested default/);
    expect(c.limits.B).toEqual({ amount: 2, unit: TimeUnit.HOUR });
    expect(c.limits.B).toEqual(condition(event('09010'), 'a').limits.B);
  });

  it('has the source values of the spot checks', () => {
    const illegalStructure = event('06001');
    expect(illegalStructure.filingConditions.map((c) => c.key)).toEqual(['a', 'b']);
    expect(condition(illegalStructure, 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.URGENT_WORK_DAY });
    expect(condition(illegalStructure, 'a').urgent).toBe(true);
    expect(condition(illegalStructure, 'b').limits.B).toEqual({ amount: 15, unit: TimeUnit.DAY });
    expect(condition(illegalStructure, 'b').limits.C).toEqual({ amount: 30, unit: TimeUnit.DAY });

    expect(condition(event('06010'), 'a').limits.B).toEqual({ amount: 4, unit: TimeUnit.HOUR });
    expect(condition(event('06020'), 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.URGENT_HOUR });
    expect(condition(event('07003'), 'a').limits.B).toEqual({ amount: 1, unit: TimeUnit.DAY });
    expect(condition(event('07003'), 'b').limits.B).toEqual({ amount: 5, unit: TimeUnit.DAY });
    expect(condition(event('08007'), 'a').limits.B).toEqual({ amount: 3, unit: TimeUnit.DAY }); // 1–3天
    expect(event('09011').filingConditions).toHaveLength(6);
    expect(condition(event('09011'), 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.HOUR });

    const cover = component('01001');
    expect(cover.filingConditions.map((c) => c.key)).toEqual(['a', 'b', 'c', 'd']);
    expect(condition(cover, 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.URGENT_HOUR });
    expect(condition(cover, 'a').urgent).toBe(true);
    expect(condition(cover, 'b').limits.B).toEqual({ amount: 4, unit: TimeUnit.WORK_HOUR });
    expect(condition(cover, 'c').limits.B).toEqual({ amount: 2, unit: TimeUnit.WORK_DAY });
    expect(condition(cover, 'd').limits.B).toEqual({ amount: 5, unit: TimeUnit.WORK_DAY });
    for (const code of ['01002', '01003', '01010', '01011', '01014', '01018', '01023']) {
      expect(component(code).filingConditions).toEqual(cover.filingConditions);
    }
    expect(condition(component('01006'), 'b').limits.B).toEqual({ amount: 1, unit: TimeUnit.WORK_DAY });
    expect(condition(component('01004'), 'e').limits.B).toEqual({ amount: 1, unit: TimeUnit.WORK_DAY });
    expect(component('01037').filingConditions).toHaveLength(6);
    expect(condition(component('01037'), 'e').limits.B).toEqual({ amount: 2, unit: TimeUnit.WORK_HOUR });
  });

  it('applies the component pattern to defaulted components', () => {
    const pole = component('01030');
    expect(pole.filingConditions.map((c) => [c.limits.B.amount, c.limits.B.unit, c.urgent])).toEqual([
      [2, TimeUnit.URGENT_HOUR, true],
      [1, TimeUnit.WORK_DAY, false],
      [3, TimeUnit.WORK_DAY, false],
      [4, TimeUnit.WORK_HOUR, false],
      [5, TimeUnit.WORK_DAY, false],
    ]);
  });
});
