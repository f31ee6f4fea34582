import { ratesOf, zeroCounters, type Counters } from './evaluation-counters';
import { EvaluationObject } from './evaluation-objects';
import {
  DEFAULT_SCHEME,
  gradeOf,
  ranksOf,
  schemeProblems,
  scoreOf,
  type Indicator,
  type SchemeDefinition,
} from './evaluation-scheme';

const counters = (values: Partial<Counters>): Counters => ({ ...zeroCounters(), ...values });
const input = (values: Partial<Counters>, unitGrids = 1) => {
  const c = counters(values);
  return { counters: c, rates: ratesOf(c), unitGrids };
};

describe('rates', () => {
  it('divides by the due totals, which include what is still open and overdue', () => {
    const rates = ratesOf(
      counters({ handled: 6, handledOnTime: 3, handleOpenOverdue: 2, closed: 5, openOverdue: 3 }),
    );
    expect(rates.disposalRate).toBe(0.75);
    expect(rates.onTimeDisposalRate).toBe(0.375);
    expect(rates.overduePendingRate).toBe(0.25);
    expect(rates.closingRate).toBe(0.625);
  });

  it('is null with nothing to divide by, and rounded to 4 decimals otherwise', () => {
    const rates = ratesOf(counters({ filed: 3, filedOnTime: 2 }));
    expect(rates.onTimeFilingRate).toBe(0.6667);
    expect(rates.onTimeDispatchRate).toBeNull();
  });

  it('never lets cancellations make the accurate filing rate negative', () => {
    expect(ratesOf(counters({ filed: 1, cancelled: 3 })).accurateFilingRate).toBe(0);
  });
});

describe('scoreOf', () => {
  const indicators: Indicator[] = [
    { key: 'closingRate', weight: 60, scoring: 'rate' },
    { key: 'reworkRate', weight: 40, scoring: 'inverse_rate' },
  ];

  it('weighs rate scores, and 100 − rate for lower-is-better rates', () => {
    // 9 closed of 10 due → 90; 1 rework of 10 → 100 − 10 = 90. Then 5 of 10 → 50 and no rework → 100.
    expect(scoreOf(indicators, input({ closed: 9, openOverdue: 1, rework: 1 }))).toBe(90);
    expect(scoreOf(indicators, input({ closed: 5, openOverdue: 5, rework: 0 }))).toBe(70);
  });

  it('leaves out what cannot be measured and scales the other weights up', () => {
    const withCount: Indicator[] = [
      { key: 'onTimeDispatchRate', weight: 50, scoring: 'rate' },
      {
        key: 'dispatched',
        weight: 50,
        scoring: 'bands',
        bands: [
          { min: 10, score: 100 },
          { min: 0, score: 20 },
        ],
      },
    ];
    expect(scoreOf(withCount, input({}))).toBe(20);
    expect(scoreOf(indicators, input({}))).toBeNull();
  });

  it('scores counts by bands, per unit grid when asked', () => {
    const [, filed] = DEFAULT_SCHEME.objects[EvaluationObject.Street];
    const only = [filed];
    expect(scoreOf(only, input({ filed: 0 }, 4))).toBe(100);
    expect(scoreOf(only, input({ filed: 8 }, 4))).toBe(90); // 2 per unit grid
    expect(scoreOf(only, input({ filed: 20 }, 4))).toBe(60); // 5 per unit grid
    expect(scoreOf(only, input({ filed: 40 }, 4))).toBe(0); // 10 per unit grid
  });
});

describe('grades and ranks', () => {
  it('grades by the first band reached', () => {
    const { grades } = DEFAULT_SCHEME;
    expect([95, 90, 89.99, 75, 60, 40, 39.99, 0].map((s) => gradeOf(s, grades))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'D',
      'E',
      'E',
    ]);
    expect(gradeOf(null, grades)).toBeNull();
  });

  it('ranks ties equally and leaves unscored objects unranked', () => {
    expect(ranksOf([70, 90, null, 90, 50])).toEqual([3, 1, null, 1, 4]);
  });
});

describe('schemeProblems', () => {
  it('finds nothing wrong with the default scheme, whose weights add up to 100 for every object', () => {
    expect(schemeProblems(DEFAULT_SCHEME)).toEqual([]);
  });

  it('names each problem by its field', () => {
    const broken = structuredClone(DEFAULT_SCHEME) as SchemeDefinition;
    broken.objects[EvaluationObject.Street] = [
      { key: 'closingRate', weight: 50, scoring: 'rate' },
      { key: 'noSuchRate' as never, weight: 30, scoring: 'rate' },
    ];
    broken.objects[EvaluationObject.Department] = [
      {
        key: 'received',
        weight: 100,
        scoring: 'bands',
        bands: [
          { min: 0, score: 1 },
          { min: 5, score: 2 },
        ],
      },
    ];
    delete (broken.objects as Partial<SchemeDefinition['objects']>)[EvaluationObject.Inspector];
    broken.grades = [
      { grade: 'A', min: 50 },
      { grade: 'B', min: 60 },
    ];
    expect(schemeProblems(broken)).toEqual([
      { field: 'objects.street', message: 'weights add up to 80, not 100' },
      { field: 'objects.street[1].key', message: 'noSuchRate is no rate' },
      { field: 'objects.department[0].bands', message: 'must be ordered by min, highest first' },
      { field: 'objects.inspector', message: 'needs at least one indicator' },
      { field: 'grades', message: 'must be ordered by min, highest first' },
    ]);
  });
});
