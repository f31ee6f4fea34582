// The live board under load: 2,000 socket.io board clients of one dispatcher, and `case.changed` pushed at
// 50 changes/s the way the worker pushes it after every change (a BoardPublisher on the Redis streams adapter) →
// the built api process → every client. Delivery latency per (change, client) and lost deliveries. Baselines
// from the same run, with the same clients, payload and rate: a bare socket.io server broadcasting to all, and
// the same bare server behind the Redis streams adapter. Then, smaller, real reports through the HTTP API,
// routed by the worker, seen on every board client.
// Run: npm run bench:board (builds the server first; figures go to docs/benchmarks.md).
import 'reflect-metadata';
import {
  benchRun,
  fmt,
  freePort,
  login,
  num,
  out,
  ratio,
  say,
  SERVER_NODE_OPTIONS,
} from './support/bench-run';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { Server } from 'socket.io';
import type { CaseEntity } from '../libs/cases/src/entities/case.entity';
import { caseChangedEvent, roomsOf } from '../libs/cases/src/case-events';
import { validateEnv } from '../libs/config/src/env.validation';
import { BoardPublisher } from '../libs/realtime/src/board-publisher';
import type { CaseChangedEvent } from '../libs/realtime/src/board-events';
import { createStreamsAdapter } from '../libs/realtime/src/redis-streams';
import type { AppProcess } from '../test/support/app-process';
import { centreOf, demoCity, unitGrid } from '../test/support/demo-city-points';
import type { BareServerCommand, BareServerReply } from './support/bare-io-server';
import type { ClientCommand, ClientReply } from './support/board-clients';
import {
  CpuMeter,
  ms,
  type CpuGroups,
  nowMs,
  openLoop,
  percentile,
  pidsNamed,
  sleep,
  type OpenLoopResult,
  type Summary,
} from './support/open-loop';

// ---------------------------------------------------------------------------------------------------------------
// Settings (environment overrides for investigation runs; the defaults are the documented run).
const CLIENTS = num('BENCH_CLIENTS', 2000);
/** Child processes holding the clients, each an equal share. */
const CLIENT_PROCS = num('BENCH_CLIENT_PROCS', 2);
const RATE = num('BENCH_RATE', 50);
const PHASE_SECONDS = num('BENCH_PHASE_SECONDS', 10);
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 3);
/** Investigation only: changes per emitted event (an array when > 1), emitted at RATE / BATCH per second. */
const BATCH = Math.max(1, Math.round(num('BENCH_BATCH', 1)));
/** Handshakes in flight at once per client process while connecting. */
const CONNECT_BATCH = num('BENCH_CONNECT_BATCH', 50);
const CONNECT_TIMEOUT_MS = 20_000;
/** Real reports through the HTTP API, routed by the worker, seen on every board client. */
const HTTP_RATE = num('BENCH_HTTP_RATE', 10);
const HTTP_SECONDS = num('BENCH_HTTP_SECONDS', 10);
/** A delivery later than this after its send counts as lost. */
const LOST_MS = 5000;
const REQUEST_TIMEOUT_MS = 10_000;
const TARGET_P99_MS = 200;
const SKIP_BASELINES = process.env.BENCH_SKIP_BASELINES === '1';
/** The api's write window (the app's own variable, passed through); the bare server gets the same in a baseline. */
const WRITE_WINDOW_MS = num('BOARD_WRITE_WINDOW_MS', 50);
const SKIP_HTTP = process.env.BENCH_SKIP_HTTP === '1';
/** Investigation only: extra node flags for the forked processes (clients, bare servers), e.g. `--cpu-prof`. */
const FORK_NODE_ARGS = (process.env.BENCH_FORK_NODE_ARGS ?? '').split(' ').filter(Boolean);
/**
 * The client processes allocate fast (a parsed event per delivery); a young generation of 64 MB instead of
 * V8's default cuts their CPU per delivery by about a seventh. They stand in for browsers on other machines,
 * so their own garbage collection is the harness's cost, not the product's. `BENCH_CLIENT_NODE_ARGS` replaces it.
 */
