// Issue 7, point 3: the live board across processes (DESIGN.md §2, §7). Two api processes and one worker run as
// child processes from the build, as in production, on one PostgreSQL and one Redis: a client on either api gets
// each change exactly once, only in its rooms; a client that was away catches up through board.sync.
import { CaseStatus, type CaseDetailDto } from '@citygrid/cases';
import type {
  BoardClientEventMap,
  BoardEventMap,
  BoardSyncResult,
  CaseChangedEvent,
} from '@citygrid/realtime';
import { connectBoardSocket, type BoardSocket } from '@citygrid/testing';
import type { Socket } from 'socket.io-client';
import type { BoardSnapshot } from '@citygrid/board';
import { ApiClient, signIn } from '../support/api-client';
import { AppProcess, type AppEntry } from '../support/app-process';
import { act, report } from '../support/cases';
import { centreOf, demoCity } from '../support/demo-city-points';
import { pollUntil } from '../support/poll-until';

/** A desk's call (no photo needed): routing gives it an owner (the grid's manager) and stops there. */
const CALL = { matterKind: 'event', matterCode: '06010', conditionKey: 'a', source: 'hotline' };
/** The outbox relay sends routing jobs within 200 ms. */
const FAST = { OUTBOX_POLL_MS: '200', LOG_LEVEL: 'info' };

const gridOf = (manager: string) => {
  const grid = demoCity.responsibilityGrids.find((g) => g.manager === manager);
  if (!grid) throw new Error(`${manager} manages no demo grid`);
  return { code: grid.code, point: centreOf(grid.unitGridCodes[0]) };
};
/** gm-1 and gm-2 manage two neighbouring responsibility grids of one community. */
const GRIDS = { 'gm-1': gridOf('gm-1'), 'gm-2': gridOf('gm-2') };
type Manager = keyof typeof GRIDS;

const FINAL: string[] = [CaseStatus.Closed, CaseStatus.Cancelled];

/** A change the test made, and so expects on the board: a case at a version, in a responsibility grid. */
interface Change {
  id: string;
  version: number;
  gridCode: string;
}

/** A change that took the case out of the client's rooms (none in these scenarios) takes it off its board. */
const left = (event: CaseChangedEvent) => 'left' in event && event.left === true;

const keyOf = (change: Pick<Change, 'id' | 'version'>) => `${change.id}@${change.version}`;

/** A board client as docs/board.md describes one: highest version per case wins, final cases drop out. */
class BoardState {
  private readonly latest = new Map<string, CaseChangedEvent>();
  seq = 0n;

  apply(event: CaseChangedEvent): void {
    const known = this.latest.get(event.id);
    if (!known || event.version > known.version) this.latest.set(event.id, event);
  }

  /** The cursor comes from the snapshot and from board.sync only: an event's seq just orders events. */
  load(snapshot: Pick<BoardSnapshot, 'seq' | 'cases'>): void {
    snapshot.cases.forEach((event) => this.apply(event));
    this.seq = BigInt(snapshot.seq);
  }

  /** What the board shows: id → {version, status, light} of the open cases. */
  view(): Record<string, { version: number; status: string; light: string }> {
    return Object.fromEntries(
      [...this.latest.values()]
        .filter((event) => !FINAL.includes(event.status) && !left(event))
        .sort((a, b) => a.id.localeCompare(b.id))
        .map(({ id, version, status, light }) => [id, { version, status, light }]),
    );
  }
}

/** A socket and every `case.changed` it received, in order. */
interface Watcher {
  name: string;
  socket: BoardSocket;
  events: CaseChangedEvent[];
  /** The responsibility grids whose cases it may see; null for the whole city. */
  grids: string[] | null;
}

const sees = (watcher: Watcher, change: Pick<Change, 'gridCode'>) =>
  watcher.grids === null || watcher.grids.includes(change.gridCode);

/** An answer the server sends on `socket` after anything it wrote to that socket before reading the request. */
function roundTrip(socket: BoardSocket): Promise<unknown> {
  const client = socket as unknown as Socket<BoardEventMap, BoardClientEventMap>;
  return new Promise((resolve, reject) =>
    client
      .timeout(5000)
      .emit('board.counts', {}, (error, counts) => (error ? reject(error) : resolve(counts))),
  );
}

