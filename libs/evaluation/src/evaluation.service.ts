import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PG_UNIQUE_VIOLATION, pgErrorCode } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import type { DataSource } from 'typeorm';
import type { EvaluationPeriodDto } from './dto/evaluation-query.dto';
import {
  COUNTERS,
  columnOf,
  FLOW_COUNTERS,
  ratesOf,
  STOCK_COUNTERS,
  zeroCounters,
  type Counters,
  type Rates,
} from './evaluation-counters';
import { EVALUATION_OBJECTS, EvaluationObject } from './evaluation-objects';
import { daysOf, rangeOf, type DayRange } from './evaluation-period';
import { gradeOf, ranksOf, schemeProblems, scoreOf, type SchemeDefinition } from './evaluation-scheme';
import { EvaluationException } from './evaluation.exception';

export interface SchemeRef {
  key: string;
  version: number;
  name: string;
}

export interface StoredScheme extends SchemeRef {
  definition: SchemeDefinition;
  createdAt: string;
}

export interface EvaluationRow {
  id: string;
  name: string | null;
  counters: Counters;
  rates: Rates;
  score: number | null;
  grade: string | null;
  rank: number | null;
}

export interface EvaluationTable extends DayRange {
  objectType: EvaluationObject;
  /** Everything up to this instant is counted: the end of the last final day, or today's last build. */
  asOf: string | null;
  /** False when a day of the period up to today is not built yet (the stats job is behind). */
  complete: boolean;
  scheme: SchemeRef;
  rows: EvaluationRow[];
}

export interface EvaluationDay {
  day: string;
  counters: Counters;
  rates: Rates;
}

export interface EvaluationDetail extends Omit<EvaluationTable, 'rows'> {
  object: EvaluationRow;
  series: EvaluationDay[];
}

export interface OutstandingRow {
  areaId: string | null;
  areaName: string | null;
  matterKind: string;
  matterCode: string;
  matterName: string | null;
  open: number;
  overdue: number;
}

interface Coverage {
  asOf: string | null;
  complete: boolean;
  /** The last counted day: the period's stocks are this day's. */
  stockDay: string | null;
}

/** Every object of a type with its name and unit grids; persons only as they appear in the data. */
const CATALOGUE: Record<EvaluationObject, string | null> = {
  [EvaluationObject.UnitGrid]: `SELECT code AS id, coalesce(name, code) AS name, 1 AS unit_grids FROM unit_grids`,
  [EvaluationObject.ResponsibilityGrid]: `
    SELECT r.code AS id, r.name, count(u.code)::int AS unit_grids
    FROM responsibility_grids r LEFT JOIN unit_grids u ON u.responsibility_grid_code = r.code GROUP BY r.code`,
  [EvaluationObject.Community]: `
    SELECT c.code AS id, c.name, count(u.code)::int AS unit_grids
    FROM communities c LEFT JOIN unit_grids u ON u.community_code = c.code GROUP BY c.code`,
  [EvaluationObject.Street]: `
    SELECT s.code AS id, s.name, count(u.code)::int AS unit_grids
    FROM streets s LEFT JOIN communities c ON c.street_code = s.code
    LEFT JOIN unit_grids u ON u.community_code = c.code GROUP BY s.code`,
  [EvaluationObject.Department]: `SELECT id::text AS id, name, 1 AS unit_grids FROM departments`,
  [EvaluationObject.Inspector]: null,
  [EvaluationObject.Acceptor]: null,
  [EvaluationObject.Dispatcher]: null,
};

/** Where an open case counts for `outstanding`, and the names of those places. */
const OUTSTANDING_BY: Record<string, [key: string, names: string]> = {
  [EvaluationObject.Street]: ['c.street_code', 'SELECT code AS id, name FROM streets'],
  [EvaluationObject.Community]: ['c.community_code', 'SELECT code AS id, name FROM communities'],
  [EvaluationObject.UnitGrid]: ['c.unit_grid_code', 'SELECT code AS id, name FROM unit_grids'],
  [EvaluationObject.ResponsibilityGrid]: [
    'c.responsibility_grid_code',
    'SELECT code AS id, name FROM responsibility_grids',
  ],
  [EvaluationObject.Department]: ['c.department_id::text', 'SELECT id::text AS id, name FROM departments'],
};

const FLOW_SUMS = FLOW_COUNTERS.map((c) => `sum(${columnOf(c)})::int AS "${c}"`).join(', ');
const STOCK_VALUES = STOCK_COUNTERS.map((c) => `${columnOf(c)} AS "${c}"`).join(', ');
const ALL_VALUES = COUNTERS.map((c) => `${columnOf(c)} AS "${c}"`).join(', ');

const countersOf = (row: Record<string, unknown>): Counters => {
  const counters = zeroCounters();
  for (const counter of COUNTERS) counters[counter] = Number(row[counter] ?? 0);
  return counters;
};

