import {
  COUNTERS,
  RATE_KEYS,
  type Counter,
  type Counters,
  type RateKey,
  type Rates,
} from './evaluation-counters';
import { EVALUATION_OBJECTS, EvaluationObject } from './evaluation-objects';

/** A count scored by bands: the first band whose `min` the value reaches gives the score (bands highest first). */
export interface ScoreBand {
  min: number;
  score: number;
}

/**
 * One indicator of a composite score (综合指标值, reference/domain.md §4.4): a rate scored as 100 × rate
 * (`rate`) or 100 × (1 − rate) (`inverse_rate`), or a count scored by bands. A count per unit grid divides the
 * count by the object's unit grids first (立案数 of an area).
 */
export type Indicator =
  | { key: RateKey; weight: number; scoring: 'rate' | 'inverse_rate' }
  | { key: Counter; weight: number; scoring: 'bands'; bands: ScoreBand[]; perUnitGrid?: boolean };

export interface GradeBand {
  grade: string;
  min: number;
}

/** A versioned scheme: the indicators and weights per object, and the grade bands. */
export interface SchemeDefinition {
  name: string;
  objects: Record<EvaluationObject, Indicator[]>;
  grades: GradeBand[];
}

export interface ScoreInput {
  counters: Counters;
  rates: Rates;
  /** The object's unit grids, for counts per unit grid (1 for objects that are not areas). */
  unitGrids: number;
}

/**
 * The composite score, 0–100 to 2 decimals. An indicator with nothing to measure (a rate whose denominator is
 * 0) is left out and the others' weights scaled up to 100 %; null when no indicator can be measured.
 */
export function scoreOf(indicators: readonly Indicator[], input: ScoreInput): number | null {
  let weighted = 0;
  let weights = 0;
  for (const indicator of indicators) {
    const score = indicatorScore(indicator, input);
    if (score === null) continue;
    weighted += score * indicator.weight;
    weights += indicator.weight;
  }
  return weights > 0 ? Math.round((weighted / weights) * 100) / 100 : null;
}

function indicatorScore(indicator: Indicator, { counters, rates, unitGrids }: ScoreInput): number | null {
  if (indicator.scoring === 'bands') {
    const value = counters[indicator.key] / (indicator.perUnitGrid ? Math.max(1, unitGrids) : 1);
    return indicator.bands.find((band) => value >= band.min)?.score ?? 0;
  }
  const rate = rates[indicator.key];
  if (rate === null) return null;
  return 100 * (indicator.scoring === 'rate' ? rate : 1 - rate);
}

/** The grade of a score: the first band (highest first) whose minimum it reaches. */
export function gradeOf(score: number | null, grades: readonly GradeBand[]): string | null {
  if (score === null) return null;
  return grades.find((band) => score >= band.min)?.grade ?? null;
}

/** Competition ranking (1, 2, 2, 4) by score, highest first; objects without a score are not ranked. */
export function ranksOf(scores: readonly (number | null)[]): (number | null)[] {
  const ranked = scores.filter((score): score is number => score !== null).sort((a, b) => b - a);
  return scores.map((score) => (score === null ? null : ranked.indexOf(score) + 1));
}

/** What is wrong with a scheme a user submits, as `{field, message}` pairs; empty when it is sound. */
export function schemeProblems(definition: SchemeDefinition): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  for (const object of EVALUATION_OBJECTS) {
    const indicators = definition.objects?.[object];
    if (!Array.isArray(indicators) || indicators.length === 0) {
      problem(`objects.${object}`, 'needs at least one indicator');
      continue;
    }
    const total = indicators.reduce((sum, indicator) => sum + Number(indicator.weight), 0);
    if (Math.abs(total - 100) > 1e-9) problem(`objects.${object}`, `weights add up to ${total}, not 100`);
    indicators.forEach((indicator, i) => {
      const field = `objects.${object}[${i}]`;
      if (!(Number(indicator.weight) > 0)) problem(`${field}.weight`, 'must be a positive number');
      if (indicator.scoring === 'bands') {
        if (!COUNTERS.includes(indicator.key)) problem(`${field}.key`, `${indicator.key} is no counter`);
        const bands = indicator.bands;
        if (!Array.isArray(bands) || bands.length === 0) problem(`${field}.bands`, 'needs at least one band');
        else if (bands.some((band, j) => j > 0 && band.min >= bands[j - 1].min)) {
          problem(`${field}.bands`, 'must be ordered by min, highest first');
        }
      } else if (indicator.scoring === 'rate' || indicator.scoring === 'inverse_rate') {
        if (!RATE_KEYS.includes(indicator.key)) problem(`${field}.key`, `${indicator.key} is no rate`);
      } else {
        problem(`${field}.scoring`, 'must be rate, inverse_rate or bands');
      }
    });
  }
  const grades = definition.grades;
  if (!Array.isArray(grades) || grades.length === 0) problem('grades', 'needs at least one grade');
  else if (grades.some((band, i) => i > 0 && band.min >= grades[i - 1].min)) {
    problem('grades', 'must be ordered by min, highest first');
  }
  return problems;
}

