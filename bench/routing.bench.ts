// Report → case.changed on the grid manager's socket, end to end through the built api and worker processes, at
// fixed open-loop rates; then the highest sustained rate. Baselines from the same run: a bare BullMQ add →
// process → completion round trip, and a bare PostgreSQL single-row INSERT, at the same rates.
// Run: npm run bench:routing (builds the server first; figures go to docs/benchmarks.md).
import 'reflect-metadata';
import { benchRun, fmt, login, num, out, ratio, say, SERVER_NODE_OPTIONS } from './support/bench-run';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Client, Pool } from 'pg';
import { connectBoardSocket, type BoardSocket } from '../libs/testing/src/board-socket';
import { QueueName } from '../libs/queue/src/queue-names';
import { centreOf, demoCity } from '../test/support/demo-city-points';
import {
  CpuMeter,
  ms,
  nowMs,
  openLoop,
  pidsNamed,
  sleep,
  summarize,
  type OpenLoopResult,
  type Summary,
} from './support/open-loop';

// ---------------------------------------------------------------------------------------------------------------
// Settings (environment overrides for investigation runs; the defaults are the documented run).
const PHASE_SECONDS = num('BENCH_PHASE_SECONDS', 10);
const STEP_SECONDS = num('BENCH_STEP_SECONDS', 6);
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 4);
/**
 * High enough that the pools grow to their size, every connection has prepared the hot statements and V8 has
 * compiled the busy paths, as in a city that has been running: the phases measure the steady state.
 */
const WARMUP_RATE = num('BENCH_WARMUP_RATE', 100);
const RATES = (process.env.BENCH_RATES ?? '50,200').split(',').map(Number);
const STEP_RATES = (process.env.BENCH_STEP_RATES ?? '300,400,500,650,800').split(',').map(Number);
/** Grid managers with a socket: every fifth of the demo city's 100, so all four streets take reports. */
const GRID_MANAGERS = num('BENCH_GRID_MANAGERS', 20);
/** An event later than this counts as lost. */
const LOST_MS = 5000;
/** A report not answered within this counts as failed. */
const REQUEST_TIMEOUT_MS = 10_000;
/** A step is sustained when nothing is lost, no request fails, p99 stays under this and no backlog builds. */
const SUSTAINED_P99_MS = 1000;
const TARGET_RATE = 200;
const TARGET_P99_MS = 150;
const SKIP_BASELINES = process.env.BENCH_SKIP_BASELINES === '1';
const SKIP_STEPS = process.env.BENCH_SKIP_STEPS === '1';
const TRACE = process.env.BENCH_TRACE === '1';

const {
  REDIS_URL,
  ADMIN_URL,
  SCOPE,
  DB_URL,
  processes,
  closers,
  cleanUp,
  prepareDatabase,
  appEnv,
  startApp,
  apiReady,
  workerReady,
  loggedWarnings,
} = benchRun('bench');
const ROUTING_QUEUE = QueueName.CaseRouting;

