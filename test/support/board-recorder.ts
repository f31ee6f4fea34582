import type {
  BoardCountsEvent,
  BoardEventName,
  BoardEventPayload,
  BoardSyncResult,
  CaseChangedEvent,
} from '@citygrid/realtime';
import { connectBoardSocket, type BoardSocket } from '@citygrid/testing';
import type { Socket } from 'socket.io-client';

/** A case as a board shows it: what the list, the map and the counters are drawn from. */
export interface BoardEntry {
  version: number;
  status: string;
  light: string;
}

/** A board's state: the open cases it shows, by id. */
export type BoardState = Map<string, BoardEntry>;

const FINAL_STATUSES = ['CLOSED', 'CANCELLED'];

/**
 * What a board client does with a change: keeps the newest version of each case, and drops a case that
 * closed or was cancelled.
 */
export function applyChanges(state: BoardState, changes: readonly CaseChangedEvent[]): BoardState {
  for (const change of changes) {
    const known = state.get(change.id);
    if (known && known.version >= change.version) continue;
    if (change.left || FINAL_STATUSES.includes(change.status)) state.delete(change.id);
    else state.set(change.id, { version: change.version, status: change.status, light: change.light });
  }
  return state;
}

/** A board's state from a snapshot's cases. */
export const stateOf = (cases: readonly CaseChangedEvent[]): BoardState => applyChanges(new Map(), cases);

/** A state as a plain sorted object, for comparing in an assertion with a readable diff. */
export const plain = (state: BoardState): Record<string, BoardEntry> =>
  Object.fromEntries([...state.entries()].sort(([a], [b]) => a.localeCompare(b)));

/** Every event of one name a socket hears, in order, so a test can wait for one and look at all of them. */
export class BoardRecorder<E extends BoardEventName> {
  readonly seen: Array<{ event: BoardEventPayload<E>; receivedAt: number }> = [];
  private waiters: Array<() => void> = [];

  constructor(
    readonly socket: BoardSocket,
    readonly name: E,
  ) {
    socket.on(name, ((event: BoardEventPayload<E>) => {
      this.seen.push({ event, receivedAt: Date.now() });
      this.waiters.forEach((wake) => wake());
    }) as never);
  }

  get events(): Array<BoardEventPayload<E>> {
    return this.seen.map((entry) => entry.event);
  }

  /** The first event heard (from `from` on) that matches, now or when it arrives; rejects after `timeoutMs`. */
  next(
    match: (event: BoardEventPayload<E>) => boolean,
    timeoutMs = 10_000,
    from = 0,
  ): Promise<BoardEventPayload<E>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.seen.slice(from).find((entry) => match(entry.event));
        if (!found) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((wake) => wake !== check);
        resolve(found.event);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((wake) => wake !== check);
        reject(new Error(`no matching ${this.name} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(check);
      check();
    });
  }
}

/** The case.changed events a socket hears. */
export class CaseChangeRecorder extends BoardRecorder<'case.changed'> {
  constructor(socket: BoardSocket) {
    super(socket, 'case.changed');
  }

  /** The ids of the cases heard of (from `from` on), each once, sorted. */
  ids(from = 0): string[] {
    return [...new Set(this.events.slice(from).map((e) => e.id))].sort();
  }

  /** `id@version` of every event heard more than once: a board should hear each version of a case once. */
  duplicates(): string[] {
    const keys = this.events.map((e) => `${e.id}@${e.version}`);
    return [...new Set(keys.filter((key, i) => keys.indexOf(key) !== i))];
  }

  /** The newest version heard of a case, or undefined. */
  versionOf(id: string): number | undefined {
    const versions = this.events.filter((e) => e.id === id).map((e) => e.version);
    return versions.length ? Math.max(...versions) : undefined;
  }
}

/** Resolves when the server closes the socket (or it closes otherwise), with the reason and when. */
export function disconnection(
  socket: BoardSocket,
  timeoutMs = 5000,
): Promise<{ reason: string; at: number }> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) {
      resolve({ reason: 'already disconnected', at: Date.now() });
      return;
    }
    const timer = setTimeout(
      () => reject(new Error(`socket not disconnected within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve({ reason, at: Date.now() });
    });
  });
}

/** The error a refused connection gets (its message is the error code), or a rejection if it connects. */
export async function refusal(baseUrl: string, token: string | null): Promise<Error & { data?: unknown }> {
  let socket: BoardSocket;
  try {
    socket = await connectBoardSocket(baseUrl, token);
  } catch (error) {
    return error as Error & { data?: unknown };
  }
  socket.disconnect();
  throw new Error('the connection was accepted');
}

/** Asks the server through the ack and resolves with its answer; rejects if none comes in time. */
export function ask<T>(socket: BoardSocket, event: string, request: unknown, timeoutMs = 5000): Promise<T> {
  return (socket as unknown as Socket).timeout(timeoutMs).emitWithAck(event, request) as Promise<T>;
}

/** The socket as a client that may send anything at all, as a hostile or broken one would. */
export function untyped(socket: BoardSocket): Socket {
  return socket as unknown as Socket;
}

export const sync = (socket: BoardSocket, sinceVersion: unknown): Promise<BoardSyncResult> =>
  ask<BoardSyncResult>(socket, 'board.sync', { sinceVersion });

export const countsOf = (socket: BoardSocket): Promise<BoardCountsEvent> =>
  ask<BoardCountsEvent>(socket, 'board.counts', {});

/** Counts by status, light and street of a list of cases, as board.counts gives them. */
export function tally(cases: readonly CaseChangedEvent[]): Omit<BoardCountsEvent, 'asOf'> {
  const counts: Omit<BoardCountsEvent, 'asOf'> = {
    byStatus: {},
    byLight: { green: 0, yellow: 0, red: 0 },
    byStreet: {},
  };
  for (const c of cases) {
    counts.byStatus[c.status] = (counts.byStatus[c.status] ?? 0) + 1;
    counts.byLight[c.light] += 1;
    const street = c.streetCode ?? 'outOfGrid';
    counts.byStreet[street] = (counts.byStreet[street] ?? 0) + 1;
  }
  return counts;
}
