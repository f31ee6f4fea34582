// The data of the evaluation benchmark: a database of its own with the demo city and millions of cases, each with
// the activity rows the real workflow writes (libs/cases/src: intake, routing, actions, the deadline ladder), over
// the months up to yesterday. Generated set-based in PostgreSQL, one city day per statement batch, and kept: a
// later run reuses it unless told otherwise (BENCH_EVAL_REGENERATE=1).
// Standalone: node -r @swc-node/register bench/support/evaluation-data.ts (after npm run build:server).
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../libs/database/src/migrations';
import { Role } from '../../libs/common/src/auth/principal';
import { TRANSITIONS } from '../../libs/cases/src/workflow/transition-table';
import { adminUrlOf, createDatabase, databaseUrl, dropDatabases } from '../../libs/testing/src/test-database';

/** Bumped whenever the generated data changes shape: a database made by another version is made again. */
export const GENERATOR_VERSION = 1;

export interface EvaluationDataSettings {
  /** Any database URL of the server (its path is replaced). */
  baseUrl: string;
  database: string;
  cases: number;
  /** City days of data, ending yesterday. */
  days: number;
  /** Drop and generate again even when the database holds matching data. */
  regenerate: boolean;
  /** Connections generating day batches side by side. */
  workers: number;
  timeZone: string;
}

export interface EvaluationDataInfo {
  dbUrl: string;
  reused: boolean;
  generatedAt: string;
  cases: number;
  activities: number;
  /** The first and last city day with reports, and the instant the data stops (the start of the day after). */
  firstDay: string;
  lastDay: string;
  cutoff: string;
  /** Seconds per phase of the generation that made the data. */
  seconds: Record<string, number>;
  statuses: Record<string, number>;
  actions: Record<string, number>;
  bytes: { cases: number; activities: number };
}

type Log = (line: string) => void;

export const evaluationDataSettings = (): EvaluationDataSettings => ({
  baseUrl: process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/citygrid',
  database: process.env.BENCH_EVAL_DATABASE || 'citygrid_bench_evaluation',
  cases: Number(process.env.BENCH_EVAL_CASES || 5_000_000),
  days: Number(process.env.BENCH_EVAL_DAYS || 365),
  regenerate: process.env.BENCH_EVAL_REGENERATE === '1',
  workers: Number(process.env.BENCH_EVAL_WORKERS || 2),
  timeZone: process.env.TZ_CITY || 'Asia/Shanghai',
});

const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;
const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/**
 * The generated database, made (or made again) when it does not hold data of these settings and generator
 * version. Reuse also runs migrations added since, so the schema stays what the migrations define.
 */
export async function ensureEvaluationData(
  settings: EvaluationDataSettings,
  log: Log,
): Promise<EvaluationDataInfo> {
  const adminUrl = adminUrlOf(settings.baseUrl);
  const dbUrl = databaseUrl(settings.baseUrl, settings.database);
  const existing = await markerOf(adminUrl, dbUrl, settings.database);
  const wanted = { cases: settings.cases, days: settings.days, generator: GENERATOR_VERSION };
  if (existing && !settings.regenerate) {
    const same =
      existing.cases === wanted.cases &&
      existing.days === wanted.days &&
      existing.generator === wanted.generator;
    if (same) {
      await migrate(dbUrl);
      log(
        `reusing ${settings.database}: ${existing.cases.toLocaleString('en-US')} cases made ${existing.generatedAt}`,
      );
      return { ...existing, dbUrl, reused: true };
    }
    log(`${settings.database} holds other data (${JSON.stringify(existing)}): generating again`);
  } else if (settings.regenerate) {
    log(`BENCH_EVAL_REGENERATE=1: generating ${settings.database} again`);
  }
  await dropDatabases(adminUrl, [settings.database]);
  const info = await generate(settings, adminUrl, dbUrl, log);
  return { ...info, dbUrl, reused: false };
}

type Marker = Omit<EvaluationDataInfo, 'dbUrl' | 'reused'> & { days: number; generator: number };

async function markerOf(adminUrl: string, dbUrl: string, database: string): Promise<Marker | null> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [database]);
  await admin.end();
  if (!rowCount) return null;
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ value: Marker }>(
      `SELECT value FROM bench.generated WHERE key = 'data' AND (value ->> 'complete')::boolean`,
    );
    return rows[0]?.value ?? null;
  } catch {
    return null; // no marker: a generation that did not finish
  } finally {
    await db.end();
  }
}

async function migrate(dbUrl: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url: dbUrl, migrations: MIGRATIONS });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