function boardSync(socket: BoardSocket, sinceVersion: string): Promise<BoardSyncResult> {
  const client = socket as unknown as Socket<BoardEventMap, BoardClientEventMap>;
  return new Promise((resolve, reject) =>
    client
      .timeout(5000)
      .emit('board.sync', { sinceVersion }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

describe('live board on two api processes and a worker', () => {
  const children: AppProcess[] = [];
  const watchers: Watcher[] = [];
  /** Every change the test made so far; the always-connected sockets must each get their share once. */
  const changes: Change[] = [];
  let urls: { A: string; B: string };
  /** The acceptor, a grid manager each, on either api (one sign-in each: a token works on every process). */
  let acceptor: Record<'A' | 'B', ApiClient>;
  let managers: Record<Manager, Record<'A' | 'B', ApiClient>>;
  let dispatcher: ApiClient;
  /** The dispatcher on api A, connected before the first change: a snapshot, then live events. */
  const steady = new BoardState();
  let steadyWatcher: Watcher;
  /** Routed calls nobody acted on in the first test (still reported, nothing pending). */
  const untouched: Array<{ seen: CaseDetailDto; gridCode: string; manager: Manager }> = [];

  const start = (entry: AppEntry, env: Record<string, string> = {}): AppProcess => {
    const child = new AppProcess(entry, { ...FAST, ...env });
    children.push(child);
    return child;
  };

  const startApi = async (): Promise<string> => {
    const api = start('api', { PORT: '0', HOST: '127.0.0.1' });
    const [, url] = await api.waitFor(/CityGrid api listening on (http:\/\/[\d.:]+)/);
    return url;
  };

  /** The children's last words, to explain a condition that never held. */
  const explain = (error: Error): never => {
    const tails = children.map((child) => `--- pid ${child.pid}:\n${child.output.slice(-3000)}`).join('\n');
    throw new Error(`${error.message}\n${tails}`);
  };

  const watch = async (name: string, url: string, client: ApiClient, grids: string[] | null) => {
    const watcher: Watcher = { name, socket: await connectBoardSocket(url, client.token), events: [], grids };
    watcher.socket.on('case.changed', (event) => watcher.events.push(event));
    watchers.push(watcher);
    return watcher;
  };

  const signInOnBoth = async (username: string): Promise<Record<'A' | 'B', ApiClient>> => {
    const client = await signIn(urls.A, username);
    return { A: client, B: new ApiClient(urls.B, client.token) };
  };

  /** Resolves once the steady dispatcher has seen every one of `expected`. */
  const steadySaw = (expected: Change[], what: string) => {
    const keys = () => new Set(steadyWatcher.events.map(keyOf));
    return pollUntil(() => expected.every((change) => keys().has(keyOf(change))), {
      timeoutMs: 15_000,
      what,
    }).catch((error: Error) => {
      // Which sockets got which versions of the cases still missing.
      const missing = expected.filter((change) => !keys().has(keyOf(change)));
      const got = missing.map((change) =>
        watchers
          .map((w) => `${w.name}: ${w.events.filter((e) => e.id === change.id).map((e) => e.version)}`)
          .join('; '),
      );
      error.message += missing.map((change, i) => `\n  ${keyOf(change)} missing (${got[i]})`).join('');
      return explain(error);
    });
  };

  /** A hotline call in a manager's grid, taken on one api; resolves with the case once routed, on the board. */
  const call = async (manager: Manager, on: 'A' | 'B'): Promise<CaseDetailDto> => {
    const { code, point } = GRIDS[manager];
    const response = await report(acceptor[on], point, CALL);
    if (response.status !== 201)
      throw new Error(`report: ${response.status} ${JSON.stringify(response.body)}`);
    // Routing is the case's next change (or, the worker being quick, already done when the answer was read):
    // the worker makes it its manager's and tells the board.
    const { id, version, routedAt } = response.body;
    const routed: Change = { id, version: routedAt ? version : version + 1, gridCode: code };
    changes.push(routed);
    await steadySaw([routed], `case ${response.body.number} routed`);
    const event = steadyWatcher.events.find((e) => keyOf(e) === keyOf(routed))!;
    expect(event).toMatchObject({ status: CaseStatus.Reported, gridCode: code });
    expect(event.ownerId).not.toBeNull();
    return { ...response.body, version: routed.version };
  };

  /** An action taken on one api by `client`; the change it makes is expected on the board. */
  const take = async (
    client: ApiClient,
    seen: CaseDetailDto,
    action: string,
    gridCode: string,
    fields: Record<string, unknown> = {},
  ): Promise<CaseDetailDto> => {
    const response = await act(client, seen, action, fields);
    if (response.status !== 200)
      throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
    changes.push({ id: seen.id, version: response.body.version, gridCode });
    return response.body;
  };

  /**
   * Makes a last change in each grid, waits until every socket has its own, then asks each socket a question:
   * the answer comes after anything its api sent it before, so nothing more can be on its way.
   */
  const settle = async () => {
    const markers = await Promise.all([call('gm-1', 'B'), call('gm-2', 'A')]);
    const expected = markers.map((marker) => changes.find((change) => change.id === marker.id)!);
    await pollUntil(
      () =>
        watchers.every((watcher) =>
          expected
            .filter((change) => sees(watcher, change))
            .every((change) => watcher.events.some((event) => keyOf(event) === keyOf(change))),
        ),
      { timeoutMs: 10_000, what: 'the last changes on every socket' },
    ).catch(explain);
    await Promise.all(watchers.map((watcher) => roundTrip(watcher.socket)));
  };

  beforeAll(async () => {
    const [A, B] = await Promise.all([
      startApi(),
      startApi(),
      start('worker').waitFor(/CityGrid worker ready/, 30_000),
    ]).catch(explain);
    urls = { A, B };
    [acceptor, managers, dispatcher] = await Promise.all([
      signInOnBoth('acceptor'),
      Promise.all([signInOnBoth('gm-1'), signInOnBoth('gm-2')]).then(([gm1, gm2]) => ({
        'gm-1': gm1,
        'gm-2': gm2,
      })),
      signIn(urls.A, 'dispatcher'),
    ]);
    steadyWatcher = await watch('dispatcher@A', urls.A, dispatcher, null);
    await Promise.all([
      watch('dispatcher@B', urls.B, dispatcher, null),
      watch('gm-1@A', urls.A, managers['gm-1'].A, [GRIDS['gm-1'].code]),
      watch('gm-1@B', urls.B, managers['gm-1'].B, [GRIDS['gm-1'].code]),
      watch('gm-2@B', urls.B, managers['gm-2'].B, [GRIDS['gm-2'].code]),
    ]);
    steadyWatcher.socket.on('case.changed', (event) => steady.apply(event));
    const snapshot = await dispatcher.get<BoardSnapshot>('/api/v1/board/snapshot');
    expect(snapshot.status).toBe(200);
    steady.load(snapshot.body);
  }, 60_000);

  afterAll(async () => {
    watchers.forEach((watcher) => watcher.socket.disconnect());
    await Promise.all(children.splice(0).map((child) => child.stop('SIGKILL')));
  });

  it('gives each socket on either api every change in its rooms exactly once, and nothing else', async () => {
    // 20 calls alternating between the two grids, taken on A and B in turn, all at once; as each is routed,
    // some are filed by their grid's manager, some rejected and some asked to be cancelled by the acceptor, on
    // the same or the other api.
    const managersOf: Manager[] = ['gm-1', 'gm-2'];
    await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const manager = managersOf[i % 2];
        const on = Math.floor(i / 2) % 2 ? 'B' : 'A';
        const other = on === 'A' ? 'B' : 'A';
        const routed = await call(manager, on);
        const gridCode = GRIDS[manager].code;
        if (i % 5 === 0) await take(managers[manager][other], routed, 'file', gridCode);
        if (i % 5 === 1) await take(acceptor[other], routed, 'reject', gridCode, { opinion: '重复上报' });
        if (i % 5 === 2) {
          const filed = await take(managers[manager][on], routed, 'file', gridCode);
          await take(acceptor[other], filed, 'request_cancellation', gridCode, { opinion: '市民撤回' });
        }
        if (i % 5 > 2) untouched.push({ seen: routed, gridCode, manager });
      }),
    );
    await settle();

    expect(changes.length).toBe(22 + 4 + 4 + 4 * 2);
    for (const watcher of watchers) {
      const received = watcher.events.map(keyOf).sort();
      const expected = changes.filter((change) => sees(watcher, change)).map(keyOf);
      expect({ socket: watcher.name, received }).toEqual({ socket: watcher.name, received: expected.sort() });
      if (watcher.grids) {
        expect(watcher.events.filter((event) => !watcher.grids!.includes(event.gridCode!))).toEqual([]);
      }
    }
    // Each grid manager got a fair share, and the dispatchers both grids' changes and no more.
    const count = (name: string) => watchers.find((w) => w.name === name)!.events.length;
    expect(count('gm-1@A')).toBeGreaterThan(10);
    expect(count('gm-2@B')).toBeGreaterThan(10);
    expect(count('dispatcher@A')).toBe(count('gm-1@A') + count('gm-2@B'));
  }, 30_000);

  it('brings a client that was away back to the same board through board.sync on the other api', async () => {
    const late = new BoardState();
    const client = await signIn(urls.A, 'dispatcher');
    // Connected first, then the snapshot: no change can fall between the two.
    const away = await connectBoardSocket(urls.A, client.token);
    away.on('case.changed', (event) => late.apply(event));
    const snapshot = await client.get<BoardSnapshot>('/api/v1/board/snapshot');
    expect(snapshot.status).toBe(200);
    late.load(snapshot.body);
    // One change while it is there, seen live.
    const seen = await call('gm-1', 'B');
    await pollUntil(() => late.view()[seen.id], { what: 'the live change on the late client' });
    expect(late.view()).toEqual(steady.view());
    away.disconnect();

    // While it is away: new calls in both grids on either api, some acted on, and actions on three cases it
    // has on its board: one rejected (it leaves the board), one filed, one with a cancellation asked.
    const since = changes.length;
    const [gone, filed, asked] = untouched;
    expect(Object.keys(late.view())).toEqual(
      expect.arrayContaining([gone, filed, asked].map((c) => c.seen.id)),
    );
    await Promise.all([
      call('gm-1', 'A'),
      call('gm-2', 'B'),
      call('gm-2', 'A').then((c) => take(acceptor.B, c, 'file', GRIDS['gm-2'].code)),
      call('gm-1', 'B').then((c) => take(acceptor.A, c, 'reject', GRIDS['gm-1'].code, { opinion: '重复' })),
      take(acceptor.B, gone.seen, 'reject', gone.gridCode, { opinion: '不予受理' }),
      take(managers[filed.manager].A, filed.seen, 'file', filed.gridCode),
      take(acceptor.A, asked.seen, 'request_cancellation', asked.gridCode, { opinion: '市民撤回' }),
    ]);
    // From the snapshot's cursor: what it missed, and the change it saw live (again, which its version makes harmless).
    const missed = new Set([seen.id, ...changes.slice(since).map((change) => change.id)]);
    await steadySaw(changes, 'every change on the steady dispatcher');
    expect(steady.view()).not.toEqual(late.view());

    // Back, on the other api: what it missed, each changed case as it stands now.
    const back = await connectBoardSocket(urls.B, client.token);
    try {
      const result = await boardSync(back, String(late.seq));
      expect(result.reload).toBe(false);
      // Each case changed meanwhile once, as it stands now, in the order of their last changes.
      expect(result.changes.map((change) => change.id).sort()).toEqual([...missed].sort());
      const seqs = result.changes.map((change) => BigInt(change.seq));
      expect(seqs.every((seq, i) => seq > (i ? seqs[i - 1] : late.seq))).toBe(true);
      expect(result.seq).toBe(String(seqs.at(-1)));
      result.changes.forEach((change) => late.apply(change));
    } finally {
      back.disconnect();
    }

    const fresh = new BoardState();
    fresh.load((await new ApiClient(urls.B, client.token).get<BoardSnapshot>('/api/v1/board/snapshot')).body);
    expect(late.view()).toEqual(steady.view());
    expect(fresh.view()).toEqual(steady.view());
    expect(Object.keys(steady.view()).length).toBeGreaterThan(10);
  }, 30_000);
});