// ---------------------------------------------------------------------------------------------------------------
// Machine
async function machine(): Promise<string[]> {
  const pg = new Client({ connectionString: ADMIN_URL });
  await pg.connect();
  const { rows } = await pg.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  const settings = await pg.query<{ name: string; setting: string; unit: string | null }>(
    `SELECT name, setting, unit FROM pg_settings WHERE name IN ('synchronous_commit', 'shared_buffers', 'max_connections', 'fsync')`,
  );
  await pg.end();
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  const cores = cpus();
  return [
    `CPU: ${cores[0]?.model ?? '?'} × ${cores.length}${cores[0]?.speed ? ` (${cores[0].speed} MHz)` : ''}`,
    `Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `Node ${process.version}, PostgreSQL ${rows[0]!.v} (${settings.rows
      .map((s) => `${s.name}=${s.setting}${s.unit && s.unit !== 's' ? ` ${s.unit}` : ''}`)
      .join(', ')}), Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'}`,
    `Load average (1 min) at start: ${loadavg()[0]!.toFixed(2)}`,
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up and clean-up
// HTTP: one keep-alive agent, no pool limit, so the client never queues a request behind another.
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function post(url: string, body: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    // An overloaded api would otherwise keep the phase open for minutes: give up on the request (counted as
    // failed) once it is clearly lost.
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Results
interface LatencyResult {
  label: string;
  rate: number;
  sent: number;
  ok: number;
  errors: number;
  lost: number;
  latency: Summary;
  /** Median latency of the first and the last fifth of the phase: a backlog that builds shows as a rise. */
  trend: [number, number];
  /** Events (completions) per second over the phase. */
  achieved: number;
  load: OpenLoopResult;
  http?: Summary;
  stages?: Record<string, Summary>;
  cpu?: ReturnType<CpuMeter['stop']>;
  waits?: { samples: number; active: number; lockWait: number; idleInTx: number; ioWait: number };
  relay?: { rows: number; batches: number };
}

interface Sample {
  scheduled: number;
  done?: number;
  failed?: boolean;
}

function latencyOf(label: string, rate: number, samples: Sample[], load: OpenLoopResult): LatencyResult {
  const ok = samples.filter((s) => !s.failed);
  const inTime = ok.filter((s) => s.done !== undefined && s.done - s.scheduled <= LOST_MS);
  const latencies = inTime.map((s) => s.done! - s.scheduled);
  const fifth = Math.max(1, Math.floor(samples.length / 5));
  const median = (part: Sample[]) =>
    summarize(part.filter((s) => s.done !== undefined).map((s) => s.done! - s.scheduled)).p50;
  const lastDone = Math.max(...inTime.map((s) => s.done!));
  return {
    label,
    rate,
    sent: samples.length,
    ok: ok.length,
    errors: samples.length - ok.length,
    lost: ok.length - inTime.length,
    latency: summarize(latencies),
    trend: [median(samples.slice(0, fifth)), median(samples.slice(-fifth))],
    achieved: inTime.length > 1 ? (inTime.length / (lastDone - load.first)) * 1000 : 0,
    load,
  };
}

const sustained = (r: LatencyResult): boolean =>
  r.errors === 0 &&
  r.lost === 0 &&
  r.latency.p99 <= SUSTAINED_P99_MS &&
  r.trend[1] <= Math.max(2 * r.trend[0], r.trend[0] + 100);

// ---------------------------------------------------------------------------------------------------------------
// Baseline (a): bare BullMQ, a Queue, a Worker and QueueEvents on the same Redis, add → process → completed seen.
async function bullmqBaseline(): Promise<LatencyResult[]> {
  const prefix = `${SCOPE}_bull`;
  const connection = () => new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const concurrency = num('WORKER_CONCURRENCY', 20);
  // The job options CityGrid's queues use (libs/queue/src/queue.module.ts), and the routing job's priority.
  const queue = new Queue('bench-roundtrip', {
    connection: connection(),
    prefix,
    defaultJobOptions: {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: false,
    },
  });
  const worker = new Worker('bench-roundtrip', async (job) => ({ caseId: job.data.caseId as number }), {
    connection: connection(),
    prefix,
    concurrency,
  });
  const events = new QueueEvents('bench-roundtrip', { connection: connection(), prefix });
  await Promise.all([queue.waitUntilReady(), worker.waitUntilReady(), events.waitUntilReady()]);
  const completed = new Map<string, number>();
  events.on('completed', ({ jobId }) => completed.set(jobId, nowMs()));
  const close = async () => {
    await worker.close();
    await events.close();
    await queue.close();
  };
  closers.push(close);
  try {
    const phase = async (label: string, rate: number, seconds: number) => {
      const samples: Sample[] = [];
      const ids: string[] = [];
      const load = await openLoop(rate, seconds, async (i, scheduled) => {
        const sample: Sample = { scheduled };
        samples.push(sample);
        ids.push(`${label}-${i}`);
        await queue
          .add('roundtrip', { caseId: i }, { jobId: `${label}-${i}`, priority: 10 })
          .catch(() => (sample.failed = true));
      });
      await waitFor(() => ids.every((id) => completed.has(id)), load.last + LOST_MS);
      samples.forEach((s, i) => (s.done = completed.get(ids[i]!)));
      return latencyOf(label, rate, samples, load);
    };
    await phase('bull-warmup', 50, 2);
    const results: LatencyResult[] = [];
    for (const rate of RATES) {
      say(`BullMQ round trip at ${rate}/s`);
      results.push(await phase(`bull-${rate}`, rate, PHASE_SECONDS));
    }
    return results;
  } finally {
    await close();
    closers.splice(closers.indexOf(close), 1);
  }
}

// Baseline (b): a bare single-row INSERT into a scratch table, autocommit, through a pg Pool of the app's size.
async function pgBaseline(): Promise<LatencyResult[]> {
  const pool = new Pool({ connectionString: DB_URL, max: num('DATABASE_POOL_SIZE', 10) });
  const close = () => pool.end();
  closers.push(close);
  try {
    await pool.query(
      `CREATE TABLE bench_insert (id bigserial PRIMARY KEY, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
    );
    const phase = async (label: string, rate: number, seconds: number) => {
      const samples: Sample[] = [];
      const load = await openLoop(rate, seconds, async (i, scheduled) => {
        const sample: Sample = { scheduled };
        samples.push(sample);
        await pool
          .query('INSERT INTO bench_insert (payload) VALUES ($1)', [JSON.stringify({ label, i })])
          .then(
            () => (sample.done = nowMs()),
            () => (sample.failed = true),
          );
      });
      return latencyOf(label, rate, samples, load);
    };
    await phase('pg-warmup', 50, 2);
    const results: LatencyResult[] = [];
    for (const rate of RATES) {
      say(`pg INSERT at ${rate}/s`);
      results.push(await phase(`pg-${rate}`, rate, PHASE_SECONDS));
    }
    return results;
  } finally {
    await close();
    closers.splice(closers.indexOf(close), 1);
  }
}

async function waitFor(done: () => boolean, until: number): Promise<void> {
  while (!done() && nowMs() < until) await sleep(20);
}

// ---------------------------------------------------------------------------------------------------------------
// CityGrid: report → case.changed on the owner's socket
interface CityGrid {
  api: string;
  token: string;
  managers: Array<{ username: string; id: string; socket: BoardSocket; points: Array<[number, number]> }>;
  arrivals: Map<string, number>;
  redis: Redis;
  pg: Client;
  meter: CpuMeter;
}

async function startCityGrid(): Promise<CityGrid> {
  const { url, env } = await appEnv();
  const api = startApp('api', { ...env, ...SERVER_NODE_OPTIONS });
  const worker = startApp('worker', { ...env, ...SERVER_NODE_OPTIONS });
  await apiReady(url);
  await workerReady();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const pg = new Client({ connectionString: DB_URL, application_name: 'citygrid-bench' });
  await pg.connect();

  const step = Math.max(1, Math.floor(demoCity.responsibilityGrids.length / GRID_MANAGERS));
  const grids = demoCity.responsibilityGrids.filter((_, i) => i % step === 0).slice(0, GRID_MANAGERS);
  const arrivals = new Map<string, number>();
  const { token } = await login(url, 'acceptor');
  const managers = await Promise.all(
    grids.map(async (grid) => {
      const { token: gmToken, id } = await login(url, grid.manager);
      const socket = await connectBoardSocket(url, gmToken);
      socket.on('case.changed', (event) => {
        if (event.ownerId === id && !arrivals.has(event.id)) arrivals.set(event.id, nowMs());
      });
      return { username: grid.manager, id, socket, points: grid.unitGridCodes.map(centreOf) };
    }),
  );
  const meter = new CpuMeter({
    api: () => [api.pid],
    worker: () => [worker.pid],
    postgres: () => pidsNamed('postgres'),
    redis: () => pidsNamed('redis-server'),
    'bench client': () => [process.pid],
  });
  closers.push(async () => {
    managers.forEach((m) => m.socket.disconnect());
    redis.disconnect();
    await pg.end();
  });
  return { api: url, token, managers, arrivals, redis, pg, meter };
}

/** PostgreSQL's view of the app's connections, sampled every 100 ms during a phase. */
function sampleWaits(): () => Promise<LatencyResult['waits']> {
  let stop = false;
  const totals = { samples: 0, active: 0, lockWait: 0, idleInTx: 0, ioWait: 0 };
  const sampler = new Client({ connectionString: DB_URL, application_name: 'citygrid-bench-sampler' });
  const running = (async () => {
    await sampler.connect();
    while (!stop) {
      const { rows } = await sampler.query<Record<string, string>>(
        `SELECT count(*) FILTER (WHERE state = 'active') AS active,
                count(*) FILTER (WHERE wait_event_type = 'Lock') AS lock_wait,
                count(*) FILTER (WHERE state = 'idle in transaction') AS idle_in_tx,
                count(*) FILTER (WHERE wait_event_type IN ('IO', 'LWLock')) AS io_wait
         FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
           AND application_name NOT LIKE 'citygrid-bench%'`,
        [SCOPE],
      );
      totals.samples++;
      totals.active += Number(rows[0]!['active']);
      totals.lockWait += Number(rows[0]!['lock_wait']);
      totals.idleInTx += Number(rows[0]!['idle_in_tx']);
      totals.ioWait += Number(rows[0]!['io_wait']);
      await sleep(100);
    }
    await sampler.end();
  })();
  return async () => {
    stop = true;
    await running;
    const n = Math.max(1, totals.samples);
    return {
      samples: totals.samples,
      active: totals.active / n,
      lockWait: totals.lockWait / n,
      idleInTx: totals.idleInTx / n,
      ioWait: totals.ioWait / n,
    };
  };
}

let caseCounter = 0;

async function cityGridPhase(
  cg: CityGrid,
  label: string,
  rate: number,
  seconds: number,
  detail = true,
): Promise<LatencyResult> {
  const samples: Array<Sample & { responded?: number; id?: string }> = [];
  const stopWaits = detail ? sampleWaits() : null;
  cg.meter.start();
  const load = await openLoop(rate, seconds, async (_i, scheduled) => {
    const n = caseCounter++;
    const manager = cg.managers[n % cg.managers.length]!;
    const [lng, lat] = manager.points[Math.floor(n / cg.managers.length) % manager.points.length]!;
    const sample: Sample & { responded?: number; id?: string } = { scheduled };
    samples.push(sample);
    const body = JSON.stringify({
      matterKind: 'event',
      matterCode: '06010',
      conditionKey: 'a',
      description: `bench ${label} #${n}: garbage piled up by the kerb`,
      lng,
      lat,
      source: 'hotline',
    });
    try {
      const response = await post(`${cg.api}/api/v1/cases`, body, cg.token);
      sample.responded = nowMs();
      if (response.status !== 201) throw new Error(`${response.status} ${response.body.slice(0, 200)}`);
      sample.id = (JSON.parse(response.body) as { id: string }).id;
    } catch (error) {
      sample.failed = true;
      if (samples.filter((s) => s.failed).length <= 3) say(`intake failed: ${(error as Error).message}`);
    }
  });
  const cpu = cg.meter.stop();
  const waits = await stopWaits?.();
  await waitFor(() => samples.every((s) => s.failed || cg.arrivals.has(s.id!)), load.last + LOST_MS);
  samples.forEach((s) => (s.done = s.id ? cg.arrivals.get(s.id) : undefined));
  const result = latencyOf(label, rate, samples, load);
  result.cpu = cpu;
  result.waits = waits;
  result.http = summarize(samples.filter((s) => s.responded).map((s) => s.responded! - s.scheduled));
  if (detail) {
    const ids = samples.filter((s) => s.id).map((s) => s.id!);
    // When BullMQ added, started and finished each routing job (the job id is the case id).
    const pipeline = cg.redis.pipeline();
    for (const id of ids)
      pipeline.hmget(`${SCOPE}:${ROUTING_QUEUE}:${id}`, 'timestamp', 'processedOn', 'finishedOn');
    const jobs = new Map(
      ((await pipeline.exec()) ?? []).map(([, value], i) => [
        ids[i]!,
        (value as Array<string | null>).map(Number),
      ]),
    );
    // Every outbox row intake wrote in the phase (the routing job and the first step's timers), and the relay's
    // batches that sent them (one transaction each, stamped with its start time).
    const { rows: relay } = await cg.pg.query<{ rows: string; batches: string }>(
      `SELECT count(*) AS rows, count(DISTINCT sent_at) AS batches FROM outbox_messages
       WHERE created_at BETWEEN to_timestamp($1::float8 / 1000) AND to_timestamp($2::float8 / 1000)`,
      [load.first - 100, load.last + 2000],
    );
    result.relay = { rows: Number(relay[0]!.rows), batches: Number(relay[0]!.batches) };
    // When intake's transaction began (the outbox row's created_at is its now()) and when the relay's batch
    // transaction that sent the routing job began (sent_at).
    const { rows: outbox } = await cg.pg.query<{ job_id: string; created: number; sent: number }>(
      `SELECT job_id, extract(epoch FROM created_at) * 1000 AS created, extract(epoch FROM sent_at) * 1000 AS sent
       FROM outbox_messages WHERE job_id = ANY($1::text[])`,
      [ids],
    );
    const rows = new Map(outbox.map((row) => [row.job_id, [Number(row.created), Number(row.sent)]]));
    const stage = (f: (s: (typeof samples)[number], job: number[], row: number[]) => number) =>
      summarize(
        samples
          .filter(
            (s) => s.id && s.done !== undefined && jobs.get(s.id)?.every((t) => t > 0) && rows.get(s.id)?.[1],
          )
          .map((s) => f(s, jobs.get(s.id!)!, rows.get(s.id!)!)),
      );
    result.stages = {
      'send → 201 (intake HTTP, for reference)': stage((s) => s.responded! - s.scheduled),
      'send → intake transaction starts': stage((s, _j, [created]) => created! - s.scheduled),
      'intake transaction → relay batch starts (commit, NOTIFY)': stage(
        (_s, _j, [created, sent]) => sent! - created!,
      ),
      'relay batch starts → job in BullMQ': stage((_s, [added], [, sent]) => added! - sent!),
      'job in BullMQ → worker starts it': stage((_s, [added, started]) => started! - added!),
      'worker starts → job done (routing)': stage((_s, [, started, finished]) => finished! - started!),
      'job done → case.changed on the socket': stage((s, [, , finished]) => s.done! - finished!),
    };
  }
  return result;
}

/**
 * Waits until the api has stopped writing cases (requests it was still working on after the client gave up),
 * the outbox has nothing unsent, the worker nothing queued and no app connection is busy, three polls in a
 * row: the next phase starts on an idle system.
 */
async function drain(cg: CityGrid, timeoutMs = 30_000): Promise<boolean> {
  const queue = new Queue(ROUTING_QUEUE, { connection: cg.redis, prefix: SCOPE });
  const deadline = Date.now() + timeoutMs;
  let cases = '';
  let quiet = 0;
  try {
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'prioritized', 'active');
      const { rows } = await cg.pg.query<{ unsent: string; cases: string; busy: string }>(
        `SELECT (SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL) AS unsent,
                (SELECT count(*) FROM cases) AS cases,
                (SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()
                   AND state IN ('active', 'idle in transaction')
                   AND application_name NOT LIKE 'citygrid-bench%') AS busy`,
        [SCOPE],
      );
      const idle =
        Object.values(counts).every((n) => n === 0) &&
        rows[0]!.unsent === '0' &&
        rows[0]!.busy === '0' &&
        rows[0]!.cases === cases;
      cases = rows[0]!.cases;
      quiet = idle ? quiet + 1 : 0;
      if (quiet >= 3) return true;
      if (Date.now() > deadline) return false;
      await sleep(300);
    }
  } finally {
    await queue.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output
function latencyRow(r: LatencyResult, pipeline: string): string {
  return [
    pipeline,
    `${r.rate}/s`,
    fmt(r.sent),
    ms(r.latency.p50),
    ms(r.latency.p95),
    `**${ms(r.latency.p99)}**`,
    ms(r.latency.max),
    r.http ? ms(r.http.p99) : '–',
    `${r.lost}${r.errors ? ` (+${r.errors} errors)` : ''}`,
    fmt(r.achieved),
  ].join(' | ');
}

async function main(): Promise<void> {
  if (!existsSync('dist/apps/api/src/main.js') || !existsSync('dist/apps/worker/src/main.js')) {
    throw new Error('dist/ is missing: run "npm run build:server" first (npm run bench:routing does)');
  }
  const started = Date.now();
  const machineLines = await machine();
  say(`database and Redis prefix ${SCOPE}`);
  await prepareDatabase();
  say(`migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const bull = SKIP_BASELINES ? [] : await bullmqBaseline();
  const pg = SKIP_BASELINES ? [] : await pgBaseline();

  if (TRACE) {
    // Investigation only: PostgreSQL logs every statement of the app's connections with its duration (the
    // server log, lines with this run's database name), for a few reports sent one at a time.
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${SCOPE}" SET log_min_duration_statement = 0`);
    await admin.end();
  }
  say('starting the api and the worker');
  const cg = await startCityGrid();
  if (TRACE) {
    await cityGridPhase(cg, 'trace', 2, 5, false);
    await drain(cg);
    out(`Traced 10 reports: grep '${SCOPE}' in the PostgreSQL server log`);
    return;
  }
  say(`warm-up: ${WARMUP_SECONDS} s at ${WARMUP_RATE}/s`);
  await cityGridPhase(cg, 'warm-up', WARMUP_RATE, WARMUP_SECONDS, false);
  await drain(cg);
  // What the processes use with nothing to do (pollers, heartbeats), subtracted from each phase's CPU per report.
  cg.meter.start();
  await sleep(3000);
  const idle = cg.meter.stop();
  const measured: LatencyResult[] = [];
  for (const rate of RATES) {
    say(`CityGrid at ${rate}/s for ${PHASE_SECONDS} s`);
    measured.push(await cityGridPhase(cg, `cg-${rate}`, rate, PHASE_SECONDS));
    await drain(cg);
  }
  const steps: LatencyResult[] = [];
  if (!SKIP_STEPS) {
    let pass =
      measured
        .filter(sustained)
        .map((r) => r.rate)
        .pop() ?? 0;
    let fail = measured.find((r) => !sustained(r))?.rate ?? Infinity;
    const tryRate = async (rate: number) => {
      say(`CityGrid step at ${rate}/s for ${STEP_SECONDS} s`);
      const r = await cityGridPhase(cg, `step-${rate}`, rate, STEP_SECONDS);
      steps.push(r);
      if (!(await drain(cg))) say(`backlog after ${rate}/s not drained within 30 s`);
      if (sustained(r)) pass = Math.max(pass, rate);
      else fail = Math.min(fail, rate);
      return sustained(r);
    };
    for (const rate of STEP_RATES) {
      if (rate >= fail) break;
      if (!(await tryRate(rate))) break;
    }
    // Up to three bisections between the last rate sustained and the first one not (downwards too, when even
    // 50/s was not sustained).
    for (let k = 0; k < 3 && Number.isFinite(fail) && fail - pass > Math.max(10, 0.15 * fail); k++) {
      const grain = fail > 150 ? 25 : 5;
      const mid = Math.round((pass + fail) / 2 / grain) * grain;
      if (mid <= pass || mid >= fail) break;
      await tryRate(mid);
    }
  }
  const highest = [...measured, ...steps].filter(sustained).reduce((a, r) => Math.max(a, r.rate), 0);
  const firstFailed = [...measured, ...steps]
    .filter((r) => !sustained(r))
    .reduce((a, r) => Math.min(a, r.rate), Infinity);
  const warnings = loggedWarnings().map((lines) => lines.length);

  // -------------------------------------------------------------------------------------------------------------
  out(`Routing: report → case.changed on the grid manager's socket (${cg.managers.length} grid managers)`);
  machineLines.forEach((line) => out(line));
  out(
    `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  out();
  out('| Pipeline | Rate | Sent | p50 ms | p95 ms | p99 ms | max ms | intake HTTP p99 ms | lost | done/s |');
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of measured) out(`| ${latencyRow(r, 'CityGrid report → case.changed')} |`);
  for (const r of bull) out(`| ${latencyRow(r, 'BullMQ add → completed (QueueEvents)')} |`);
  for (const r of pg) out(`| ${latencyRow(r, 'pg single-row INSERT')} |`);
  out();
  if (bull.length && pg.length) {
    out(
      '| Rate | CityGrid p99 / BullMQ p99 | CityGrid p99 / pg INSERT p99 | CityGrid p50 / BullMQ p50 | BullMQ p99 / pg p99 |',
    );
    out('| ---: | ---: | ---: | ---: | ---: |');
    RATES.forEach((rate, i) => {
      const [c, b, p] = [measured[i]!, bull[i]!, pg[i]!];
      out(
        `| ${rate}/s | ${ratio(c.latency.p99, b.latency.p99)} | ${ratio(c.latency.p99, p.latency.p99)} | ${ratio(c.latency.p50, b.latency.p50)} | ${ratio(b.latency.p99, p.latency.p99)} |`,
      );
    });
    out();
  }
  if (steps.length) {
    out(
      `Highest sustained rate (p99 ≤ ${SUSTAINED_P99_MS} ms, nothing lost within ${LOST_MS / 1000} s, no failed request, no growing backlog), ${STEP_SECONDS} s steps:`,
    );
    out();
    out(
      '| Rate | Sent | p50 ms | p99 ms | max ms | intake HTTP p99 ms | lost | done/s | p50 first → last fifth | sustained |',
    );
    out('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
    for (const r of [...measured, ...steps].sort((a, b) => a.rate - b.rate)) {
      out(
        `| ${r.rate}/s | ${fmt(r.sent)} | ${ms(r.latency.p50)} | ${ms(r.latency.p99)} | ${ms(r.latency.max)} | ${r.http ? ms(r.http.p99) : '–'} | ${r.lost}${r.errors ? ` (+${r.errors} errors)` : ''} | ${fmt(r.achieved)} | ${ms(r.trend[0])} → ${ms(r.trend[1])} | ${sustained(r) ? 'yes' : 'no'} |`,
      );
    }
    out();
    out(
      `**Highest sustained rate: ${highest}/s**${Number.isFinite(firstFailed) ? ` (first rate not sustained: ${firstFailed}/s)` : ''}`,
    );
    out();
  }
  out(
    'Where the time goes (p50 / p99 ms per stage, from the client clock, BullMQ job timestamps and the outbox):',
  );
  out();
  const detailed = [...measured, ...steps];
  out(`| Stage | ${detailed.map((r) => `${r.rate}/s`).join(' | ')} |`);
  out(`| --- | ${detailed.map(() => '---:').join(' | ')} |`);
  for (const name of Object.keys(detailed[0]?.stages ?? {})) {
    out(
      `| ${name} | ${detailed.map((r) => `${ms(r.stages![name]!.p50)} / ${ms(r.stages![name]!.p99)}`).join(' | ')} |`,
    );
  }
  out(
    `| relay: outbox rows per batch | ${detailed.map((r) => (r.relay ? (r.relay.rows / Math.max(1, r.relay.batches)).toFixed(1) : '–')).join(' | ')} |`,
  );
  out(
    `| PG: app backends active / waiting on a lock / idle in tx (mean) | ${detailed.map((r) => (r.waits ? `${r.waits.active.toFixed(1)} / ${r.waits.lockWait.toFixed(1)} / ${r.waits.idleInTx.toFixed(1)}` : '–')).join(' | ')} |`,
  );
  for (const name of Object.keys(detailed[0]?.cpu?.cores ?? {})) {
    out(`| CPU cores: ${name} | ${detailed.map((r) => r.cpu!.cores[name]!.toFixed(2)).join(' | ')} |`);
  }
  // CPU time per report above the idle rate: the meter's window is the phase's sending time.
  for (const name of ['api', 'worker', 'postgres', 'redis']) {
    const perReport = (r: LatencyResult) =>
      ((r.cpu!.cores[name]! - idle.cores[name]!) * r.cpu!.seconds * 1000) / Math.max(1, r.sent);
    out(`| CPU ms per report: ${name} | ${detailed.map((r) => ms(perReport(r))).join(' | ')} |`);
  }
  out(
    `| CPU: machine busy / stolen | ${detailed.map((r) => `${(r.cpu!.busy * 100).toFixed(0)} % / ${(r.cpu!.steal * 100).toFixed(0)} %`).join(' | ')} |`,
  );
  out(`| generator lag p99 ms | ${detailed.map((r) => ms(r.load.lagP99)).join(' | ')} |`);
  out();
  out(
    `Idle CPU (3 s, no load), cores: ${Object.entries(idle.cores)
      .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
      .join(', ')}; machine busy ${(idle.busy * 100).toFixed(0)} %`,
  );
  const target = measured.find((r) => r.rate === TARGET_RATE);
  if (target) {
    const met = target.latency.p99 < TARGET_P99_MS && target.lost === 0 && target.errors === 0;
    out(
      `Target p99 < ${TARGET_P99_MS} ms at ${TARGET_RATE} cases/s: ${met ? 'met' : 'NOT met'} (p99 ${ms(target.latency.p99)} ms, ${target.lost} lost)`,
    );
  }
  out(
    `Load average (1 min) at end: ${loadavg()[0]!.toFixed(2)}; warn/error log lines: api ${warnings[0]}, worker ${warnings[1]}`,
  );
  if ([...measured, ...bull, ...pg].some((r) => r.errors > 0 || r.lost > 0)) process.exitCode = 1;
}

main()
  .catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    for (const p of processes)
      process.stderr.write(`--- output of pid ${p.pid}:\n${p.output.slice(-4000)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    agent.destroy();
    process.exit();
  });