/**
 * Answers evaluation questions from the daily snapshots (docs/evaluation.md): a period's flows are the sum of
 * its days, its stocks those of its last counted day; rates, scores, grades and ranks are worked out here from
 * the chosen scheme, so a new scheme applies to past periods at once.
 */
@Injectable()
export class EvaluationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  objectType(type: string): EvaluationObject {
    if (!EVALUATION_OBJECTS.includes(type as EvaluationObject)) {
      throw EvaluationException.unknownObjectType(type, EVALUATION_OBJECTS);
    }
    return type as EvaluationObject;
  }

  /** Every object of the type, ranked by composite score. */
  async table(type: string, query: EvaluationPeriodDto & { scheme?: string }): Promise<EvaluationTable> {
    return (await this.evaluate(type, query)).table;
  }

  /** One object's totals and rank for the period, with its counters day by day (the days counted so far). */
  async detail(
    type: string,
    id: string,
    query: EvaluationPeriodDto & { scheme?: string },
  ): Promise<EvaluationDetail> {
    const { table, coverage } = await this.evaluate(type, query);
    const { rows, ...period } = table;
    const object = rows.find((row) => row.id === id);
    if (!object) throw EvaluationException.objectNotFound(type, id);
    const daily: Record<string, unknown>[] = await this.db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, ${ALL_VALUES} FROM evaluation_daily
       WHERE object_type = $1 AND object_id = $2 AND day BETWEEN $3 AND $4`,
      [period.objectType, id, period.from, period.to],
    );
    const byDay = new Map(daily.map((row) => [String(row['day']), countersOf(row)]));
    const counted = coverage.stockDay ? daysOf({ from: period.from, to: coverage.stockDay }) : [];
    const series = counted.map((day) => {
      const counters = byDay.get(day) ?? zeroCounters();
      return { day, counters, rates: ratesOf(counters) };
    });
    return { ...period, object, series };
  }

  private async evaluate(
    type: string,
    query: EvaluationPeriodDto & { scheme?: string },
  ): Promise<{ table: EvaluationTable; coverage: Coverage }> {
    const objectType = this.objectType(type);
    const range = rangeOf(query);
    const [scheme, coverage] = await Promise.all([this.scheme(query.scheme), this.coverage(range)]);
    const data: Record<string, unknown>[] = await this.db.query(
      `WITH flows AS (
         SELECT object_id, ${FLOW_SUMS} FROM evaluation_daily
         WHERE object_type = $1 AND day BETWEEN $2 AND $3 GROUP BY object_id),
       stocks AS (
         SELECT object_id, ${STOCK_VALUES} FROM evaluation_daily WHERE object_type = $1 AND day = $4)
       SELECT * FROM flows FULL JOIN stocks USING (object_id)`,
      [objectType, range.from, range.to, coverage.stockDay],
    );
    const byId = new Map(data.map((row) => [String(row['object_id']), countersOf(row)]));
    const objects = await this.objectsOf(objectType, [...byId.keys()]);
    const indicators = scheme.definition.objects[objectType];
    const rows = objects.map(({ id, name, unitGrids }): EvaluationRow => {
      const counters = byId.get(id) ?? zeroCounters();
      const rates = ratesOf(counters);
      const score = scoreOf(indicators, { counters, rates, unitGrids });
      return {
        id,
        name,
        counters,
        rates,
        score,
        grade: gradeOf(score, scheme.definition.grades),
        rank: null,
      };
    });
    const ranks = ranksOf(rows.map((row) => row.score));
    rows.forEach((row, i) => (row.rank = ranks[i]));
    rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.id.localeCompare(b.id));
    const { asOf, complete } = coverage;
    const ref = { key: scheme.key, version: scheme.version, name: scheme.name };
    return { table: { objectType, ...range, asOf, complete, scheme: ref, rows }, coverage };
  }

  /** Open cases now, by area (or department) and matter: what is still outstanding, and how much is overdue. */
  async outstanding(by: string = EvaluationObject.Street, matter?: string): Promise<OutstandingRow[]> {
    const [key, names] = OUTSTANDING_BY[by];
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH open AS (
         SELECT ${key} AS area_id, c.matter_kind, c.matter_code, c.catalogue_version_id,
                c.status <> 'SUSPENDED' AND c.step_deadline < now() AS overdue
         FROM cases c
         WHERE c.status NOT IN ('CLOSED', 'CANCELLED') AND ($1::text IS NULL OR c.matter_code LIKE $1 || '%'))
       SELECT o.area_id, n.name AS area_name, o.matter_kind, o.matter_code,
              max(m.name_zh) AS matter_name, count(*)::int AS open, count(*) FILTER (WHERE o.overdue)::int AS overdue
       FROM open o
       LEFT JOIN (${names}) n ON n.id = o.area_id
       LEFT JOIN matters m ON m.version_id = o.catalogue_version_id AND m.kind = o.matter_kind AND m.code = o.matter_code
       GROUP BY o.area_id, n.name, o.matter_kind, o.matter_code
       ORDER BY open DESC, o.area_id, o.matter_code`,
      [matter ?? null],
    );
    return rows.map((row) => ({
      areaId: (row['area_id'] as string | null) ?? null,
      areaName: (row['area_name'] as string | null) ?? null,
      matterKind: String(row['matter_kind']),
      matterCode: String(row['matter_code']),
      matterName: (row['matter_name'] as string | null) ?? null,
      open: Number(row['open']),
      overdue: Number(row['overdue']),
    }));
  }

  /** A scheme by key (its newest version) or key@version; by default EVALUATION_SCHEME's newest version. */
  async scheme(ref = this.config.EVALUATION_SCHEME): Promise<StoredScheme> {
    const [key, version] = ref.split('@');
    const [row]: Record<string, unknown>[] = await this.db.query(
      `SELECT key, version, definition, created_at FROM evaluation_schemes
       WHERE key = $1 AND ($2::int IS NULL OR version = $2)
       ORDER BY version DESC LIMIT 1`,
      [key, version ? Number(version) : null],
    );
    if (!row) throw EvaluationException.schemeNotFound(ref);
    return this.stored(row);
  }

  async schemes(): Promise<StoredScheme[]> {
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT key, version, definition, created_at FROM evaluation_schemes ORDER BY key, version`,
    );
    return rows.map((row) => this.stored(row));
  }

  /** Adds the next version of a scheme (a new key starts at 1); published versions never change. */
  async addScheme(key: string, definition: SchemeDefinition, createdBy: string): Promise<StoredScheme> {
    const problems = schemeProblems(definition);
    if (problems.length > 0) throw EvaluationException.invalidScheme(problems);
    const rows: Record<string, unknown>[] = await this.db
      .query(
        `INSERT INTO evaluation_schemes (key, version, definition, created_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM evaluation_schemes WHERE key = $1
         RETURNING key, version, definition, created_at`,
        [key, JSON.stringify(definition), createdBy],
      )
      .catch((error: unknown) => {
        throw pgErrorCode(error) === PG_UNIQUE_VIOLATION ? EvaluationException.versionTaken(key) : error;
      });
    return this.stored(rows[0]);
  }

  private stored(row: Record<string, unknown>): StoredScheme {
    const definition = row['definition'] as SchemeDefinition;
    return {
      key: String(row['key']),
      version: Number(row['version']),
      name: definition.name,
      definition,
      createdAt: (row['created_at'] as Date).toISOString(),
    };
  }

  /**
   * How far the snapshots of a range are built (docs/evaluation.md, "as of"). Days before the first day ever
   * built held no activity at all: they count as final and empty.
   */
  private async coverage({ from, to }: DayRange): Promise<Coverage> {
    const days: {
      day: string;
      built_at: Date | null;
      final: boolean | null;
      ends_at: Date;
      future: boolean;
      before_any: boolean;
    }[] = await this.db.query(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day, e.built_at, e.final,
              (d::date + 1)::timestamp AT TIME ZONE $3 AS ends_at,
              d::date > (now() AT TIME ZONE $3)::date AS future,
              d::date < (SELECT min(day) FROM evaluation_days) AS before_any
       FROM generate_series($1::date, $2::date, interval '1 day') AS d
       LEFT JOIN evaluation_days e ON e.day = d::date
       ORDER BY d`,
      [from, to, this.config.TZ_CITY],
    );
    let coverage: Coverage = { asOf: null, complete: true, stockDay: null };
    // Once a day was built before it ended, the answer is as of that build, whatever later days hold.
    let builtEarly = false;
    for (const day of days) {
      if (day.future) break;
      const final = day.before_any || day.final;
      if (!final && !day.built_at) return { ...coverage, complete: false };
      coverage = {
        ...coverage,
        stockDay: day.day,
        asOf: builtEarly ? coverage.asOf : (final ? day.ends_at : day.built_at!).toISOString(),
      };
      builtEarly ||= !final;
    }
    return coverage;
  }

  private async objectsOf(
    type: EvaluationObject,
    ids: string[],
  ): Promise<{ id: string; name: string | null; unitGrids: number }[]> {
    const catalogue = CATALOGUE[type];
    const rows: { id: string; name: string | null; unit_grids: number }[] = catalogue
      ? await this.db.query(catalogue)
      : await this.db.query(
          `SELECT id::text AS id, display_name AS name, 1 AS unit_grids FROM users WHERE id::text = ANY($1)`,
          [ids],
        );
    const known = new Map(
      rows.map((row) => [row.id, { id: row.id, name: row.name, unitGrids: Number(row.unit_grids) }]),
    );
    // Data for an object no longer in its table (a grid re-imported away) is still shown, without a name.
    for (const id of ids) if (!known.has(id)) known.set(id, { id, name: null, unitGrids: 1 });
    return [...known.values()];
  }
}