const CLIENT_NODE_ARGS = (process.env.BENCH_CLIENT_NODE_ARGS ?? '--max-semi-space-size=64')
  .split(' ')
  .filter(Boolean);

const {
  REDIS_URL,
  ADMIN_URL,
  SCOPE,
  processes,
  cleanUp,
  prepareDatabase,
  children,
  appEnv,
  startApp,
  apiReady,
  workerReady,
  loggedWarnings,
} = benchRun('board');

// ---------------------------------------------------------------------------------------------------------------
// Machine
/** The soft and hard limit on open files (`ulimit -n`), as /proc prints them; '?' where unknown. */
function openFilesLimit(): [soft: string, hard: string] {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = line?.split(/\s{2,}/).slice(1, 3) ?? [];
    return [soft ?? '?', hard ?? '?'];
  } catch {
    return ['?', '?'];
  }
}

async function machine(): Promise<string[]> {
  const pg = new Client({ connectionString: ADMIN_URL });
  await pg.connect();
  const { rows } = await pg.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  await pg.end();
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  const cores = cpus();
  const version = (name: string) =>
    (JSON.parse(readFileSync(join('node_modules', name, 'package.json'), 'utf8')) as { version: string })
      .version;
  return [
    `CPU: ${cores[0]?.model ?? '?'} × ${cores.length}${cores[0]?.speed ? ` (${cores[0].speed} MHz)` : ''}`,
    `Memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB; open files per process (ulimit -n): ${openFilesLimit()[0]} (hard ${openFilesLimit()[1]})`,
    `Node ${process.version}, socket.io ${version('socket.io')}, socket.io-client ${version('socket.io-client')}, ` +
      `@socket.io/redis-streams-adapter ${version('@socket.io/redis-streams-adapter')}, PostgreSQL ${rows[0]!.v}, ` +
      `Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'}`,
    `Load average (1 min) at start: ${loadavg()[0]!.toFixed(2)}`,
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Child processes driven over IPC
class Child<Command, Reply extends { type: string }> {
  private readonly inbox: Reply[] = [];
  private readonly waiters: Array<{ type: string; resolve: (reply: Reply) => void }> = [];

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    children.push(process);
    process.on('message', (reply: Reply) => {
      const i = this.waiters.findIndex((w) => w.type === reply.type);
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(reply);
      else this.inbox.push(reply);
    });
  }

  static fork<C, R extends { type: string }>(
    name: string,
    script: string,
    env: Record<string, string> = {},
    nodeArgs: string[] = [],
  ): Child<C, R> {
    return new Child<C, R>(
      name,
      fork(join(__dirname, 'support', script), [], {
        execArgv: ['-r', '@swc-node/register', ...nodeArgs, ...FORK_NODE_ARGS],
        env: { ...process.env, ...env },
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
  }

  get pid(): number {
    return this.process.pid!;
  }

  send(command: Command): void {
    this.process.send(command as object);
  }

  next<T extends Reply['type']>(type: T, timeoutMs = 60_000): Promise<Extract<Reply, { type: T }>> {
    const i = this.inbox.findIndex((r) => r.type === type);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0] as Extract<Reply, { type: T }>);
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.process.off('exit', exited);
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
      };
      const waiter = {
        type,
        resolve: (reply: Reply) => {
          done();
          resolve(reply as Extract<Reply, { type: T }>);
        },
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.name}: no ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      const exited = () => {
        done();
        reject(new Error(`${this.name} exited while waiting for ${type}`));
      };
      this.process.once('exit', exited);
      this.waiters.push(waiter);
    });
  }

  ask<T extends Reply['type']>(
    command: Command,
    type: T,
    timeoutMs?: number,
  ): Promise<Extract<Reply, { type: T }>> {
    const reply = this.next(type, timeoutMs);
    this.send(command);
    return reply;
  }
}

type Clients = Array<Child<ClientCommand, ClientReply>>;
const all = <T>(clients: Clients, f: (c: Clients[number], i: number) => Promise<T>): Promise<T[]> =>
  Promise.all(clients.map(f));