/** 立案数分值 of an area, per unit grid (fewer problems score higher) [S21]. */
const FILED_PER_UNIT_GRID: ScoreBand[] = [
  { min: 9, score: 0 },
  { min: 7, score: 40 },
  { min: 5, score: 60 },
  { min: 3, score: 75 },
  { min: 1, score: 90 },
  { min: 0, score: 100 },
];
const AREA: Indicator[] = [
  { key: 'publicReportRate', weight: 10, scoring: 'inverse_rate' },
  { key: 'filed', weight: 20, scoring: 'bands', bands: FILED_PER_UNIT_GRID, perUnitGrid: true },
  { key: 'closingRate', weight: 30, scoring: 'rate' },
  // The reference writes 10 %, which leaves the weights at 70 %; 40 % makes them whole (docs/evaluation.md).
  { key: 'onTimeClosingRate', weight: 40, scoring: 'rate' },
];
/** 受理数分值 and, here also, 派遣数分值 per period [S21]. */
const WORKLOAD: ScoreBand[] = [
  { min: 2001, score: 100 },
  { min: 1201, score: 90 },
  { min: 501, score: 75 },
  { min: 301, score: 60 },
  { min: 0, score: 0 },
];

/** The default scheme, CJ/T 292 as the reference reads it, with the choices docs/evaluation.md explains. */
export const DEFAULT_SCHEME: SchemeDefinition = {
  name: 'CJ/T 292 (CityGrid default)',
  objects: {
    [EvaluationObject.UnitGrid]: AREA,
    [EvaluationObject.ResponsibilityGrid]: AREA,
    [EvaluationObject.Community]: AREA,
    [EvaluationObject.Street]: AREA,
    [EvaluationObject.Department]: [
      {
        key: 'received',
        weight: 10,
        scoring: 'bands',
        bands: [
          { min: 1001, score: 0 },
          { min: 501, score: 40 },
          { min: 201, score: 60 },
          { min: 101, score: 75 },
          { min: 51, score: 90 },
          { min: 0, score: 100 },
        ],
      },
      { key: 'closingRate', weight: 30, scoring: 'rate' },
      { key: 'onTimeDisposalRate', weight: 30, scoring: 'rate' },
      { key: 'reworkRate', weight: 30, scoring: 'inverse_rate' },
    ],
    // 漏报率 (20 %) needs public reports matched to what the inspector should have seen, which CityGrid does
    // not record; its weight goes to the two timeliness rates.
    [EvaluationObject.Inspector]: [
      { key: 'validReportRate', weight: 40, scoring: 'rate' },
      { key: 'onTimeVerifyRate', weight: 30, scoring: 'rate' },
      { key: 'onTimeCheckRate', weight: 30, scoring: 'rate' },
    ],
    [EvaluationObject.Acceptor]: [
      { key: 'accepted', weight: 25, scoring: 'bands', bands: WORKLOAD },
      { key: 'onTimeAcceptRate', weight: 40, scoring: 'rate' },
      { key: 'accurateFilingRate', weight: 35, scoring: 'rate' },
    ],
    [EvaluationObject.Dispatcher]: [
      { key: 'dispatched', weight: 20, scoring: 'bands', bands: WORKLOAD },
      { key: 'onTimeDispatchRate', weight: 40, scoring: 'rate' },
      { key: 'accurateDispatchRate', weight: 40, scoring: 'rate' },
    ],
  },
  grades: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 75 },
    { grade: 'C', min: 60 },
    { grade: 'D', min: 40 },
    { grade: 'E', min: 0 },
  ],
};
