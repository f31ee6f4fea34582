import { TimeUnit } from '@citygrid/calendar';
import { MatterFamily } from '@citygrid/departments';
import { MatterKind, type MatterSeed } from '../catalogue-types';
import { CATALOGUE_VERSION } from './catalogue-version';
import { SOURCE_DEFAULT, SOURCE_YUNCHENG, upperBoundOf } from './condition-helpers';
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

/** The matters of GB/T 47678.5-2026 and the shipped local subclasses. */
const NATIONAL = MATTERS.filter((m) => !m.local);
const LOCAL = MATTERS.filter((m) => m.local);
const subCode = (m: MatterSeed) => Number(m.code.slice(2));

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

/** The local subclasses shipped for matters of domain.md §2.2 with no 2026 code: [code, name, 2013 code]. */
// prettier-ignore
const LOCAL_EVENTS: [string, string, string | null][] = [
  ['06999', '餐厨垃圾遗撒', '01-31'],
  ['06998', '园路破损', null],
  ['06997', '线体垂落', null],
  ['06996', '违规养犬', null],
  ['06995', '光污染', null],
  ['06994', '作业车辆管理', null],
  ['06993', '门前四包', '06-04'],
  ['06992', '非法采砂', '06-96'],
  ['07999', '户外广告设置位置不合理', '02-05'],
  ['08999', '施工缓慢', null],
  ['08998', '设施残留物', null],
  ['09999', '早餐车', '04-91'],
  ['09998', '便民摊点', '04-92'],
  ['10999', '路面塌陷', '05-05'],
  ['10998', '供水管道破裂', '05-01'],
  ['10997', '燃气管道破裂', '05-02'],
  ['10996', '道路积水', '05-06'],
  ['10995', '排水管道堵塞', '05-03'],
  ['10994', '热力管道破裂', '05-04'],
  ['10993', '其他突发事件', '05-95'],
  ['10992', '高空坠物', '05-96'],
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

  it('has the 250 national matters, 153 component and 97 event, plus the local subclasses', () => {
    expect(NATIONAL).toHaveLength(250);
    expect(NATIONAL.filter((m) => m.kind === MatterKind.Component)).toHaveLength(153);
    expect(NATIONAL.filter((m) => m.kind === MatterKind.Event)).toHaveLength(97);
    expect(LOCAL).toHaveLength(LOCAL_EVENTS.length);
    expect(MATTERS).toHaveLength(250 + LOCAL_EVENTS.length);
    for (const m of MATTERS) expect(m.local === undefined || typeof m.local === 'boolean').toBe(true);
  });

  it('has the per-class counts of the standard', () => {
    const counts: Record<string, number> = {};
    for (const m of NATIONAL) counts[m.majorCode] = (counts[m.majorCode] ?? 0) + 1;
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

  it('has codes unique across all matters, national ones below 900', () => {
    const codes = MATTERS.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of NATIONAL) expect(subCode(m)).toBeLessThan(900);
  });

  it('gives local subclasses codes counting down from 999 within their major class', () => {
    for (const m of LOCAL) {
      expect(m.local).toBe(true);
      expect(subCode(m)).toBeGreaterThanOrEqual(900);
    }
    const byMajor = new Map<string, number[]>();
    for (const m of LOCAL) byMajor.set(m.majorCode, [...(byMajor.get(m.majorCode) ?? []), subCode(m)]);
    for (const [major, subs] of byMajor) {
      const sorted = [...subs].sort((a, b) => b - a);
      expect({ major, subs: sorted }).toEqual({ major, subs: sorted.map((_, i) => 999 - i) });
    }
  });

  it('ships the matters of domain.md §2.2 without a 2026 code as local subclasses', () => {
    expect(LOCAL.map((m) => [m.code, m.nameZh, m.legacyCode2013])).toEqual(LOCAL_EVENTS);
    for (const m of LOCAL) {
      expect(m.kind).toBe(MatterKind.Event);
      for (const c of m.filingConditions) {
        expect(c.isDefault).toBe(false);
        expect(c.source).toBe(SOURCE_YUNCHENG);
      }
    }
    // Variants of 06001 私搭乱建 with the same conditions: not shipped on their own.
    for (const m of MATTERS) expect(m.nameZh).not.toMatch(/小产权房|农村自建房/);
  });

  it('has the source values of the local subclasses', () => {
    const subsidence = event('10999');
    expect(subsidence.nameEn).toBe('Road subsidence');
    expect(subsidence.family).toBe(MatterFamily.MunicipalFacilities);
    expect(subsidence.filingConditions).toHaveLength(1);
    expect(condition(subsidence, 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.URGENT_HOUR });
    expect(condition(subsidence, 'a').limits.C).toEqual({ amount: 4, unit: TimeUnit.URGENT_HOUR });
    expect(condition(subsidence, 'a').urgent).toBe(true);

    const waterPipe = event('10998');
    expect(waterPipe.family).toBe(MatterFamily.Utilities);
    expect(waterPipe.filingConditions.map((c) => [c.key, c.limits.B, c.urgent])).toEqual([
      ['a', { amount: 1, unit: TimeUnit.URGENT_HOUR }, true],
      ['b', { amount: 5, unit: TimeUnit.DAY }, false],
    ]);
    expect(condition(event('10997'), 'a').limits.B).toEqual({ amount: 1, unit: TimeUnit.URGENT_HOUR });
    expect(condition(event('10996'), 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.URGENT_HOUR });
    expect(event('10995').filingConditions.map((c) => c.limits.B)).toEqual([
      { amount: 4, unit: TimeUnit.HOUR },
      { amount: 1, unit: TimeUnit.URGENT_HOUR },
    ]);
    expect(condition(event('10994'), 'a').limits.B).toEqual({ amount: 1, unit: TimeUnit.URGENT_HOUR });
    for (const code of ['10993', '10992']) {
      expect(condition(event(code), 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.URGENT_HOUR });
    }

    expect(condition(event('06999'), 'a').limits.B).toEqual({ amount: 4, unit: TimeUnit.HOUR });
    expect(event('06999').family).toBe(MatterFamily.Sanitation);
    expect(condition(event('06998'), 'a').limits.B).toEqual({ amount: 5, unit: TimeUnit.DAY });
    expect(event('06994').filingConditions.map((c) => c.limits.B)).toEqual([
      { amount: 2, unit: TimeUnit.HOUR },
      { amount: 1, unit: TimeUnit.DAY },
    ]);
    expect(condition(event('06993'), 'a').limits.B).toEqual({ amount: 4, unit: TimeUnit.HOUR });
    expect(condition(event('07999'), 'a').limits.B).toEqual({ amount: 3, unit: TimeUnit.DAY });
    expect(condition(event('08999'), 'a').limits.B).toEqual({ amount: 2, unit: TimeUnit.DAY });
    expect(condition(event('09999'), 'a').limits.B).toEqual({ amount: 4, unit: TimeUnit.HOUR });
    expect(condition(event('09998'), 'a').limits.B).toEqual({ amount: 1, unit: TimeUnit.DAY });
  });

  it('keeps the upper bound of a range the source does not split, and says so', () => {
    const underBridge = event('09017');
    expect(underBridge.filingConditions).toHaveLength(1);
    expect(condition(underBridge, 'a').limits.B).toEqual({ amount: 5, unit: TimeUnit.DAY });
    expect(condition(underBridge, 'a').source).toBe(
      'Yuncheng [S18]; range 2 h–5 days in the source; upper bound',
    );
    expect(condition(event('06004'), 'a').source).toBe(`${SOURCE_YUNCHENG}; ${upperBoundOf('1–3 days')}`);
    expect(condition(event('06004'), 'b').source).toBe(SOURCE_YUNCHENG);
    expect(condition(event('06030'), 'a').source).toBe(`${SOURCE_YUNCHENG}; ${upperBoundOf('1–2 days')}`);
    expect(condition(event('08007'), 'a').source).toBe(`${SOURCE_YUNCHENG}; ${upperBoundOf('1–3 days')}`);
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
      // A range reduced to its upper bound carries a note after the source.
      expect(c.source.split('; ')[0]).toBe(SOURCE_YUNCHENG);
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
    const defaulted = NATIONAL.filter((m) => !sourced.has(`${m.kind}:${m.code}`));
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