async function connectClients(
  clients: Clients,
  url: string,
  token: string | null,
): Promise<{ seconds: number }> {
  const started = nowMs();
  const share = (i: number) => Math.floor(CLIENTS / clients.length) + (i < CLIENTS % clients.length ? 1 : 0);
  const results = await all(clients, (c, i) =>
    c.ask(
      {
        type: 'connect',
        url,
        token,
        count: share(i),
        batch: CONNECT_BATCH,
        timeoutMs: CONNECT_TIMEOUT_MS,
      },
      'connected',
      300_000,
    ),
  );
  const connected = results.reduce((a, r) => a + r.connected, 0);
  if (connected < CLIENTS) {
    const errors = [...new Set(results.flatMap((r) => r.errors))].join('; ');
    throw new Error(`only ${connected} of ${CLIENTS} clients connected to ${url}: ${errors}`);
  }
  return { seconds: (nowMs() - started) / 1000 };
}

async function receivedSoFar(clients: Clients): Promise<number> {
  return (await all(clients, (c) => c.ask({ type: 'progress' }, 'progress'))).reduce(
    (a, r) => a + r.received,
    0,
  );
}

/** Until every client has every delivery, or `until` (epoch ms) has passed. */
async function waitForDeliveries(clients: Clients, expected: number, until: number): Promise<void> {
  while (nowMs() < until) {
    if ((await receivedSoFar(clients)) >= expected) return;
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics over millions of deliveries: typed arrays, sorted numerically in place.
function summarizeTyped(values: Float64Array): Summary {
  const sorted = values.sort();
  const q = (p: number) => percentile(sorted as unknown as number[], p);
  return { n: sorted.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

interface FanOutResult {
  label: string;
  changes: number;
  deliveries: number;
  /** Deliveries that came at all, late ones included. */
  received: number;
  lost: number;
  duplicates: number;
  disconnects: number;
  latency: Summary;
  /** Per change: the first client's latency, and the time from the first client's receipt to the last's. */
  first: Summary;
  spread: Summary;
  /** Median over changes of the mean latency per change, first and last fifth of the phase. */
  trend: [number, number];
  connectSeconds: number;
  load: OpenLoopResult;
  cpu: ReturnType<CpuMeter['stop']>;
  /** Event-loop delay p99 / max (ms) of each client process. */
  clientLoops: Array<[number, number]>;
  errors?: number;
}

/** Latency per (change, client) from receive times laid out [client × changes + change], by each change's send time. */
function analyze(
  sent: Float64Array,
  collected: Array<Extract<ClientReply, { type: 'collected' }>>,
): Pick<FanOutResult, 'deliveries' | 'received' | 'lost' | 'latency' | 'first' | 'spread' | 'trend'> {
  const changes = sent.length;
  const clients = collected.reduce((a, c) => a + c.clients, 0);
  const latencies = new Float64Array(changes * clients);
  const firstAt = new Float64Array(changes).fill(Infinity);
  const lastAt = new Float64Array(changes).fill(-Infinity);
  const sum = new Float64Array(changes);
  const got = new Uint32Array(changes);
  let k = 0;
  let received = 0;
  for (const part of collected) {
    for (let c = 0; c < part.clients; c++) {
      for (let i = 0; i < changes; i++) {
        const at = part.received[c * changes + i]!;
        if (!Number.isNaN(at)) received++;
        const latency = at - sent[i]!;
        // NaN (never came) fails this test too.
        if (!(latency <= LOST_MS)) continue;
        latencies[k++] = latency;
        if (at < firstAt[i]!) firstAt[i] = at;
        if (at > lastAt[i]!) lastAt[i] = at;
        sum[i] += latency;
        got[i]++;
      }
    }
  }
  const reached = [...got.keys()].filter((i) => got[i]! > 0);
  const fifth = Math.max(1, Math.floor(changes / 5));
  const meanOf = (i: number) => sum[i]! / got[i]!;
  const median = (ids: number[]) => summarizeTyped(Float64Array.from(ids.map(meanOf))).p50;
  return {
    deliveries: changes * clients,
    received,
    lost: changes * clients - k,
    latency: summarizeTyped(latencies.subarray(0, k)),
    first: summarizeTyped(Float64Array.from(reached.map((i) => firstAt[i]! - sent[i]!))),
    spread: summarizeTyped(Float64Array.from(reached.map((i) => lastAt[i]! - firstAt[i]!))),
    trend: [median(reached.filter((i) => i < fifth)), median(reached.filter((i) => i >= changes - fifth))],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The change: a case as the worker would announce it after routing, in a real grid of the demo city.
function changeFactory(): { rooms: string[]; event: (seq: number, at: number) => CaseChangedEvent } {
  const grid = demoCity.responsibilityGrids[0]!;
  const unit = unitGrid(grid.unitGridCodes[0]!);
  const ring = (unit.geometry.coordinates as number[][][])[0]!;
  const entity = {
    id: randomUUID(),
    number: '202611210001',
    version: 1,
    changeSeq: '1',
    status: 'DISPATCHED',
    stepWarnAt: new Date(Date.now() + 3600_000),
    stepDeadline: new Date(Date.now() + 2 * 3600_000),
    unitGridCode: unit.code,
    responsibilityGridCode: grid.code,
    streetCode: unit.code.slice(0, 9),
    departmentId: randomUUID(),
    ownerId: randomUUID(),
    reporterId: randomUUID(),
    matterKind: 'event',
    matterCode: '06010',
    lng: ring[0]![0]!,
    lat: ring[0]![1]!,
  } as unknown as CaseEntity;
  return {
    rooms: roomsOf(entity),
    event: (seq, at) =>
      caseChangedEvent({ ...entity, version: seq, changeSeq: String(seq) } as CaseEntity, new Date(at)),
  };
}

interface Pipeline {
  label: string;
  url: string;
  token: string | null;
  /** One change, as the product sends it; or, with BENCH_BATCH > 1, an array of changes in one event. */
  emit: (rooms: string[], event: CaseChangedEvent | CaseChangedEvent[]) => void;
  /** The process that holds the clients' sockets. */
  server: () => number[];
}

/** The processes whose CPU each phase measures: every process of the run, so the rest of the machine shows too. */
const cpuGroups = (clients: Clients, server: () => number[], worker?: () => number[]): CpuGroups => ({
  server,
  ...(worker ? { worker } : {}),
  clients: () => clients.map((c) => c.pid),
  'bench (sender)': () => [process.pid],
  redis: () => pidsNamed('redis-server'),
  postgres: () => pidsNamed('postgres'),
});

let seq = 1_000_000;

async function fanOut(clients: Clients, pipeline: Pipeline): Promise<FanOutResult> {
  const change = changeFactory();
  say(`${pipeline.label}: connecting ${fmt(CLIENTS)} clients`);
  const { seconds: connectSeconds } = await connectClients(clients, pipeline.url, pipeline.token);
  say(`${pipeline.label}: connected in ${connectSeconds.toFixed(1)} s`);
  await sleep(1000);
  const phase = async (rate: number, seconds: number, meter?: CpuMeter) => {
    const changes = Math.max(1, Math.round(rate * seconds));
    const firstSeq = seq;
    seq += changes;
    await all(clients, (c) => c.ask({ type: 'track', firstSeq, changes }, 'tracking'));
    const sent = new Float64Array(changes);
    meter?.start();
    // With BENCH_BATCH = n, each emit carries the n changes due since the last one, each timed from its own due time.
    const load = await openLoop(rate / BATCH, seconds, async (e, scheduled) => {
      const events: CaseChangedEvent[] = [];
      for (let i = e * BATCH; i < Math.min(changes, (e + 1) * BATCH); i++) {
        sent[i] = scheduled - ((e + 1) * BATCH - 1 - i) * (1000 / rate);
        events.push(change.event(firstSeq + i, sent[i]));
      }
      pipeline.emit(change.rooms, BATCH === 1 ? events[0]! : events);
    });
    await waitForDeliveries(clients, changes * CLIENTS, load.last + LOST_MS + 200);
    const cpu = meter?.stop();
    const collected = await all(clients, (c) => c.ask({ type: 'collect' }, 'collected'));
    return { sent, load, cpu, collected };
  };
  say(`${pipeline.label}: warm-up, ${WARMUP_SECONDS} s at ${RATE}/s`);
  await phase(RATE, WARMUP_SECONDS);
  say(`${pipeline.label}: ${PHASE_SECONDS} s at ${RATE}/s`);
  const meter = new CpuMeter(cpuGroups(clients, pipeline.server));
  const { sent, load, cpu, collected } = await phase(RATE, PHASE_SECONDS, meter);
  await all(clients, (c) => c.ask({ type: 'disconnect' }, 'disconnected'));
  return {
    label: pipeline.label,
    changes: sent.length,
    ...analyze(sent, collected),
    duplicates: collected.reduce((a, c) => a + c.duplicates, 0),
    disconnects: collected.reduce((a, c) => a + c.disconnects, 0),
    connectSeconds,
    load,
    cpu: cpu!,
    clientLoops: collected.map((c) => [c.loopP99, c.loopMax]),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Baselines: a bare socket.io server in its own process, alone and behind the Redis streams adapter.
async function bareServer({
  prefix,
  writeWindowMs = 0,
}: { prefix?: string; writeWindowMs?: number } = {}): Promise<{
  url: string;
  child: Child<BareServerCommand, BareServerReply>;
}> {
  const port = await freePort();
  const child = Child.fork<BareServerCommand, BareServerReply>('bare socket.io server', 'bare-io-server.ts', {
    BARE_IO_PORT: String(port),
    BARE_IO_WRITE_WINDOW_MS: String(writeWindowMs),
    REDIS_URL,
    ...SERVER_NODE_OPTIONS,
    ...(prefix ? { BARE_IO_PREFIX: prefix } : {}),
  });
  await child.next('listening');
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stopBareServer(child: Child<BareServerCommand, BareServerReply>): Promise<void> {
  child.send({ type: 'close' });
  await new Promise((resolve) =>
    child.process.exitCode !== null ? resolve(null) : child.process.once('exit', resolve),
  );
}

async function bare(clients: Clients, writeWindowMs = 0): Promise<FanOutResult> {
  const { url, child } = await bareServer({ writeWindowMs });
  try {
    return await fanOut(clients, {
      label: writeWindowMs ? `bare socket.io + ${writeWindowMs} ms write window` : 'bare socket.io',
      url,
      token: null,
      // The bench tells the server what to broadcast; the IPC hop is part of this pipeline's latency.
      emit: (_rooms, event) => child.send({ type: 'emit', payload: event }),
      server: () => [child.pid],
    });
  } finally {
    await stopBareServer(child);
  }
}

async function bareWithAdapter(clients: Clients): Promise<FanOutResult> {
  const prefix = `${SCOPE}_bare`;
  const { url, child } = await bareServer({ prefix });
  // A publisher like BoardPublisher: a socket.io Server with no listener on the same stream, broadcasting to all.
  const { redis, adapter } = createStreamsAdapter(
    validateEnv({ REDIS_URL, REDIS_KEY_PREFIX: prefix }),
    'publisher',
  );
  const publisher = new Server({ adapter });
  try {
    return await fanOut(clients, {
      label: 'bare socket.io + Redis streams adapter',
      url,
      token: null,
      emit: (_rooms, event) => publisher.emit('case.changed', event),
      server: () => [child.pid],
    });
  } finally {
    await publisher.of('/').adapter.close();
    await redis.quit().catch(() => redis.disconnect());
    await stopBareServer(child);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// CityGrid: the built api process, the dispatcher's token, a BoardPublisher in this process.
interface CityGrid {
  url: string;
  token: string;
  api: AppProcess;
  env: Record<string, string>;
}

async function startApi(): Promise<CityGrid> {
  const { url, env } = await appEnv();
  const api = startApp('api', { ...env, ...SERVER_NODE_OPTIONS });
  await apiReady(url);
  // One sign-in; every board client of this run opens its socket with the same access token.
  return { url, token: (await login(url, 'dispatcher')).token, api, env };
}

async function cityGrid(clients: Clients, cg: CityGrid): Promise<FanOutResult> {
  const publisher = new BoardPublisher(validateEnv({ REDIS_URL, REDIS_KEY_PREFIX: SCOPE }));
  try {
    return await fanOut(clients, {
      label: 'CityGrid: BoardPublisher → api → board',
      url: cg.url,
      token: cg.token,
      emit: (rooms, event) => publisher.emit(rooms, 'case.changed', event as CaseChangedEvent),
      server: () => [cg.api.pid],
    });
  } finally {
    await publisher.onApplicationShutdown();
  }
}

/** Real reports (POST /api/v1/cases), routed by the worker, whose `case.changed` every board client must see. */
async function reports(clients: Clients, cg: CityGrid): Promise<FanOutResult> {
  const worker = startApp('worker', cg.env);
  await workerReady();

  const points = demoCity.unitGrids.map((grid) => centreOf(grid.code));
  const { token: reporter } = await login(cg.url, 'acceptor');
  let n = 0;
  const report = async (): Promise<string> => {
    const [lng, lat] = points[(n++ * 37) % points.length]!;
    const response = await fetch(`${cg.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${reporter}` },
      body: JSON.stringify({
        matterKind: 'event',
        matterCode: '06010',
        conditionKey: 'a',
        description: `board bench #${n}: garbage piled up by the kerb`,
        lng,
        lat,
        source: 'hotline',
      }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`${response.status} ${text.slice(0, 200)}`);
    return (JSON.parse(text) as { id: string }).id;
  };

  const label = `CityGrid: report (HTTP) → worker → api → board, ${HTTP_RATE}/s`;
  say(`${label}: connecting ${fmt(CLIENTS)} clients`);
  const { seconds: connectSeconds } = await connectClients(clients, cg.url, cg.token);
  await sleep(1000);
  const phase = async (seconds: number, meter?: CpuMeter) => {
    await all(clients, (c) => c.ask({ type: 'track-ids' }, 'tracking'));
    const sent = new Map<string, number>();
    let errors = 0;
    meter?.start();
    const load = await openLoop(HTTP_RATE, seconds, async (_i, scheduled) => {
      try {
        sent.set(await report(), scheduled);
      } catch (error) {
        if (++errors <= 3) say(`report failed: ${(error as Error).message}`);
      }
    });
    await waitForDeliveries(clients, sent.size * CLIENTS, load.last + LOST_MS + 200);
    const cpu = meter?.stop();
    const collected = await all(clients, (c) => c.ask({ type: 'collect' }, 'collected'));
    return { sent, errors, load, cpu, collected };
  };
  say(`${label}: warm-up, ${WARMUP_SECONDS} s`);
  await phase(WARMUP_SECONDS);
  say(`${label}: ${HTTP_SECONDS} s`);
  const meter = new CpuMeter(
    cpuGroups(
      clients,
      () => [cg.api.pid],
      () => [worker.pid],
    ),
  );
  const { sent, errors, load, cpu, collected } = await phase(HTTP_SECONDS, meter);
  await all(clients, (c) => c.ask({ type: 'disconnect' }, 'disconnected'));
  // The same layout as the publisher phases: one slot per (client, case), cases in send order.
  const ids = [...sent.keys()];
  const laid = collected.map((part) => {
    const times = new Map(part.byId);
    const received = new Float64Array(part.clients * ids.length).fill(NaN);
    ids.forEach((id, i) => {
      const per = times.get(id);
      if (per) for (let c = 0; c < part.clients; c++) received[c * ids.length + i] = per[c]!;
    });
    return { ...part, received };
  });
  return {
    label,
    changes: ids.length,
    ...analyze(Float64Array.from(ids.map((id) => sent.get(id)!)), laid),
    duplicates: collected.reduce((a, c) => a + c.duplicates, 0),
    disconnects: collected.reduce((a, c) => a + c.disconnects, 0),
    connectSeconds,
    load,
    cpu: cpu!,
    clientLoops: collected.map((c) => [c.loopP99, c.loopMax]),
    errors,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Output
function resultRow(r: FanOutResult): string {
  return [
    r.label,
    fmt(r.changes),
    fmt(r.deliveries),
    ms(r.latency.p50),
    ms(r.latency.p95),
    `**${ms(r.latency.p99)}**`,
    ms(r.latency.max),
    `${fmt(r.lost)}${r.errors ? ` (+${r.errors} failed reports)` : ''}`,
    `${ms(r.first.p50)} / ${ms(r.first.p99)}`,
    `${ms(r.spread.p50)} / ${ms(r.spread.p99)}`,
    `${ms(r.trend[0])} → ${ms(r.trend[1])}`,
    `${r.connectSeconds.toFixed(1)} s`,
  ].join(' | ');
}

async function main(): Promise<void> {
  if (!existsSync('dist/apps/api/src/main.js') || !existsSync('dist/apps/worker/src/main.js')) {
    throw new Error('dist/ is missing: run "npm run build:server" first (npm run bench:board does)');
  }
  // The api holds every client's socket: it needs a descriptor for each, and the children inherit this limit.
  const [soft] = openFilesLimit();
  if (Number(soft) < CLIENTS + 200) {
    throw new Error(`ulimit -n is ${soft}: raise it to at least ${CLIENTS + 200} for ${CLIENTS} clients`);
  }
  const started = Date.now();
  const machineLines = await machine();
  say(`database and Redis prefix ${SCOPE}`);
  await prepareDatabase();
  say(`migrated and seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const clients: Clients = Array.from({ length: CLIENT_PROCS }, (_, i) =>
    Child.fork<ClientCommand, ClientReply>(
      `client process ${i + 1}`,
      'board-clients.ts',
      {},
      CLIENT_NODE_ARGS,
    ),
  );
  await all(clients, (c) => c.next('ready'));

  const results: FanOutResult[] = [];
  if (!SKIP_BASELINES) {
    results.push(await bare(clients));
    if (WRITE_WINDOW_MS > 0) results.push(await bare(clients, WRITE_WINDOW_MS));
    results.push(await bareWithAdapter(clients));
  }
  say('starting the api');
  const cg = await startApi();
  const board = await cityGrid(clients, cg);
  results.push(board);
  if (!SKIP_HTTP) results.push(await reports(clients, cg));
  const warnLines = loggedWarnings();

  // -------------------------------------------------------------------------------------------------------------
  out(
    `Board: case.changed to ${fmt(CLIENTS)} board clients at ${RATE} changes/s for ${PHASE_SECONDS} s ` +
      `(clients in ${CLIENT_PROCS} process${CLIENT_PROCS > 1 ? 'es' : ''}, node ${CLIENT_NODE_ARGS.join(' ') || 'defaults'}; ` +
      `the api's write window ${WRITE_WINDOW_MS} ms` +
      `${BATCH > 1 ? `; investigation: ${BATCH} changes per event, ${RATE / BATCH} events/s` : ''})`,
  );
  machineLines.forEach((line) => out(line));
  out(
    `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  out();
  out(
    '| Pipeline | Changes | Deliveries | p50 ms | p95 ms | p99 ms | max ms | lost | first client p50 / p99 ms | first → last client p50 / p99 ms | p50 first → last fifth | connect |',
  );
  out('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const r of results) out(`| ${resultRow(r)} |`);
  out();
  const [plain, windowed, adapted] = SKIP_BASELINES
    ? []
    : WRITE_WINDOW_MS > 0
      ? results
      : [results[0], undefined, results[1]];
  if (plain && adapted) {
    out('| Ratio (p99 / p99) | value | p50 / p50 |');
    out('| --- | ---: | ---: |');
    out(
      `| CityGrid / bare socket.io | ${ratio(board.latency.p99, plain.latency.p99)} | ${ratio(board.latency.p50, plain.latency.p50)} |`,
    );
    if (windowed) {
      out(
        `| CityGrid / bare + write window | ${ratio(board.latency.p99, windowed.latency.p99)} | ${ratio(board.latency.p50, windowed.latency.p50)} |`,
      );
    }
    out(
      `| CityGrid / bare + streams adapter | ${ratio(board.latency.p99, adapted.latency.p99)} | ${ratio(board.latency.p50, adapted.latency.p50)} |`,
    );
    out(
      `| bare + streams adapter / bare socket.io | ${ratio(adapted.latency.p99, plain.latency.p99)} | ${ratio(adapted.latency.p50, plain.latency.p50)} |`,
    );
    out();
  }
  const groups = [...new Set(results.flatMap((r) => Object.keys(r.cpu.cores)))];
  out(
    `CPU from the first send until every delivery came or timed out (cores; 1.0 = one core busy), per delivery that came, and the client processes' event-loop delay:`,
  );
  out();
  out(`| | ${results.map((r) => r.label).join(' | ')} |`);
  out(`| --- | ${results.map(() => '---:').join(' | ')} |`);
  for (const group of groups) {
    out(
      `| ${group} | ${results.map((r) => (r.cpu.cores[group] === undefined ? '–' : r.cpu.cores[group]!.toFixed(2))).join(' | ')} |`,
    );
  }
  out(
    `| server CPU µs per delivery | ${results.map((r) => ms(((r.cpu.cores['server'] ?? NaN) * r.cpu.seconds * 1e6) / Math.max(1, r.received))).join(' | ')} |`,
  );
  out(
    `| clients CPU µs per delivery | ${results.map((r) => ms(((r.cpu.cores['clients'] ?? NaN) * r.cpu.seconds * 1e6) / Math.max(1, r.received))).join(' | ')} |`,
  );
  // What the machine's busy share leaves after this run's own processes: other work sharing the machine.
  const cores = cpus().length;
  out(
    `| other processes on the machine | ${results.map((r) => Math.max(0, r.cpu.busy * cores - Object.values(r.cpu.cores).reduce((a, b) => a + b, 0)).toFixed(2)).join(' | ')} |`,
  );
  out(
    `| machine busy / stolen | ${results.map((r) => `${(r.cpu.busy * 100).toFixed(0)} % / ${(r.cpu.steal * 100).toFixed(0)} %`).join(' | ')} |`,
  );
  out(
    `| client event-loop delay p99 / max ms (per process) | ${results.map((r) => r.clientLoops.map(([p99, max]) => `${ms(p99)} / ${ms(max)}`).join(', ')).join(' | ')} |`,
  );
  out(`| sender lag p99 ms | ${results.map((r) => ms(r.load.lagP99)).join(' | ')} |`);
  out(
    `| duplicates / disconnects | ${results.map((r) => `${r.duplicates} / ${r.disconnects}`).join(' | ')} |`,
  );
  out();
  const met = board.latency.p99 < TARGET_P99_MS && board.lost === 0;
  out(
    `Target p99 < ${TARGET_P99_MS} ms and nothing lost, ${fmt(CLIENTS)} clients at ${RATE} changes/s: ` +
      `${met ? 'met' : 'NOT met'} (p99 ${ms(board.latency.p99)} ms, ${fmt(board.lost)} lost of ${fmt(board.deliveries)})`,
  );
  out(
    `Load average (1 min) at end: ${loadavg()[0]!.toFixed(2)}; warn/error log lines: ${processes
      .map((p, i) => `${i === 0 ? 'api' : 'worker'} ${warnLines[i]!.length}`)
      .join(', ')}`,
  );
  if (results.some((r) => r.lost > 0 || (r.errors ?? 0) > 0)) process.exitCode = 1;
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
    process.exit();
  });
