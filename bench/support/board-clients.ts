// A child process of bench/board.bench.ts that holds a share of the board's socket.io clients and records when
// each of them receives each `case.changed`. It is started with fork() and driven over IPC (advanced
// serialization, so receive times come back as one Float64Array); it never prints on its own.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { nowMs, sleep } from './open-loop';

export type ClientCommand =
  | { type: 'connect'; url: string; token: string | null; count: number; batch: number; timeoutMs: number }
  /** Record events whose `seq` is firstSeq … firstSeq + changes − 1, one slot per (client, change). */
  | { type: 'track'; firstSeq: number; changes: number }
  /** Record the first event per case id and client (changes the bench cannot number in advance). */
  | { type: 'track-ids' }
  | { type: 'progress' }
  | { type: 'collect' }
  | { type: 'disconnect' };

export type ClientReply =
  | { type: 'ready' }
  | { type: 'connected'; connected: number; failed: number; errors: string[]; seconds: number }
  | { type: 'tracking' }
  | { type: 'progress'; received: number }
  | {
      type: 'collected';
      clients: number;
      /** Receive time (epoch ms) of change i on client c at [c × changes + i]; NaN when it never came. */
      received: Float64Array;
      byId: Array<[string, Float64Array]>;
      duplicates: number;
      stray: number;
      disconnects: number;
      /** Event-loop delay of this process while tracking (ms): a saturated client shows here. */
      loopP50: number;
      loopP99: number;
      loopMax: number;
    }
  | { type: 'disconnected' };

interface ChangedEvent {
  id: string;
  seq: string;
}

const sockets: Socket[] = [];
let mode: 'none' | 'seq' | 'ids' = 'none';
let firstSeq = 0;
let changes = 0;
let received = new Float64Array(0);
let byId = new Map<string, Float64Array>();
let count = 0;
let duplicates = 0;
let stray = 0;
let disconnects = 0;
const loop = monitorEventLoopDelay({ resolution: 10 });

const reply = (message: ClientReply): void => void process.send!(message);

function onChanged(client: number, event: ChangedEvent): void {
  const at = nowMs();
  if (mode === 'seq') {
    const i = Number(event.seq) - firstSeq;
    if (!(i >= 0 && i < changes)) {
      stray++;
      return;
    }
    const slot = client * changes + i;
    if (Number.isNaN(received[slot]!)) {
      received[slot] = at;
      count++;
    } else duplicates++;
  } else if (mode === 'ids') {
    let times = byId.get(event.id);
    if (!times) byId.set(event.id, (times = new Float64Array(sockets.length).fill(NaN)));
    if (Number.isNaN(times[client]!)) {
      times[client] = at;
      count++;
    } else duplicates++;
  }
}

function connectOne(url: string, token: string | null, timeoutMs: number): Promise<Socket> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    // A socket that drops must show as lost messages, not come back quietly.
    reconnection: false,
    timeout: timeoutMs,
    auth: token ? { token } : {},
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

async function connect(command: Extract<ClientCommand, { type: 'connect' }>): Promise<void> {
  const started = nowMs();
  const errors = new Set<string>();
  let failed = 0;
  // In batches, so the server meets a steady trickle of handshakes instead of thousands at once.
  for (let done = 0; done < command.count; done += command.batch) {
    const batch = Math.min(command.batch, command.count - done);
    const results = await Promise.allSettled(
      Array.from({ length: batch }, () => connectOne(command.url, command.token, command.timeoutMs)),
    );
    for (const result of results) {
      if (result.status === 'rejected') {
        failed++;
        errors.add((result.reason as Error).message);
        continue;
      }
      const socket = result.value;
      const client = sockets.length;
      sockets.push(socket);
      socket.on('case.changed', (event: ChangedEvent | ChangedEvent[]) => {
        // An array when the bench batches changes (BENCH_BATCH); the product sends one change per event.
        if (Array.isArray(event)) for (const one of event) onChanged(client, one);
        else onChanged(client, event);
      });
      socket.on('disconnect', () => disconnects++);
    }
  }
  reply({
    type: 'connected',
    connected: sockets.length,
    failed,
    errors: [...errors].slice(0, 5),
    seconds: (nowMs() - started) / 1000,
  });
}

async function disconnect(): Promise<void> {
  mode = 'none';
  for (const socket of sockets.splice(0)) {
    socket.removeAllListeners();
    socket.disconnect();
  }
  disconnects = 0;
  // Let the close frames go out before the next pipeline connects.
  await sleep(200);
  reply({ type: 'disconnected' });
}

process.on('message', (command: ClientCommand) => {
  switch (command.type) {
    case 'connect':
      void connect(command);
      break;
    case 'track':
    case 'track-ids':
      mode = command.type === 'track' ? 'seq' : 'ids';
      firstSeq = command.type === 'track' ? command.firstSeq : 0;
      changes = command.type === 'track' ? command.changes : 0;
      received = new Float64Array(sockets.length * changes).fill(NaN);
      byId = new Map();
      count = duplicates = stray = 0;
      loop.reset();
      loop.enable();
      reply({ type: 'tracking' });
      break;
    case 'progress':
      reply({ type: 'progress', received: count });
      break;
    case 'collect':
      loop.disable();
      mode = 'none';
      reply({
        type: 'collected',
        clients: sockets.length,
        received,
        byId: [...byId],
        duplicates,
        stray,
        disconnects,
        loopP50: loop.percentile(50) / 1e6,
        loopP99: loop.percentile(99) / 1e6,
        loopMax: loop.max / 1e6,
      });
      break;
    case 'disconnect':
      void disconnect();
      break;
  }
});
process.on('disconnect', () => process.exit(0));
// A normal exit, so a --cpu-prof given through BENCH_FORK_NODE_ARGS is written.
process.on('SIGTERM', () => process.exit(0));
reply({ type: 'ready' });
