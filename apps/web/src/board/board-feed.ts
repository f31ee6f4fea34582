import { io, type Socket } from 'socket.io-client';
import { api } from '../api/api-client';
import type { BoardCounts, BoardSnapshot, BoardSyncResult, CaseChanged } from '../api/api-types';
import { accessToken, refresh, sessionEnded } from '../auth/session.store';
import {
  applyChanges,
  boardFromSnapshot,
  EMPTY_BOARD,
  withCursor,
  type BoardState,
} from './board-state.reducer';

export type Connection = 'connecting' | 'live' | 'syncing' | 'offline';

export interface BoardView {
  board: BoardState;
  counts: BoardCounts | null;
  connection: Connection;
  /** Set once the first snapshot is in. */
  loaded: boolean;
  error: unknown;
}

/** Events are applied in batches, so a burst renders once. */
const BATCH_MS = 100;
/** Counts are asked for this long after the last change (the `board` room also gets them every 5 s). */
const COUNTS_AFTER_MS = 300;
const RETRY_MS = 2_000;

/**
 * One board's connection (docs/board.md): the socket first, then the snapshot, then every `case.changed`;
 * after a reconnect `board.sync` from the cursor, or a fresh snapshot when the server says `reload`.
 * React reads it through useSyncExternalStore (use-board.hook.ts).
 */
export class BoardFeed {
  private view: BoardView = {
    board: EMPTY_BOARD,
    counts: null,
    connection: 'connecting',
    loaded: false,
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  private socket: Socket | null = null;
  /** Events that came while a snapshot was loading: applied on top of it. */
  private held: CaseChanged[] | null = null;
  private queued: CaseChanged[] = [];
  private batchTimer?: ReturnType<typeof setTimeout>;
  private countsTimer?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  readonly get = (): BoardView => this.view;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    this.stopped = false;
    const socket = io({
      transports: ['websocket'],
      // Asked at every (re)connection, so a refreshed token is the one sent.
      auth: (send) =>
        void accessToken()
          .catch(() => null)
          .then((token) => send({ token })),
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.set({ connection: 'live', error: null });
      if (this.view.loaded) this.sync();
      else void this.loadSnapshot();
    });
    socket.on('disconnect', (reason) => {
      this.set({ connection: 'offline' });
      // The server closes the socket when its token expires: come back with a fresh one.
      if (reason === 'io server disconnect') this.reconnect();
    });
    socket.on('connect_error', (error) => {
      this.set({ connection: 'offline' });
      if (error.message === 'SESSION_ENDED' || error.message === 'ACCOUNT_DISABLED') return sessionEnded();
      if (error.message === 'TOKEN_EXPIRED')
        void refresh().then(
          () => this.reconnect(),
          () => undefined,
        );
      // socket.io retries lost transports itself, but not a refused handshake.
      else if (!socket.active) this.reconnect(RETRY_MS);
    });
    socket.on('case.changed', (event: CaseChanged) => this.receive([event]));
    socket.on('board.counts', (counts: BoardCounts) => this.takeCounts(counts));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.batchTimer);
    clearTimeout(this.countsTimer);
    clearTimeout(this.retryTimer);
    this.socket?.disconnect();
    this.socket = null;
  }

  private reconnect(after = 0): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && this.socket && !this.socket.connected) this.socket.connect();
    }, after);
  }

  private async loadSnapshot(): Promise<void> {
    if (this.held) return; // one is loading already
    this.held = this.queued;
    this.queued = [];
    try {
      const snapshot = await api.get<BoardSnapshot>('/api/v1/board/snapshot');
      const board = applyChanges(boardFromSnapshot(snapshot), this.held);
      this.set({ board, counts: this.newer(snapshot.counts), loaded: true, error: null });
    } catch (error) {
      this.queued = [...this.held, ...this.queued]; // kept for the next try
      this.set({ error });
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.loadSnapshot(), RETRY_MS);
    } finally {
      this.held = null;
    }
  }

  private sync(): void {
    this.set({ connection: 'syncing' });
    this.socket?.emit('board.sync', { sinceVersion: this.view.board.seq }, (result: BoardSyncResult) => {
      this.set({ connection: this.socket?.connected ? 'live' : 'offline' });
      if (result.reload) return void this.loadSnapshot();
      this.set({ board: withCursor(applyChanges(this.view.board, result.changes), result.seq) });
      this.askCounts();
    });
  }

  private receive(events: CaseChanged[]): void {
    if (this.held) {
      this.held.push(...events);
      return;
    }
    this.queued.push(...events);
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = undefined;
      const events = this.queued;
      this.queued = [];
      this.set({ board: applyChanges(this.view.board, events) });
      this.askCounts();
    }, BATCH_MS);
  }

  private askCounts(): void {
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => {
      this.socket?.emit('board.counts', {}, (counts: BoardCounts) => this.takeCounts(counts));
    }, COUNTS_AFTER_MS);
  }

  private takeCounts(counts: BoardCounts): void {
    const newer = this.newer(counts);
    if (newer !== this.view.counts) this.set({ counts: newer });
  }

  private newer(counts: BoardCounts): BoardCounts {
    const current = this.view.counts;
    return current && current.asOf > counts.asOf ? current : counts;
  }

  private set(change: Partial<BoardView>): void {
    if (this.stopped) return;
    const next = { ...this.view, ...change };
    if (
      Object.keys(change).every((key) => next[key as keyof BoardView] === this.view[key as keyof BoardView])
    )
      return;
    this.view = next;
    this.listeners.forEach((listener) => listener());
  }
}