// ---------------------------------------------------------------------------------------------------------------
// Generation
async function generate(
  settings: EvaluationDataSettings,
  adminUrl: string,
  dbUrl: string,
  log: Log,
): Promise<Omit<EvaluationDataInfo, 'dbUrl' | 'reused'>> {
  const timings: Record<string, number> = {};
  const started = performance.now();
  let t = performance.now();
  log(`creating ${settings.database}: migrations, then the demo city (the e2e set-up's way)`);
  await createDatabase(adminUrl, settings.database);
  await migrate(dbUrl);
  execFileSync(process.execPath, ['dist/apps/standalone/src/seed-demo.js'], {
    env: { ...process.env, DATABASE_URL: dbUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  timings.setup = seconds(t);

  const db = new Client({ connectionString: dbUrl, application_name: 'bench-eval-gen' });
  await db.connect();
  try {
    t = performance.now();
    const plan = await prepare(db, settings);
    await db.query(`INSERT INTO bench.generated (key, value) VALUES ('data', $1)`, [
      JSON.stringify({ complete: false, cases: settings.cases, days: settings.days }),
    ]);
    const indexes = await dropIndexes(db);
    timings.prepare = seconds(t);

    t = performance.now();
    log(
      `generating ${settings.cases.toLocaleString('en-US')} cases over ${settings.days} days ` +
        `(${plan.firstDay} – ${plan.lastDay}) on ${settings.workers} connections`,
    );
    await loadDays(dbUrl, plan, settings.workers, log);
    timings.load = seconds(t);

    t = performance.now();
    log('VACUUM of the loaded tables');
    await db.query(`VACUUM (FREEZE) cases`);
    await db.query(`VACUUM (FREEZE) case_activities`);
    timings.vacuum = seconds(t);

    t = performance.now();
    log(`recreating ${indexes.length} indexes as the migrations define them`);
    await recreateIndexes(dbUrl, indexes, log);
    await db.query(`ANALYZE`);
    timings.indexes = seconds(t);

    t = performance.now();
    log('checking the rows against the workflow');
    const summary = await validate(db);
    timings.validate = seconds(t);
    timings.total = seconds(started);

    await db.query(`DROP SCHEMA bench CASCADE`);
    await db.query(`CREATE SCHEMA bench`);
    await db.query(`CREATE TABLE bench.generated (key text PRIMARY KEY, value jsonb NOT NULL)`);
    const info = {
      generatedAt: new Date().toISOString(),
      cases: summary.cases,
      activities: summary.activities,
      firstDay: plan.firstDay,
      lastDay: plan.lastDay,
      cutoff: new Date(plan.cutoff * 1000).toISOString(),
      seconds: timings,
      statuses: summary.statuses,
      actions: summary.actions,
      bytes: summary.bytes,
    };
    const marker: Marker = { ...info, days: settings.days, generator: GENERATOR_VERSION };
    await db.query(`INSERT INTO bench.generated (key, value) VALUES ('data', $1)`, [
      JSON.stringify({ ...marker, complete: true }),
    ]);
    return info;
  } finally {
    await db.end();
  }
}

interface Plan {
  firstDay: string;
  lastDay: string;
  /** Epoch seconds where the data stops: city midnight starting today. */
  cutoff: number;
  /** Per city day: its local midnight (epoch s), its date and its number of cases. */
  days: Array<{ start: number; date: string; cases: number }>;
  batchSql: BatchStatement[];
}

/** A statement of a day's batch and the day's values it takes, in order ($1, $2, …). */
interface BatchStatement {
  sql: string;
  params: Array<'start' | 'cases' | 'date'>;
}

/**
 * Helper tables (schema `bench`, dropped at the end): the city's grids, catalogue conditions and routing as
 * lookup tables with weighted slots, the people who act, and two SQL functions for working time.
 */
async function prepare(db: Client, settings: EvaluationDataSettings): Promise<Plan> {
  await db.query(`CREATE SCHEMA bench`);
  await db.query(`CREATE TABLE bench.generated (key text PRIMARY KEY, value jsonb NOT NULL)`);

  // City days. The city's zone must keep one UTC offset over the data (Asia/Shanghai does), so that local
  // time is epoch + offset throughout.
  const [{ today }] = (
    await db.query<{ today: string }>(
      `SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS today`,
      [settings.timeZone],
    )
  ).rows;
  const offsets = (
    await db.query<{ off: number }>(
      `SELECT DISTINCT extract(epoch FROM (i AT TIME ZONE $1) - (i AT TIME ZONE 'UTC'))::int AS off
       FROM generate_series(now() - make_interval(days => $2::int + 60), now() + interval '800 days', interval '1 hour') i`,
      [settings.timeZone, settings.days],
    )
  ).rows;
  if (offsets.length !== 1) throw new Error(`${settings.timeZone} changes its UTC offset over the data`);
  const offset = Number(offsets[0]!.off);
  const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const dateOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
  const todayN = dayNumber(today);
  const firstN = todayN - settings.days;
  const cutoff = todayN * 86400 - offset;

  // The working calendar (libs/calendar): periods, plain units, shipped days and overrides, weekends.
  const [calendar] = (
    await db.query<{ periods: Array<{ start: string; end: string }>; plain_units: string }>(
      `SELECT periods, plain_units FROM calendar_settings WHERE id = 1`,
    )
  ).rows;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const periods = calendar!.periods.map((p) => [minutes(p.start), minutes(p.end)] as const);
  const perDay = periods.reduce((sum, [s, e]) => sum + e - s, 0);
  const base = firstN - 40;
  const span = settings.days + 40 + 800;
  const explicit = new Map(
    (
      await db.query<{ d: string; kind: string }>(
        `SELECT to_char(coalesce(o.date, s.date), 'YYYY-MM-DD') AS d, coalesce(o.kind, s.kind) AS kind
         FROM calendar_days s FULL JOIN calendar_overrides o ON o.date = s.date`,
      )
    ).rows.map((r) => [r.d, r.kind]),
  );
  const knownYears = new Set(
    (await db.query<{ year: number }>(`SELECT year FROM calendar_years`)).rows.map((r) => Number(r.year)),
  );
  const fixed = new Set(['01-01', '05-01', '10-01', '10-02', '10-03']);
  const isWorking = (n: number) => {
    const date = dateOf(n);
    const kind = explicit.get(date);
    if (kind) return kind === 'workday';
    const weekday = new Date(n * 86_400_000).getUTCDay();
    const weekdayWorks = weekday >= 1 && weekday <= 5;
    return knownYears.has(Number(date.slice(0, 4)))
      ? weekdayWorks
      : weekdayWorks && !fixed.has(date.slice(5));
  };
  const before: number[] = []; // working days in [base, base + i)
  const workingDays: number[] = []; // day offset (from base) of the k-th working day
  for (let i = 0, count = 0; i <= span; i++) {
    before.push(count);
    if (isWorking(base + i)) {
      workingDays.push(i);
      count++;
    }
  }
  const arr = (values: number[]) => `'{${values.join(',')}}'::int[]`;
  // w_of: the working minutes from the base day to an instant (epoch s); e_of: its inverse, landing on a period's
  // end rather than the next period's start (addWorkingTime). Simple SQL expressions, so PostgreSQL inlines them.
  const local = `(e + ${offset})`;
  const dayIndex = `(floor(${local} / 86400)::int - ${base} + 1)`;
  const tod = `((${local} - floor(${local} / 86400) * 86400) / 60)`;
  const worked = periods.map(([s, e]) => `least(greatest(${tod} - ${s}, 0), ${e - s})`).join(' + ');
  await db.query(`
    CREATE FUNCTION bench.w_of(e float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
      SELECT (${arr(before)})[${dayIndex}]::float8 * ${perDay}
           + ((${arr(before)})[${dayIndex} + 1] - (${arr(before)})[${dayIndex}]) * (${worked})
    $$`);
  let cumulative = 0;
  const clock = periods
    .map(([s, e]) => {
      const from = cumulative;
      cumulative += e - s;
      return `WHEN w - ${perDay} * (ceil(w / ${perDay}) - 1) <= ${cumulative} THEN ${s - from}`;
    })
    .join(' ');
  await db.query(`
    CREATE FUNCTION bench.e_of(w float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
      SELECT (${base} + (${arr(workingDays)})[ceil(w / ${perDay})::int])::float8 * 86400 - ${offset}
           + 60 * ((CASE ${clock} END) + w - ${perDay} * (ceil(w / ${perDay}) - 1))
    $$`);

  // Grids, weighted: the core (A) sees more reports than the fringe (C), and some grids far more than others.
  await db.query(`
    CREATE TABLE bench.grids AS
    SELECT row_number() OVER (ORDER BY u.code)::int AS idx, u.code, u.responsibility_grid_code AS rg,
           u.community_code AS community, left(u.code, 9) AS street, left(u.code, 6) AS district, u.area_class,
           (u.min_lng + u.max_lng) / 2 AS lng, (u.min_lat + u.max_lat) / 2 AS lat,
           u.max_lng - u.min_lng AS dlng, u.max_lat - u.min_lat AS dlat, rg.manager_id AS gm,
           (SELECT i.user_id FROM responsibility_grid_inspectors i
            WHERE i.responsibility_grid_code = u.responsibility_grid_code ORDER BY i.user_id LIMIT 1) AS inspector,
           CASE u.area_class WHEN 'A' THEN 1.5 WHEN 'C' THEN 0.6 ELSE 1.0 END
             * (0.25 + 2 * power(('x' || substr(md5(u.code), 1, 8))::bit(32)::bigint::float8 / 4294967296.0, 3))
             AS weight
    FROM unit_grids u JOIN responsibility_grids rg ON rg.code = u.responsibility_grid_code`);
  // Catalogue conditions, weighted by family (sanitation and enforcement dominate), by matter (skewed), and the
  // first condition of a matter over the others.
  await db.query(`
    CREATE TABLE bench.conditions AS
    WITH c AS (
      SELECT m.version_id, m.kind, m.code, m.family, m.name_zh, fc.key, fc.urgent, fc.limits,
             count(*) OVER (PARTITION BY m.family) AS in_family,
             count(*) OVER (PARTITION BY m.id) AS in_matter,
             fc.key = min(fc.key) OVER (PARTITION BY m.id) AS first,
             ('x' || substr(md5(m.kind || m.code), 1, 8))::bit(32)::bigint::float8 / 4294967296.0 AS hot
      FROM matters m JOIN catalogue_versions v ON v.id = m.version_id AND v.current
      JOIN filing_conditions fc ON fc.matter_id = m.id)
    SELECT row_number() OVER (ORDER BY kind, code, key)::int AS idx, version_id, kind, code, family, name_zh, key,
           urgent, limits,
           CASE family WHEN 'sanitation' THEN 0.34 WHEN 'law_enforcement' THEN 0.28
                       WHEN 'municipal_facilities' THEN 0.13 WHEN 'landscaping' THEN 0.08
                       WHEN 'traffic_police' THEN 0.07 WHEN 'utilities' THEN 0.05 ELSE 0.05 END
             / in_family * (0.05 + 3 * power(hot, 4))
             * CASE WHEN in_matter = 1 THEN 1 WHEN first THEN 2 ELSE 1.0 / (in_matter - 1) END AS weight
    FROM c`);
  for (const table of ['grids', 'conditions']) {
    await db.query(`
      CREATE TABLE bench.${table}_slots AS
      WITH w AS (SELECT idx, weight, sum(weight) OVER (ORDER BY idx) AS cum, sum(weight) OVER () AS total
                 FROM bench.${table})
      SELECT s AS slot, idx FROM w,
             generate_series(floor(65536 * (cum - weight) / total)::int, floor(65536 * cum / total)::int - 1) s`);
    await db.query(`CREATE UNIQUE INDEX ON bench.${table}_slots (slot)`);
  }
  // Routing as CaseRoutingService does it (rule-match.ts): the first enabled rule by position matching the
  // family, the area (a district here) and the time window, per family, district (or none) and in/out of window.
  const windows = (
    await db.query<{ ws: string; we: string }>(
      `SELECT DISTINCT window_start AS ws, window_end AS we FROM routing_rules WHERE window_start IS NOT NULL`,
    )
  ).rows;
  if (windows.length > 1) throw new Error('the generator knows one routing time window; the rules have more');
  const window = windows[0] ? [minutes(windows[0].ws), minutes(windows[0].we)] : [0, 0];
  await db.query(`
    CREATE TABLE bench.route AS
    SELECT f.family, d.district, w.inwin, r.id AS rule_id, r.department_id AS dept, r.auto_dispatch AS auto
    FROM (SELECT DISTINCT family FROM bench.conditions) f
    CROSS JOIN (SELECT DISTINCT district FROM bench.grids UNION ALL SELECT '') d
    CROSS JOIN (VALUES (false), (true)) w(inwin)
    CROSS JOIN LATERAL (
      SELECT * FROM routing_rules r
      WHERE r.enabled AND r.matter_code IS NULL AND r.major_code IS NULL AND r.matter_kind IS NULL
        AND (r.family IS NULL OR r.family = f.family)
        AND (r.area_code IS NULL OR r.area_code = d.district)
        AND (r.window_start IS NULL OR w.inwin)
      ORDER BY r.position LIMIT 1) r`);
  // Who works a department's cases: its handler, else its manager. A wrong dispatch goes to another unit of the family.
  await db.query(`
    CREATE TABLE bench.depts AS
    SELECT d.id,
           coalesce(h.id, m.id) AS handler,
           CASE WHEN h.id IS NOT NULL THEN 'handler' ELSE 'dept_manager' END AS handler_role,
           (SELECT o.id FROM departments o WHERE o.family = d.family AND o.id <> d.id AND o.parent_id IS NOT NULL
            ORDER BY o.code LIMIT 1) AS wrong
    FROM departments d
    LEFT JOIN LATERAL (SELECT id FROM users WHERE department_id = d.id AND 'handler' = ANY(roles)
                       ORDER BY username LIMIT 1) h ON true
    LEFT JOIN LATERAL (SELECT id FROM users WHERE 'dept_manager' = ANY(roles)
                         AND (department_id = d.id OR department_id = d.parent_id)
                       ORDER BY department_id = d.id DESC, username LIMIT 1) m ON true`);
  const people = Object.fromEntries(
    (
      await db.query<{ username: string; id: string }>(
        `SELECT username, id FROM users WHERE username IN ('acceptor', 'dispatcher', 'shiftleader', 'supervisor', 'inspector-1')`,
      )
    ).rows.map((r) => [r.username, quote(r.id) + '::uuid']),
  );

  // Cases per day: weekdays over weekends and holidays, a rising trend and a season; exactly `cases` in all.
  const weights: number[] = [];
  for (let i = 0; i < settings.days; i++) {
    const n = firstN + i;
    const trend = 0.85 + (0.3 * i) / settings.days;
    const season = 1 + 0.12 * Math.sin((2 * Math.PI * (n + 100)) / 365.25);
    weights.push((isWorking(n) ? 1 : 0.55) * trend * season);
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  const days = weights.map((w, i) => {
    const cumulativeShare = weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / totalWeight;
    const upTo = Math.round(cumulativeShare * settings.cases);
    const cases = upTo - assigned;
    assigned = upTo;
    const n = firstN + i;
    return { start: n * 86400 - offset, date: dateOf(n), cases };
  });

  const natural = calendar!.plain_units === 'natural';
  return {
    firstDay: dateOf(firstN),
    lastDay: dateOf(todayN - 1),
    cutoff,
    days,
    batchSql: batchStatements({ people, cutoff, offset, window, perDay, natural }),
  };
}

/**
 * The b-tree indexes the migrations made on the two big tables (not constraints): dropped for the load and made
 * again after it, sorted, which is several times faster. The GiST index of steps stays: building it after the
 * load costs as much CPU per row as keeping it up to date, and kept, it is kept on every loading connection.
 */
async function dropIndexes(db: Client): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await db.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename IN ('cases', 'case_activities')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
       AND i.indexdef NOT LIKE '%USING gist%'
     ORDER BY i.tablename, i.indexname`,
  );
  await db.query(`INSERT INTO bench.generated (key, value) VALUES ('indexes', $1)`, [JSON.stringify(rows)]);
  for (const { name } of rows) await db.query(`DROP INDEX public."${name}"`);
  return rows;
}

/** The b-trees, on two connections (each with parallel workers where PostgreSQL uses them). */
async function recreateIndexes(
  dbUrl: string,
  indexes: Array<{ name: string; definition: string }>,
  log: Log,
): Promise<void> {
  const queue = [...indexes];
  await Promise.all(
    [0, 1].map(async () => {
      const db = new Client({ connectionString: dbUrl, application_name: 'bench-eval-index' });
      await db.connect();
      await db.query(`SET maintenance_work_mem = '1GB'`);
      for (let index = queue.shift(); index; index = queue.shift()) {
        const t = performance.now();
        await db.query(index.definition);
        log(`  ${index.name}: ${seconds(t)} s`);
      }
      await db.end();
    }),
  );
}

async function loadDays(dbUrl: string, plan: Plan, workers: number, log: Log): Promise<void> {
  const queue = plan.days.map((day, i) => ({ ...day, i }));
  let done = 0;
  let cases = 0;
  const started = performance.now();
  let lastLog = started;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const db = new Client({ connectionString: dbUrl, application_name: 'bench-eval-gen' });
      await db.connect();
      // Bulk load: no triggers (the foreign-key checks are triggers), no waiting for the WAL flush.
      await db.query(`SET session_replication_role = replica`);
      await db.query(`SET synchronous_commit = off`);
      await db.query(`SET work_mem = '256MB'`);
      await db.query(`SET temp_buffers = '256MB'`);
      // The joins of a day's cases to the lookup tables in the order written (the estimates of a CTE are poor).
      await db.query(`SET join_collapse_limit = 1`);
      for (let day = queue.shift(); day; day = queue.shift()) {
        await db.query('BEGIN');
        await db.query(`SELECT setseed($1)`, [((day.i * 7919) % 10_000) / 10_000 - 0.5]);
        for (const { sql, params } of plan.batchSql)
          await db.query(
            sql,
            params.map((name) => day[name]),
          );
        await db.query('COMMIT');
        done++;
        cases += day.cases;
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          const rate = cases / ((lastLog - started) / 1000);
          log(
            `  ${done}/${plan.days.length} days, ${cases.toLocaleString('en-US')} cases, ${Math.round(rate).toLocaleString('en-US')} cases/s`,
          );
        }
      }
      await db.end();
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// One city day of cases: its local midnight (start, epoch seconds), its number of cases and its date.

interface BatchConstants {
  people: Record<string, string>;
  cutoff: number;
  offset: number;
  window: number[];
  perDay: number;
  natural: boolean;
}

/**
 * The statements of one day: the timeline of every case (temp table `tl`), its activity rows (`r`, one per
 * slot of the workflow below that the case goes through, before the cut-off), then the cases (in report order),
 * the activity rows (in the order they ended, so ids and the table follow time as in production) and the day's
 * case-number counter.
 */
function batchStatements(c: BatchConstants): BatchStatement[] {
  const who = c.people;
  const [winStart, winEnd] = c.window;
  const inWindow =
    winStart <= winEnd ? `tod >= ${winStart} AND tod < ${winEnd}` : `(tod >= ${winStart} OR tod < ${winEnd})`;
  // Units of a time limit (libs/calendar/src/time-unit.ts): minutes of the working or of the continuous clock.
  const unitMinutes = `CASE h_unit WHEN 'URGENT_MINUTE' THEN 1 WHEN 'WORK_MINUTE' THEN 1 WHEN 'URGENT_HOUR' THEN 60
    WHEN 'WORK_HOUR' THEN 60 WHEN 'HOUR' THEN 60 WHEN 'WORK_DAY' THEN ${c.perDay}
    WHEN 'DAY' THEN ${c.natural ? 1440 : c.perDay} WHEN 'URGENT_WORK_DAY' THEN 1440 END`;
  const continuous = `h_unit IN ('URGENT_MINUTE', 'URGENT_HOUR', 'URGENT_WORK_DAY'${c.natural ? ", 'HOUR', 'DAY'" : ''})`;
  // Exponential durations (mean m) with a floor, so no one acts within seconds of the step before.
  const exp = (mean: number, floor = 0.5) => `${floor} - ${mean} * ln(1 - random())`;

  const timeline = `
    CREATE TEMP TABLE tl AS
    WITH a0 AS MATERIALIZED (
      SELECT gen_random_uuid() AS id,
             -- Reports come mostly in working hours.
             $1::float8 + 60 * CASE WHEN random() < 0.82
                                    THEN (CASE WHEN random() < 0.5 THEN 480 ELSE 840 END) + 240 * random()
                                    ELSE 1440 * random() END AS e0,
             random() AS r_src, random() AS r_sh, random() AS r_oog, random() AS r_ver, random() AS r_acc,
             random() AS r_ret, random() AS r_pp, random() AS r_su, random() AS r_canc, random() AS r_rf,
             random() AS r_rw, random() AS r_sv, random() AS r_stall, random() AS r_who, random() AS r_who2,
             random() AS r_x, random() AS r_y,
             floor(65536 * random())::int AS gslot, floor(65536 * random())::int AS cslot,
             0.3 + 1.7 * random() AS rt_s,
             -- Working minutes unless said: accept 10, verify 30 (continuous), dispatch 10, sign 60, review 30,
             -- check 30 (continuous), close 30 (DEFAULT_STEP_LIMITS); each late in roughly 4-9 % of cases.
             ${exp(4)} AS x_stv, ${exp(12, 1)} AS y_rv, ${exp(3.5)} AS x_acc, ${exp(10)} AS x_c,
             ${exp(3.5)} AS x_disp, ${exp(25)} AS x_rr, ${exp(10)} AS x_ar, ${exp(3.5)} AS x_d2,
             ${exp(18)} AS x_sign, 0.5 + 0.4 * random() AS phi, ${exp(20)} AS x_pa, ${exp(20)} AS x_sa,
             2 + 18 * random() AS su_days, random() AS u_f, random() AS u_f2, ${exp(12)} AS x_rf,
             ${exp(240)} AS g_rf, ${exp(12)} AS x_af, ${exp(12, 1)} AS y_ck, ${exp(10)} AS x_cl,
             ${exp(12)} AS x_af2, ${exp(12, 1)} AS y_ck2
      FROM generate_series(1, $2::int)
    ),
    a AS MATERIALIZED (
      SELECT a0.*,
             CASE WHEN r_src < 0.60 THEN 'inspector' WHEN r_src < 0.75 THEN 'public' WHEN r_src < 0.93 THEN 'hotline'
                  WHEN r_src < 0.98 THEN 'video' ELSE 'referral' END AS src,
             r_src < 0.60 AS insp,
             r_src < 0.60 AND r_sh < 0.10 AS sh,
             r_src >= 0.60 AND r_oog < 0.01 AS oog,
             ((e0 + ${c.offset})::numeric % 86400) / 60 AS tod,
             -- Handling takes this share of the time left to its deadline: 91 % in time, the rest up to 3.7 ×.
             CASE WHEN u_f < 0.91 THEN 0.08 + 0.9 * power(u_f / 0.91, 1.6) ELSE 1 + 30 * (u_f - 0.91) END AS f,
             CASE WHEN u_f2 < 0.91 THEN 0.08 + 0.9 * power(u_f2 / 0.91, 1.6) ELSE 1 + 30 * (u_f2 - 0.91) END AS f2
      FROM a0
    ),
    b AS MATERIALIZED (
      SELECT a.*,
             CASE WHEN oog THEN NULL ELSE g.code END AS grid, CASE WHEN oog THEN NULL ELSE g.rg END AS rg,
             CASE WHEN oog THEN NULL ELSE g.community END AS community,
             CASE WHEN oog THEN NULL ELSE g.street END AS street,
             CASE WHEN oog THEN 'B' ELSE g.area_class END AS ac,
             CASE WHEN oog THEN 120.05 + 0.03 * r_x ELSE g.lng + (r_x - 0.5) * 0.9 * g.dlng END AS lng,
             CASE WHEN oog THEN 30.25 + 0.03 * r_y ELSE g.lat + (r_y - 0.5) * 0.9 * g.dlat END AS lat,
             CASE WHEN oog THEN NULL ELSE g.gm END AS gm,
             CASE WHEN oog THEN ${who['inspector-1']} ELSE g.inspector END AS insp_id,
             cd.version_id, cd.kind, cd.code AS matter, cd.family, cd.name_zh, cd.key AS ckey, cd.urgent,
             cd.limits -> (CASE WHEN oog THEN 'B' ELSE g.area_class END)::text AS handle_limit,
             cd.limits -> (CASE WHEN oog THEN 'B' ELSE g.area_class END)::text ->> 'unit' AS h_unit,
             (cd.limits -> (CASE WHEN oog THEN 'B' ELSE g.area_class END)::text ->> 'amount')::float8 AS h_amount,
             rt.rule_id, rt.dept AS right_dept, rt.auto AS rule_auto,
             rt.auto AND insp AND NOT sh AND NOT oog AS auto,
             d.handler, d.handler_role, d.wrong AS wrong_dept, wd.handler AS wrong_handler,
             wd.handler_role AS wrong_handler_role
      FROM a
      JOIN bench.grids_slots gs ON gs.slot = a.gslot JOIN bench.grids g ON g.idx = gs.idx
      JOIN bench.conditions_slots cs ON cs.slot = a.cslot JOIN bench.conditions cd ON cd.idx = cs.idx
      JOIN bench.route rt ON rt.family = cd.family AND rt.district = CASE WHEN a.oog THEN '' ELSE g.district END
                          AND rt.inwin = (${inWindow})
      JOIN bench.depts d ON d.id = rt.dept
      JOIN bench.depts wd ON wd.id = d.wrong
    )
    -- The timeline, stage by stage (a lateral subquery each, OFFSET 0 so that it is not flattened): in working
    -- minutes (w_*) where a step runs on the working clock, in epoch seconds (e_*) for instants; every
    -- conversion reads plain columns of an earlier stage, so PostgreSQL inlines bench.w_of and bench.e_of.
    SELECT ${TIMELINE_COLUMNS.join(', ')}, row_number() OVER (ORDER BY e0) AS num
    FROM b
    -- Paths: who reports, whether the acceptor verifies first, how the report is accepted, and what happens on
    -- the way (a wrong dispatch returned, a postponement, a suspension, a cancellation, a rejected feedback,
    -- a failed check), and a few cases that stall for good.
    CROSS JOIN LATERAL (
      SELECT ${continuous} AS h_cont, ${unitMinutes} AS unit_min, h_amount * ${unitMinutes} AS h_len,
             NOT auto AND NOT insp AND NOT oog AND r_ver < 0.35 AS ver,
             CASE WHEN sh THEN 'audit'
                  WHEN auto THEN 'file'
                  WHEN r_acc < CASE WHEN insp THEN 0.02 ELSE 0.08 END THEN 'reject'
                  WHEN r_acc < CASE WHEN insp THEN 0.023 ELSE 0.083 END THEN 'cancel'
                  ELSE 'file' END AS outcome,
             CASE WHEN insp THEN insp_id WHEN r_who < 0.7 THEN ${who.acceptor} WHEN r_who < 0.8 THEN ${who.dispatcher}
                  WHEN r_who < 0.9 OR oog THEN ${who.shiftleader} ELSE gm END AS reporter,
             CASE WHEN insp THEN 'inspector' WHEN r_who < 0.7 THEN 'acceptor' WHEN r_who < 0.8 THEN 'dispatcher'
                  WHEN r_who < 0.9 OR oog THEN 'shift_leader' ELSE 'grid_manager' END AS reporter_role,
             CASE WHEN r_who2 < 0.6 THEN ${who.acceptor} WHEN r_who2 < 0.9 AND NOT oog THEN gm
                  ELSE ${who.shiftleader} END AS acc_id,
             CASE WHEN r_who2 < 0.6 THEN 'acceptor' WHEN r_who2 < 0.9 AND NOT oog THEN 'grid_manager'
                  ELSE 'shift_leader' END AS acc_role,
             CASE WHEN r_who2 < 0.6 THEN ${who.dispatcher} WHEN r_who2 < 0.9 AND NOT oog THEN gm
                  ELSE ${who.shiftleader} END AS disp_id,
             CASE WHEN r_who2 < 0.6 THEN 'dispatcher' WHEN r_who2 < 0.9 AND NOT oog THEN 'grid_manager'
                  ELSE 'shift_leader' END AS disp_role,
             CASE WHEN r_who2 < 0.8 THEN ${who.dispatcher} ELSE ${who.shiftleader} END AS appr_id,
             CASE WHEN r_who2 < 0.8 THEN 'dispatcher' ELSE 'shift_leader' END AS appr_role,
             CASE WHEN r_stall < 0.003 THEN 2 + floor(r_stall / 0.003 * 33)::int ELSE 99 END AS stall_k,
             e0 + rt_s AS e_rt, bench.w_of(e0) AS w0, bench.w_of(e0 + rt_s) AS w_rt
      OFFSET 0) c
    CROSS JOIN LATERAL (
      SELECT outcome = 'file' AS flow,
             outcome = 'file' AND NOT auto AND r_ret < 0.03 AS ret,
             outcome = 'file' AND r_pp < 0.05 AS pp,
             outcome = 'file' AND r_pp >= 0.05 AND NOT h_cont AND r_su < 0.006 AS su,
             outcome = 'file' AND r_pp >= 0.05 AND NOT h_cont AND r_su < 0.001 AS su_never,
             outcome = 'file' AND r_canc < 0.012 AS canc,
             outcome = 'file' AND r_canc >= 0.012 AND r_rf < 0.02 AS rf,
             outcome = 'file' AND r_canc >= 0.012 AND r_rw < 0.04 AS rw,
             bench.e_of(w0 + x_stv) AS e_stv, bench.e_of(w0 + x_stv) + 60 * y_rv AS e_rv,
             bench.e_of(w0 + 10) AS acc_dl0, bench.e_of(w_rt + 10) AS d1_dl_auto
      OFFSET 0) s1
    CROSS JOIN LATERAL (
      SELECT CASE WHEN ver THEN bench.w_of(e_rv) ELSE w0 END AS w_acc0, CASE WHEN ver THEN e_rv ELSE e0 END AS e_acc0
      OFFSET 0) s2
    CROSS JOIN LATERAL (
      SELECT w_acc0 + x_acc AS w_acc, bench.e_of(w_acc0 + x_acc) AS e_acc, bench.e_of(w_acc0 + 10) AS acc_dl,
             bench.e_of(w_acc0 + x_acc + x_c) AS e_acc2, bench.e_of(w_acc0 + x_acc + x_cl) AS e_shc,
             bench.e_of(w_acc0 + x_acc + 30) AS shc_dl, bench.e_of(w_acc0 + x_acc + 10) AS d1_dl_manual,
             CASE WHEN auto THEN w_rt ELSE w_acc0 + x_acc + x_disp END AS w_d1
      OFFSET 0) s3
    CROSS JOIN LATERAL (
      SELECT CASE WHEN auto THEN e_rt ELSE bench.e_of(w_d1) END AS e_d1,
             CASE WHEN auto THEN d1_dl_auto ELSE d1_dl_manual END AS d1_dl,
             bench.e_of(w_d1 + 60) AS s1_dl,
             bench.e_of(w_d1 + x_rr) AS e_rr, bench.e_of(w_d1 + x_rr + x_ar) AS e_ar,
             bench.e_of(w_d1 + x_rr + x_ar + 10) AS d2_dl, bench.e_of(w_d1 + x_rr + x_ar + x_d2) AS e_d2,
             CASE WHEN ret THEN w_d1 + x_rr + x_ar + x_d2 ELSE w_d1 END AS w_hs
      OFFSET 0) s4
    CROSS JOIN LATERAL (
      SELECT CASE WHEN ret THEN e_d2 ELSE e_d1 END AS e_hs,
             CASE WHEN h_cont THEN e_d1 + 60 * h_len ELSE bench.e_of(w_d1 + h_len) END AS hd1,
             w_hs + x_sign AS w_sg, bench.e_of(w_hs + x_sign) AS e_sg, bench.e_of(w_hs + 60) AS sg_dl,
             w_hs + h_len AS h_dl_w,
             CASE WHEN h_cont THEN (CASE WHEN ret THEN e_d2 ELSE e_d1 END) + 60 * h_len
                  ELSE bench.e_of(w_hs + h_len) END AS h_dl
      OFFSET 0) s5
    CROSS JOIN LATERAL (
      SELECT CASE WHEN h_cont THEN e_sg + phi * greatest(h_dl - e_sg, 60)
                  ELSE bench.e_of(w_sg + phi * greatest(h_dl_w - w_sg, 1)) END AS e_pq,
             w_sg + phi * greatest(h_dl_w - w_sg, 1) AS w_pq_w,
             CASE WHEN h_cont THEN h_dl + 60 * h_len ELSE bench.e_of(h_dl_w + h_len) END AS h_edl_pp,
             w_sg + 0.3 * greatest(h_dl_w - w_sg, 1) AS w_sq,
             bench.e_of(w_sg + 0.3 * greatest(h_dl_w - w_sg, 1)) AS e_sq,
             w_sg + 0.3 * greatest(h_dl_w - w_sg, 1) + x_sa AS w_sa,
             bench.e_of(w_sg + 0.3 * greatest(h_dl_w - w_sg, 1) + x_sa) AS e_sa
      OFFSET 0) s6
    CROSS JOIN LATERAL (
      SELECT CASE WHEN h_cont THEN bench.w_of(e_pq) ELSE w_pq_w END AS w_pq, e_sa + 86400 * su_days AS e_re
      OFFSET 0) s7
    CROSS JOIN LATERAL (
      SELECT bench.e_of(w_pq + x_pa) AS e_pa, w_pq + x_pa AS w_pa, bench.w_of(e_re) AS w_re
      OFFSET 0) s8
    -- The handling deadline with the extensions granted (a postponement of the limit again, or the suspended time).
    CROSS JOIN LATERAL (
      SELECT CASE WHEN pp THEN e_pa WHEN su THEN e_re ELSE e_sg END AS me,
             CASE WHEN pp THEN w_pa WHEN su THEN w_re ELSE w_sg END AS w_me,
             CASE WHEN pp THEN h_edl_pp WHEN su THEN bench.e_of(h_dl_w + w_re - w_sa) ELSE h_dl END AS edl,
             CASE WHEN pp THEN h_dl_w + h_len WHEN su THEN h_dl_w + w_re - w_sa ELSE h_dl_w END AS edl_w,
             CASE WHEN pp THEN h_amount WHEN su THEN (w_re - w_sa) / unit_min END AS ext_amount
      OFFSET 0) s9
    CROSS JOIN LATERAL (
      SELECT CASE WHEN h_cont THEN me + f * greatest(edl - me, 300)
                  ELSE bench.e_of(w_me + f * greatest(edl_w - w_me, 5)) END AS e_fb,
             w_me + f * greatest(edl_w - w_me, 5) AS w_fb_w,
             -- The escalation ladder's 150 % rung (SLA_ESCALATION default 150:supervise).
             CASE WHEN h_cont THEN edl + 0.5 * (edl - e_hs) ELSE bench.e_of(edl_w + 0.5 * (edl_w - w_hs)) END AS e_150
      OFFSET 0) s10
    CROSS JOIN LATERAL (
      SELECT CASE WHEN h_cont THEN bench.w_of(e_fb) ELSE w_fb_w END AS w_fb,
             flow AND NOT canc AND e_150 > me AND e_150 < e_fb AS sv_sys,
             flow AND NOT canc AND NOT (e_150 > me AND e_150 < e_fb) AND e_fb > edl AND edl > me
               AND r_sv < 0.3 AS sv_hum,
             CASE WHEN e_150 > me AND e_150 < e_fb THEN e_150 ELSE edl + 0.3 * (e_fb - edl) END AS e_sv,
             me + 0.3 * (e_fb - me) AS e_cq, me + 0.6 * (e_fb - me) AS e_ca
      OFFSET 0) s11
    CROSS JOIN LATERAL (
      SELECT bench.e_of(w_fb + x_rf) AS e_rf, bench.e_of(w_fb + 30) AS rv_dl,
             bench.e_of(w_fb + x_rf + g_rf) AS e_fb2,
             CASE WHEN rf THEN w_fb + x_rf + g_rf ELSE w_fb END AS w_fbl
      OFFSET 0) s12
    CROSS JOIN LATERAL (
      SELECT CASE WHEN rf THEN e_fb2 ELSE e_fb END AS e_fbl,
             bench.e_of(w_fbl + x_af) AS e_af, bench.e_of(w_fbl + 30) AS af_dl,
             bench.e_of(w_fbl + x_af) + 60 * y_ck AS e_ck, bench.e_of(w_fbl + x_af) + 1800 AS ck_dl
      OFFSET 0) s13
    CROSS JOIN LATERAL (SELECT bench.w_of(e_ck) AS w_ck OFFSET 0) s14
    -- Rework: a failed check starts the handling clock afresh, without the extensions.
    CROSS JOIN LATERAL (
      SELECT CASE WHEN h_cont THEN e_ck + 60 * h_len ELSE bench.e_of(w_ck + h_len) END AS h_dl2,
             CASE WHEN h_cont THEN e_ck + 60 * f2 * h_len ELSE bench.e_of(w_ck + f2 * h_len) END AS e_fb3,
             w_ck + f2 * h_len AS w_fb3_w
      OFFSET 0) s15
    CROSS JOIN LATERAL (SELECT CASE WHEN h_cont THEN bench.w_of(e_fb3) ELSE w_fb3_w END AS w_fb3 OFFSET 0) s16
    CROSS JOIN LATERAL (
      SELECT bench.e_of(w_fb3 + x_af2) AS e_af2, bench.e_of(w_fb3 + 30) AS af2_dl,
             bench.e_of(w_fb3 + x_af2) + 60 * y_ck2 AS e_ck2, bench.e_of(w_fb3 + x_af2) + 1800 AS ck2_dl
      OFFSET 0) s17
    CROSS JOIN LATERAL (
      SELECT CASE WHEN rw THEN bench.w_of(e_ck2) ELSE w_ck END AS w_ckl, CASE WHEN rw THEN e_ck2 ELSE e_ck END AS e_ckl
      OFFSET 0) s18
    CROSS JOIN LATERAL (SELECT bench.e_of(w_ckl + x_cl) AS e_cl, bench.e_of(w_ckl + 30) AS cl_dl OFFSET 0) s19`;

  return [
    { sql: `DROP TABLE IF EXISTS tl, r`, params: [] },
    { sql: timeline, params: ['start', 'cases'] },
    {
      // One branch per slot, so that a row's expressions are worked out only for the cases that have it.
      sql: `CREATE TEMP TABLE r AS
        ${SLOTS.map((slot) => slotSelect(slot, c)).join('\n        UNION ALL ')}`,
      params: [],
    },
    { sql: casesInsert(c), params: ['date'] },
    { sql: activitiesInsert(), params: [] },
    {
      sql: `INSERT INTO case_number_days (day, last_sequence) VALUES ($1::date, $2::int)`,
      params: ['date', 'cases'],
    },
  ];
}

/** The rows in the order they ended (ids and the table follow time, as in production); times to the millisecond. */
function activitiesInsert(): string {
  const ms = (e: string) => `to_timestamp(round(${e} * 1000) / 1000)`;
  return `
    INSERT INTO case_activities (case_id, actor_id, actor_role, action, department_id, details, from_status,
                                 to_status, opinion, started_at, ended_at, deadline, extended_deadline, created_at)
    SELECT case_id, actor, role, action, dept, details, from_s, to_s, opinion, ${ms('st')}, ${ms('en')}, ${ms('dl')},
           ${ms('edl')}, ${ms('en')}
    FROM (SELECT * FROM r ORDER BY en, k OFFSET 0) r`;
}

/** The case as its last activity row left it: status, department, clock, deadline bookkeeping and counters. */
function casesInsert(c: BatchConstants): string {
  const ts = (e: string) => `to_timestamp(round((${e}) * 1000) / 1000)`;
  return `
    WITH agg AS (
      SELECT case_id, count(*) AS n, bool_or(action = 'supervise') AS supervised,
             count(*) FILTER (WHERE action = 'check_failed') AS reworks,
             count(*) FILTER (WHERE action = 'approve_return') AS returns,
             count(*) FILTER (WHERE role = 'system' AND action IN ('file', 'dispatch')) AS auto_rows,
             bool_or(action = 'route') AS routed, max(en) AS last_en
      FROM r GROUP BY case_id),
    last AS MATERIALIZED (
      SELECT DISTINCT ON (case_id) r.*, bench.w_of(a_cstart) AS w_cs, bench.w_of(a_dl) AS w_dl
      FROM r ORDER BY case_id, k DESC),
    state AS MATERIALIZED (
      SELECT last.*, to_s NOT IN ('CLOSED', 'CANCELLED') AS open,
             CASE WHEN a_dl IS NULL THEN NULL WHEN a_cont THEN a_cstart + 0.8 * (a_dl - a_cstart)
                  ELSE bench.e_of(w_cs + 0.8 * (w_dl - w_cs)) END AS warn
      FROM last)
    INSERT INTO cases (id, number, source, status, catalogue_version_id, matter_kind, matter_code,
                       filing_condition_key, lng, lat, source_crs, address, unit_grid_code, responsibility_grid_code,
                       street_code, community_code, area_class, out_of_grid, description, reporter_id,
                       reporter_contact, owner_id, department_id, routed_at, routed_department_id, self_handled,
                       urgent, supervised, overdue, rework_count, return_count, pending, version, handle_limit,
                       step_started_at, step_warn_at, step_deadline, handle_started_at, handle_extensions,
                       requested_extension, suspended_at, sla_stage, sla_next_at, created_at, updated_at)
    SELECT t.id, to_char($1::date, 'YYYYMMDD') || lpad(t.num::text, 6, '0'), t.src, s.to_s, t.version_id, t.kind,
           t.matter, t.ckey, t.lng, t.lat, 'WGS84', NULL, t.grid, t.rg, t.street, t.community, t.ac, t.oog,
           t.name_zh, t.reporter, CASE WHEN t.src = 'hotline' THEN '1380000' || lpad((t.num % 10000)::text, 4, '0') END,
           CASE WHEN agg.routed THEN t.gm END, s.a_dept,
           CASE WHEN agg.routed THEN ${ts('t.e_rt')} END, CASE WHEN agg.routed THEN t.right_dept END,
           t.sh, t.urgent, agg.supervised, coalesce(s.open AND s.a_dl < ${c.cutoff}, false), agg.reworks, agg.returns,
           CASE WHEN s.a_pend IS NULL THEN '{}'::text[] ELSE ARRAY[s.a_pend] END,
           agg.n - agg.auto_rows, t.handle_limit,
           ${ts('s.a_start')}, ${ts('s.warn')}, ${ts('s.a_dl')}, ${ts('s.a_hs')},
           CASE WHEN s.a_ext IS NULL THEN '[]'::jsonb
                ELSE jsonb_build_array(jsonb_build_object('amount', s.a_ext, 'unit', t.h_unit)) END,
           CASE WHEN s.a_pend = 'postponement' THEN jsonb_build_object('amount', t.h_amount, 'unit', t.h_unit) END,
           ${ts('s.a_susp')},
           CASE WHEN NOT s.open OR s.a_dl IS NULL THEN 0 WHEN s.a_dl < ${c.cutoff} THEN 100
                WHEN s.warn < ${c.cutoff} THEN 80 ELSE 0 END,
           CASE WHEN NOT s.open OR s.a_dl IS NULL OR s.a_dl < ${c.cutoff} THEN NULL
                WHEN s.warn < ${c.cutoff} THEN ${ts('s.a_dl')} ELSE ${ts('s.warn')} END,
           ${ts('t.e0')}, ${ts('agg.last_en')}
    FROM tl t JOIN agg ON agg.case_id = t.id JOIN state s ON s.case_id = t.id
    ORDER BY t.e0`;
}

// ---------------------------------------------------------------------------------------------------------------
// The workflow as slots: every activity row a case may get, in order (k), when it gets it, what it writes, and
// the case's state after it (its step, the clock the step runs on, department, handling start, extensions,
// pending request). Rows are what CaseIntakeService.report, CaseRoutingService.route (with the system's
// file + dispatch of an auto-dispatch rule), CaseActionsService.apply (endedStep: the step's start, its deadline
// by the limit alone and with extensions) and the deadline ladder (automatic 督办) write.

/** What the slots and the inserts read of a case's timeline (the temp table `tl`). */
const TIMELINE_COLUMNS = [
  // the case
  'id',
  'e0',
  'src',
  'sh',
  'oog',
  'version_id',
  'kind',
  'matter',
  'ckey',
  'name_zh',
  'urgent',
  'lng',
  'lat',
  'grid',
  'rg',
  'street',
  'community',
  'ac',
  'gm',
  'handle_limit',
  'h_unit',
  'h_amount',
  'h_cont',
  'rule_id',
  'rule_auto',
  'right_dept',
  'wrong_dept',
  // who acts
  'reporter',
  'reporter_role',
  'acc_id',
  'acc_role',
  'disp_id',
  'disp_role',
  'appr_id',
  'appr_role',
  'insp_id',
  'handler',
  'handler_role',
  'wrong_handler',
  'wrong_handler_role',
  'r_sv',
  // the path
  'auto',
  'ver',
  'outcome',
  'flow',
  'ret',
  'pp',
  'su',
  'su_never',
  'canc',
  'rf',
  'rw',
  'sv_sys',
  'sv_hum',
  'stall_k',
  // instants and deadlines
  'e_rt',
  'acc_dl0',
  'e_stv',
  'e_rv',
  'e_acc0',
  'e_acc',
  'acc_dl',
  'e_acc2',
  'e_shc',
  'shc_dl',
  'e_d1',
  'd1_dl',
  's1_dl',
  'hd1',
  'e_rr',
  'e_ar',
  'd2_dl',
  'e_d2',
  'e_hs',
  'e_sg',
  'sg_dl',
  'h_dl',
  'e_pq',
  'e_pa',
  'e_sq',
  'e_sa',
  'e_re',
  'edl',
  'ext_amount',
  'e_sv',
  'e_cq',
  'e_ca',
  'e_fb',
  'rv_dl',
  'e_rf',
  'e_fb2',
  'e_fbl',
  'af_dl',
  'e_af',
  'e_ck',
  'ck_dl',
  'h_dl2',
  'e_fb3',
  'e_af2',
  'af2_dl',
  'e_ck2',
  'ck2_dl',
  'e_ckl',
  'e_cl',
  'cl_dl',
];

const SLOT_COLUMNS: Array<[string, string]> = [
  ['k', 'int'],
  ['action', 'text'],
  ['from_s', 'text'],
  ['to_s', 'text'],
  ['actor', 'uuid'],
  ['role', 'text'],
  ['dept', 'uuid'],
  ['opinion', 'text'],
  ['st', 'float8'],
  ['en', 'float8'],
  ['dl', 'float8'],
  ['edl', 'float8'],
  ['details', 'jsonb'],
  ['a_start', 'float8'],
  ['a_cstart', 'float8'],
  ['a_dl', 'float8'],
  ['a_cont', 'boolean'],
  ['a_dept', 'uuid'],
  ['a_hs', 'float8'],
  ['a_ext', 'float8'],
  ['a_pend', 'text'],
  ['a_susp', 'float8'],
];

interface Slot {
  k: number;
  when: string;
  action: string;
  from: string | null;
  to: string;
  actor: string | null;
  role: string;
  dept?: string;
  opinion?: string;
  st: string;
  en: string;
  /** The deadline of the step the row ends, by its limit alone, and with the extensions granted (default dl). */
  dl?: string;
  edl?: string;
  /** What the action decided beyond the status (ActivityDetails), as the services write it. */
  details?: string;
  /** After the row: the step's start (the case's step_started_at) and, when it runs from elsewhere, its clock's. */
  after: {
    start: string;
    clockStart?: string;
    deadline?: string;
    continuous?: string;
    dept?: string;
    handleStart?: string;
    extension?: string;
    pending?: string;
  };
  suspendedAt?: string;
}

const S = (value: string) => quote(value);
/** The handling phase: the department holds the case and the handling clock runs from the (last) dispatch. */
const HANDLING = { clockStart: 'e_hs', continuous: 'h_cont', dept: 'right_dept', handleStart: 'e_hs' };
const K_APPROVE_SUSPENSION = 21;
const RULE_OPINION = `'Dispatched by routing rule ' || rule_id`;

/** An instant as JSON.stringify writes a Date. */
const iso = (e: string) => `to_char(to_timestamp(${e}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const REPORT_DETAILS = `jsonb_build_object('source', src, 'selfHandled', sh, 'outOfGrid', oog)`;
const ROUTE_DETAILS = `jsonb_build_object('ownerId', gm, 'ownerVia', CASE WHEN gm IS NULL THEN 'center' ELSE 'grid' END,
  'departmentId', right_dept, 'routingRuleId', rule_id, 'autoDispatch', rule_auto)`;
const dispatchDetails = (department: string, handleDeadline: string) =>
  `jsonb_build_object('departmentId', ${department}, 'handleDeadline', ${iso(handleDeadline)})`;
const EXTENSION = `jsonb_build_object('amount', h_amount, 'unit', h_unit)`;
const EXTENSION_DETAILS = `jsonb_build_object('extension', ${EXTENSION})`;
const GRANTED_DETAILS = `jsonb_build_object('extension', ${EXTENSION}, 'handleDeadline', ${iso('edl')})`;
const RESUME_DETAILS = `jsonb_build_object('handleDeadline', ${iso('edl')})`;

const SLOTS: Slot[] = [
  {
    k: 1,
    when: 'true',
    action: 'report',
    from: null,
    to: 'REPORTED',
    actor: 'reporter',
    role: 'reporter_role',
    opinion: 'name_zh',
    st: 'e0',
    en: 'e0',
    details: REPORT_DETAILS,
    after: { start: 'e0', deadline: 'acc_dl0' },
  },
  {
    k: 2,
    when: 'true',
    action: 'route',
    from: 'REPORTED',
    to: 'REPORTED',
    actor: null,
    role: S('system'),
    dept: 'right_dept',
    st: 'e0',
    en: 'e_rt',
    details: ROUTE_DETAILS,
    after: { start: 'e0', deadline: 'acc_dl0' },
  },
  {
    k: 3,
    when: 'auto',
    action: 'file',
    from: 'REPORTED',
    to: 'PENDING_DISPATCH',
    actor: null,
    role: S('system'),
    opinion: RULE_OPINION,
    st: 'e0',
    en: 'e_rt',
    dl: 'acc_dl0',
    after: { start: 'e_rt', deadline: 'd1_dl' },
  },
  {
    k: 4,
    when: 'auto',
    action: 'dispatch',
    from: 'PENDING_DISPATCH',
    to: 'DISPATCHED',
    actor: null,
    role: S('system'),
    dept: 'right_dept',
    opinion: RULE_OPINION,
    st: 'e_rt',
    en: 'e_rt',
    dl: 'd1_dl',
    details: dispatchDetails('right_dept', 'hd1'),
    after: { start: 'e_rt', deadline: 's1_dl', dept: 'right_dept', handleStart: 'e_rt' },
  },
  {
    k: 5,
    when: 'ver',
    action: 'send_to_verify',
    from: 'REPORTED',
    to: 'VERIFYING',
    actor: 'acc_id',
    role: 'acc_role',
    st: 'e0',
    en: 'e_stv',
    dl: 'acc_dl0',
    after: { start: 'e_stv', deadline: 'e_stv + 1800', continuous: 'true' },
  },
  {
    k: 6,
    when: 'ver',
    action: 'report_verified',
    from: 'VERIFYING',
    to: 'REPORTED',
    actor: 'insp_id',
    role: S('inspector'),
    st: 'e_stv',
    en: 'e_rv',
    dl: 'e_stv + 1800',
    after: { start: 'e_rv', deadline: 'acc_dl' },
  },
  {
    k: 7,
    when: `NOT auto AND outcome = 'file'`,
    action: 'file',
    from: 'REPORTED',
    to: 'PENDING_DISPATCH',
    actor: 'acc_id',
    role: 'acc_role',
    st: 'e_acc0',
    en: 'e_acc',
    dl: 'acc_dl',
    after: { start: 'e_acc', deadline: 'd1_dl' },
  },
  {
    k: 8,
    when: `outcome = 'reject'`,
    action: 'reject',
    from: 'REPORTED',
    to: 'CANCELLED',
    actor: 'acc_id',
    role: 'acc_role',
    opinion: S('不属于受理范围'),
    st: 'e_acc0',
    en: 'e_acc',
    dl: 'acc_dl',
    after: { start: 'e_acc' },
  },
  {
    k: 9,
    when: `outcome = 'audit'`,
    action: 'audit_self_handled',
    from: 'REPORTED',
    to: 'PENDING_CLOSE',
    actor: 'acc_id',
    role: 'acc_role',
    st: 'e_acc0',
    en: 'e_acc',
    dl: 'acc_dl',
    after: { start: 'e_acc', deadline: 'shc_dl' },
  },
  {
    k: 10,
    when: `outcome = 'cancel'`,
    action: 'request_cancellation',
    from: 'REPORTED',
    to: 'REPORTED',
    actor: `CASE WHEN acc_role = 'shift_leader' THEN ${p('acceptor')} ELSE acc_id END`,
    role: `CASE WHEN acc_role = 'shift_leader' THEN 'acceptor' ELSE acc_role END`,
    opinion: S('重复上报'),
    st: 'e_acc0',
    en: 'e_acc',
    dl: 'acc_dl',
    after: { start: 'e_acc0', deadline: 'acc_dl', pending: S('cancellation') },
  },
  {
    k: 11,
    when: `outcome = 'cancel'`,
    action: 'approve_cancellation',
    from: 'REPORTED',
    to: 'CANCELLED',
    actor: p('shiftleader'),
    role: S('shift_leader'),
    st: 'e_acc0',
    en: 'e_acc2',
    dl: 'acc_dl',
    after: { start: 'e_acc2' },
  },
  {
    k: 12,
    when: `outcome = 'audit'`,
    action: 'close',
    from: 'PENDING_CLOSE',
    to: 'CLOSED',
    actor: p('shiftleader'),
    role: S('shift_leader'),
    st: 'e_acc',
    en: 'e_shc',
    dl: 'shc_dl',
    after: { start: 'e_shc' },
  },
  {
    k: 13,
    when: 'flow AND NOT auto',
    action: 'dispatch',
    from: 'PENDING_DISPATCH',
    to: 'DISPATCHED',
    actor: 'disp_id',
    role: 'disp_role',
    dept: 'CASE WHEN ret THEN wrong_dept ELSE right_dept END',
    st: 'e_acc',
    en: 'e_d1',
    dl: 'd1_dl',
    details: dispatchDetails('CASE WHEN ret THEN wrong_dept ELSE right_dept END', 'hd1'),
    after: {
      start: 'e_d1',
      deadline: 's1_dl',
      dept: 'CASE WHEN ret THEN wrong_dept ELSE right_dept END',
      handleStart: 'e_d1',
    },
  },
  {
    k: 14,
    when: 'ret',
    action: 'request_return',
    from: 'DISPATCHED',
    to: 'DISPATCHED',
    actor: 'wrong_handler',
    role: 'wrong_handler_role',
    dept: 'wrong_dept',
    opinion: S('非本单位职责'),
    st: 'e_d1',
    en: 'e_rr',
    dl: 's1_dl',
    after: {
      start: 'e_d1',
      deadline: 's1_dl',
      dept: 'wrong_dept',
      handleStart: 'e_d1',
      pending: S('return'),
    },
  },
  {
    k: 15,
    when: 'ret',
    action: 'approve_return',
    from: 'DISPATCHED',
    to: 'PENDING_DISPATCH',
    actor: 'appr_id',
    role: 'appr_role',
    dept: 'wrong_dept',
    st: 'e_d1',
    en: 'e_ar',
    dl: 's1_dl',
    after: { start: 'e_ar', deadline: 'd2_dl' },
  },
  {
    k: 16,
    when: 'ret',
    action: 'dispatch',
    from: 'PENDING_DISPATCH',
    to: 'DISPATCHED',
    actor: 'disp_id',
    role: 'disp_role',
    dept: 'right_dept',
    st: 'e_ar',
    en: 'e_d2',
    dl: 'd2_dl',
    details: dispatchDetails('right_dept', 'h_dl'),
    after: { start: 'e_d2', deadline: 'sg_dl', dept: 'right_dept', handleStart: 'e_d2' },
  },
  {
    k: 17,
    when: 'flow',
    action: 'sign',
    from: 'DISPATCHED',
    to: 'HANDLING',
    actor: 'handler',
    role: 'handler_role',
    dept: 'right_dept',
    st: 'e_hs',
    en: 'e_sg',
    dl: 'sg_dl',
    after: { start: 'e_sg', deadline: 'h_dl', ...HANDLING },
  },
  {
    k: 18,
    when: 'pp',
    action: 'request_postponement',
    from: 'HANDLING',
    to: 'HANDLING',
    actor: 'handler',
    role: 'handler_role',
    dept: 'right_dept',
    opinion: S('工程量大，申请延期'),
    st: 'e_hs',
    en: 'e_pq',
    dl: 'h_dl',
    details: EXTENSION_DETAILS,
    after: { start: 'e_sg', deadline: 'h_dl', pending: S('postponement'), ...HANDLING },
  },
  {
    k: 19,
    when: 'pp',
    action: 'approve_postponement',
    from: 'HANDLING',
    to: 'HANDLING',
    actor: 'appr_id',
    role: 'appr_role',
    dept: 'right_dept',
    st: 'e_hs',
    en: 'e_pa',
    dl: 'h_dl',
    details: GRANTED_DETAILS,
    after: { start: 'e_sg', deadline: 'edl', extension: 'ext_amount', ...HANDLING },
  },
  {
    k: 20,
    when: 'su',
    action: 'request_suspension',
    from: 'HANDLING',
    to: 'HANDLING',
    actor: 'handler',
    role: 'handler_role',
    dept: 'right_dept',
    opinion: S('需协调其他部门，申请挂账'),
    st: 'e_hs',
    en: 'e_sq',
    dl: 'h_dl',
    after: { start: 'e_sg', deadline: 'h_dl', pending: S('suspension'), ...HANDLING },
  },
  {
    k: K_APPROVE_SUSPENSION,
    when: 'su',
    action: 'approve_suspension',
    from: 'HANDLING',
    to: 'SUSPENDED',
    actor: 'appr_id',
    role: 'appr_role',
    dept: 'right_dept',
    st: 'e_hs',
    en: 'e_sa',
    dl: 'h_dl',
    after: { start: 'e_sa', dept: 'right_dept', handleStart: 'e_hs' },
    suspendedAt: 'e_sa',
  },
  {
    // Suspended runs no clock: the row has no deadline; resuming adds the working time it stood still.
    k: 22,
    when: 'su',
    action: 'resume',
    from: 'SUSPENDED',
    to: 'HANDLING',
    actor: 'appr_id',
    role: 'appr_role',
    dept: 'right_dept',
    st: 'e_sa',
    en: 'e_re',
    details: RESUME_DETAILS,
    after: { start: 'e_re', deadline: 'edl', extension: 'ext_amount', ...HANDLING },
  },
  {
    k: 23,
    when: 'sv_sys OR sv_hum',
    action: 'supervise',
    from: 'HANDLING',
    to: 'HANDLING',
    actor: `CASE WHEN sv_sys THEN NULL WHEN r_sv < 0.2 THEN ${p('shiftleader')} ELSE ${p('supervisor')} END`,
    role: `CASE WHEN sv_sys THEN 'system' WHEN r_sv < 0.2 THEN 'shift_leader' ELSE 'supervisor' END`,
    dept: 'right_dept',
    opinion: `CASE WHEN sv_sys THEN 'Automatic 督办: 150 % of the handle limit' ELSE '超期未处置，督办' END`,
    st: 'e_hs',
    en: 'e_sv',
    dl: 'h_dl',
    edl: 'edl',
    details: `CASE WHEN sv_sys THEN jsonb_build_object('threshold', 150) END`,
    after: {
      start: 'CASE WHEN su THEN e_re ELSE e_sg END',
      deadline: 'edl',
      extension: 'ext_amount',
      ...HANDLING,
    },
  },
  {
    k: 24,
    when: 'canc',
    action: 'request_cancellation',
    from: 'HANDLING',
    to: 'HANDLING',
    actor: `CASE WHEN disp_role = 'shift_leader' THEN ${p('dispatcher')} ELSE disp_id END`,
    role: `CASE WHEN disp_role = 'shift_leader' THEN 'dispatcher' ELSE disp_role END`,
    dept: 'right_dept',
    opinion: S('重复立案'),
    st: 'e_hs',
    en: 'e_cq',
    dl: 'h_dl',
    edl: 'edl',
    after: {
      start: 'CASE WHEN su THEN e_re ELSE e_sg END',
      deadline: 'edl',
      extension: 'ext_amount',
      pending: S('cancellation'),
      ...HANDLING,
    },
  },
  {
    k: 25,
    when: 'canc',
    action: 'approve_cancellation',
    from: 'HANDLING',
    to: 'CANCELLED',
    actor: p('shiftleader'),
    role: S('shift_leader'),
    dept: 'right_dept',
    st: 'e_hs',
    en: 'e_ca',
    dl: 'h_dl',
    edl: 'edl',
    after: { start: 'e_ca', dept: 'right_dept', handleStart: 'e_hs', extension: 'ext_amount' },
  },
  {
    k: 26,
    when: 'flow AND NOT canc',
    action: 'feedback',
    from: 'HANDLING',
    to: 'PENDING_REVIEW',
    actor: 'handler',
    role: 'handler_role',
    dept: 'right_dept',
    st: 'e_hs',
    en: 'e_fb',
    dl: 'h_dl',
    edl: 'edl',
    after: {
      start: 'e_fb',
      deadline: 'rv_dl',
      dept: 'right_dept',
      handleStart: 'e_hs',
      extension: 'ext_amount',
    },
  },
  {
    k: 27,
    when: 'rf',
    action: 'reject_feedback',
    from: 'PENDING_REVIEW',
    to: 'HANDLING',
    actor: 'disp_id',
    role: 'disp_role',
    dept: 'right_dept',
    opinion: S('处置不到位，重新处置'),
    st: 'e_fb',
    en: 'e_rf',
    dl: 'rv_dl',
    after: { start: 'e_rf', deadline: 'edl', extension: 'ext_amount', ...HANDLING },
  },
  {
    k: 28,
    when: 'rf',
    action: 'feedback',
    from: 'HANDLING',
    to: 'PENDING_REVIEW',
    actor: 'handler',
    role: 'handler_role',
    dept: 'right_dept',
    st: 'e_hs',
    en: 'e_fb2',
    dl: 'h_dl',
    edl: 'edl',
    after: {
      start: 'e_fb2',
      deadline: 'af_dl',
      dept: 'right_dept',
      handleStart: 'e_hs',
      extension: 'ext_amount',
    },
  },
  {
    k: 29,
    when: 'flow AND NOT canc',
    action: 'approve_feedback',
    from: 'PENDING_REVIEW',
    to: 'CHECKING',
    actor: 'disp_id',
    role: 'disp_role',
    dept: 'right_dept',
    st: 'e_fbl',
    en: 'e_af',
    dl: 'af_dl',
    after: {
      start: 'e_af',
      deadline: 'ck_dl',
      continuous: 'true',
      dept: 'right_dept',
      handleStart: 'e_hs',
      extension: 'ext_amount',
    },
  },
  {
    k: 30,
    when: 'flow AND NOT canc',
    action: `CASE WHEN rw THEN 'check_failed' ELSE 'check_passed' END`,
    from: 'CHECKING',
    to: `CASE WHEN rw THEN 'HANDLING' ELSE 'PENDING_CLOSE' END`,
    actor: 'insp_id',
    role: S('inspector'),
    dept: 'right_dept',
    opinion: `CASE WHEN rw THEN '现场问题仍存在' END`,
    st: 'e_af',
    en: 'e_ck',
    dl: 'ck_dl',
    after: {
      start: 'e_ck',
      clockStart: 'e_ck',
      deadline: 'CASE WHEN rw THEN h_dl2 ELSE cl_dl END',
      continuous: 'rw AND h_cont',
      dept: 'right_dept',
      handleStart: 'CASE WHEN rw THEN e_ck ELSE e_hs END',
      extension: 'CASE WHEN rw THEN NULL ELSE ext_amount END',
    },
  },
  {
    k: 31,
    when: 'rw',
    action: 'feedback',
    from: 'HANDLING',
    to: 'PENDING_REVIEW',
    actor: 'handler',
    role: 'handler_role',
    dept: 'right_dept',
    st: 'e_ck',
    en: 'e_fb3',
    dl: 'h_dl2',
    after: { start: 'e_fb3', deadline: 'af2_dl', dept: 'right_dept', handleStart: 'e_ck' },
  },
  {
    k: 32,
    when: 'rw',
    action: 'approve_feedback',
    from: 'PENDING_REVIEW',
    to: 'CHECKING',
    actor: 'disp_id',
    role: 'disp_role',
    dept: 'right_dept',
    st: 'e_fb3',
    en: 'e_af2',
    dl: 'af2_dl',
    after: {
      start: 'e_af2',
      deadline: 'ck2_dl',
      continuous: 'true',
      dept: 'right_dept',
      handleStart: 'e_ck',
    },
  },
  {
    k: 33,
    when: 'rw',
    action: 'check_passed',
    from: 'CHECKING',
    to: 'PENDING_CLOSE',
    actor: 'insp_id',
    role: S('inspector'),
    dept: 'right_dept',
    st: 'e_af2',
    en: 'e_ck2',
    dl: 'ck2_dl',
    after: { start: 'e_ck2', deadline: 'cl_dl', dept: 'right_dept', handleStart: 'e_ck' },
  },
  {
    k: 34,
    when: 'flow AND NOT canc',
    action: 'close',
    from: 'PENDING_CLOSE',
    to: 'CLOSED',
    actor: p('shiftleader'),
    role: S('shift_leader'),
    dept: 'right_dept',
    st: 'e_ckl',
    en: 'e_cl',
    dl: 'cl_dl',
    after: {
      start: 'e_cl',
      dept: 'right_dept',
      handleStart: 'CASE WHEN rw THEN e_ck ELSE e_hs END',
      extension: 'CASE WHEN rw THEN NULL ELSE ext_amount END',
    },
  },
];

/** A person by username, resolved when the statements are made. */
function p(username: string): string {
  return `{{${username}}}`;
}

function slotSelect(slot: Slot, c: BatchConstants): string {
  const text = (value: string | null) =>
    value === null ? 'NULL' : /^[A-Z_]+$/.test(value) ? S(value) : value;
  const values: Record<string, string> = {
    k: String(slot.k),
    action: /^[a-z_]+$/.test(slot.action) ? S(slot.action) : slot.action,
    from_s: text(slot.from),
    to_s: text(slot.to),
    actor: slot.actor ?? 'NULL',
    role: slot.role,
    dept: slot.dept ?? 'NULL',
    opinion: slot.opinion ?? 'NULL',
    st: slot.st,
    en: slot.en,
    dl: slot.dl ?? 'NULL',
    edl: slot.edl ?? slot.dl ?? 'NULL',
    details: slot.details ?? 'NULL',
    a_start: slot.after.start,
    a_cstart: slot.after.clockStart ?? slot.after.start,
    a_dl: slot.after.deadline ?? 'NULL',
    a_cont: slot.after.continuous ?? 'false',
    a_dept: slot.after.dept ?? 'NULL',
    a_hs: slot.after.handleStart ?? 'NULL',
    a_ext: slot.after.extension ?? 'NULL',
    a_pend: slot.after.pending ?? 'NULL',
    a_susp: slot.suspendedAt ?? 'NULL',
  };
  const columns = SLOT_COLUMNS.map(([name, type]) => `(${values[name]})::${type} AS ${name}`).join(', ');
  const select = `SELECT id AS case_id, ${columns} FROM tl
    WHERE (${slot.when}) AND ${slot.k} <= CASE WHEN su_never THEN ${K_APPROVE_SUSPENSION} ELSE stall_k END
      AND ${slot.en} < ${c.cutoff}`;
  return select.replace(/\{\{([a-z0-9-]+)\}\}/g, (_, username: string) => {
    const id = c.people[username];
    if (!id) throw new Error(`no demo user ${username}`);
    return id;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Checks: the rows follow the transition table, chain status to status, and end where their case stands.

async function validate(db: Client): Promise<{
  cases: number;
  activities: number;
  statuses: Record<string, number>;
  actions: Record<string, number>;
  bytes: { cases: number; activities: number };
}> {
  const problems: string[] = [];
  const triples = (
    await db.query<{ action: string; from_s: string | null; to_s: string; role: string | null; n: string }>(
      `SELECT action, from_status AS from_s, to_status AS to_s, actor_role AS role, count(*) AS n
       FROM case_activities GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
    )
  ).rows;
  const desk = [Role.Acceptor, Role.ShiftLeader, Role.Dispatcher, Role.GridManager] as string[];
  for (const t of triples) {
    if (t.action === 'report') {
      if (
        t.from_s !== null ||
        t.to_s !== 'REPORTED' ||
        !(t.role === 'inspector' || desk.includes(t.role ?? ''))
      )
        problems.push(`report row ${JSON.stringify(t)}`);
      continue;
    }
    if (t.action === 'route') {
      if (t.from_s !== t.to_s || t.role !== 'system') problems.push(`route row ${JSON.stringify(t)}`);
      continue;
    }
    const rule = TRANSITIONS.find((r) => r.action === t.action);
    const ok =
      rule &&
      rule.from.includes(t.from_s as never) &&
      (rule.to ?? t.from_s) === t.to_s &&
      ((t.role === 'system' && ['file', 'dispatch', 'supervise'].includes(t.action)) ||
        rule.roles.includes(t.role as Role));
    if (!ok) problems.push(`not in the transition table: ${JSON.stringify(t)}`);
  }
  // A sample of cases (about 0.5 %): each status change starts where the one before ended, ids follow time, and
  // the last row's status is the case's.
  const [chain] = (
    await db.query<{ cases: string; broken: string; unordered: string; mismatched: string }>(
      `WITH sample AS (SELECT id, status FROM cases TABLESAMPLE SYSTEM (0.5)),
       rows AS (
         SELECT a.case_id, a.id, a.ended_at, a.from_status, a.to_status,
                lag(a.to_status) OVER w AS before, lag(a.ended_at) OVER w AS before_end,
                row_number() OVER (PARTITION BY a.case_id ORDER BY a.id DESC) AS from_end
         FROM case_activities a JOIN sample s ON s.id = a.case_id
         WINDOW w AS (PARTITION BY a.case_id ORDER BY a.id))
       SELECT (SELECT count(*) FROM sample) AS cases,
              count(*) FILTER (WHERE before IS NOT NULL AND from_status IS DISTINCT FROM before) AS broken,
              count(*) FILTER (WHERE before_end > ended_at) AS unordered,
              (SELECT count(*) FROM sample s JOIN rows r ON r.case_id = s.id AND r.from_end = 1
               WHERE r.to_status <> s.status) AS mismatched
       FROM rows`,
    )
  ).rows;
  if (Number(chain!.broken) || Number(chain!.unordered) || Number(chain!.mismatched)) {
    problems.push(`sample of ${chain!.cases} cases: ${JSON.stringify(chain)}`);
  }
  if (problems.length) throw new Error(`generated rows do not follow the workflow:\n${problems.join('\n')}`);

  const statuses = Object.fromEntries(
    (
      await db.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM cases GROUP BY 1 ORDER BY 2 DESC`,
      )
    ).rows.map((r) => [r.status, Number(r.n)]),
  );
  const actions: Record<string, number> = {};
  for (const t of triples) actions[t.action] = (actions[t.action] ?? 0) + Number(t.n);
  const [bytes] = (
    await db.query<{ cases: string; activities: string }>(
      `SELECT pg_total_relation_size('cases') AS cases, pg_total_relation_size('case_activities') AS activities`,
    )
  ).rows;
  return {
    cases: Object.values(statuses).reduce((a, b) => a + b, 0),
    activities: Object.values(actions).reduce((a, b) => a + b, 0),
    statuses,
    actions,
    bytes: { cases: Number(bytes!.cases), activities: Number(bytes!.activities) },
  };
}

if (require.main === module) {
  const started = performance.now();
  ensureEvaluationData(evaluationDataSettings(), (line) => process.stderr.write(`… ${line}\n`))
    .then((info) => {
      process.stdout.write(
        `${JSON.stringify({ ...info, seconds: { ...info.seconds, thisRun: seconds(started) } }, null, 2)}\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
