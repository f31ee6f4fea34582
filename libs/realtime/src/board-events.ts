/**
 * Every event the server sends to browsers, with its payload (DESIGN.md §7). Only the server emits; events
 * go to rooms, never to everyone.
 */
export type Light = 'green' | 'yellow' | 'red';

export interface CaseChangedEvent {
  id: string;
  number: string;
  /** The case's own version: of two events for one case, the higher is newer. */
  version: number;
  /** The city-wide change cursor: `board.sync {sinceVersion}` asks for the changes after it. */
  seq: string;
  status: string;
  light: Light;
  gridCode: string | null;
  streetCode: string | null;
  deptId: string | null;
  ownerId: string | null;
  matter: { kind: string; code: string };
  location: [number, number] | null;
  deadline: string | null;
  at: string;
  /** Sent to the rooms a change took the case out of (a department that returned it): drop it from the board. */
  left?: true;
}

export interface BoardCountsEvent {
  asOf: string;
  byStatus: Record<string, number>;
  byLight: Record<Light, number>;
  byStreet: Record<string, number>;
}

/** A new in-app notice for the user of room `user:<id>` (docs/notifications.md). */
export interface NoticeCreatedEvent {
  id: string;
  /** e.g. `sla.warning`, `sla.overdue`, `sla.escalated`, `case.supervised`. */
  kind: string;
  title: string;
  body: string;
  caseId: string | null;
  at: string;
}

/** The answer to a pipeline self-check (POST /api/v1/system/ping). */
export interface SystemPongEvent {
  correlationId: string;
  requestedAt: string;
  processedAt: string;
  worker: string;
}

/** What `board.sync` answers: the changes after the cursor, or `reload` when the client is too far behind. */
export type BoardSyncResult =
  { reload: false; seq: string; changes: CaseChangedEvent[] } | { reload: true; seq: string; changes: [] };

/** What clients may send: requests answered through their ack, never relayed to anyone else. */
export interface BoardClientEventMap {
  'board.sync': (request: { sinceVersion: string | number }, ack: (result: BoardSyncResult) => void) => void;
  'board.counts': (request: Record<string, never>, ack: (counts: BoardCountsEvent) => void) => void;
}

export interface BoardEventMap {
  'case.changed': (event: CaseChangedEvent) => void;
  'board.counts': (event: BoardCountsEvent) => void;
  'notice.created': (event: NoticeCreatedEvent) => void;
  'system.pong': (event: SystemPongEvent) => void;
}

export type BoardEventName = keyof BoardEventMap;
export type BoardEventPayload<E extends BoardEventName> = Parameters<BoardEventMap[E]>[0];

/**
 * Room names, `<kind>:<id>` (DESIGN.md §7). Besides the design's rooms, an area scope finer or coarser than a
 * street (district, community, unit grid) has a room of its own, so each socket gets exactly its scope's cases.
 * A socket is also always in the room named by its own id, and in `session:<id>` of its sign-in.
 */
export const Rooms = {
  board: 'board',
  district: (code: string) => `district:${code}`,
  street: (code: string) => `street:${code}`,
  community: (code: string) => `community:${code}`,
  unitGrid: (code: string) => `unit:${code}`,
  grid: (code: string) => `grid:${code}`,
  dept: (id: string) => `dept:${id}`,
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
} as const;
