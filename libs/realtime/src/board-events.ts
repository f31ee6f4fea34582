/**
 * Every event the server sends to browsers, with its payload (DESIGN.md §7). Only the server emits; events
 * go to rooms, never to everyone.
 */
export type Light = 'green' | 'yellow' | 'red';

export interface CaseChangedEvent {
  id: string;
  number: string;
  version: number;
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
}

export interface BoardCountsEvent {
  asOf: string;
  byStatus: Record<string, number>;
  byLight: Record<Light, number>;
  byStreet: Record<string, number>;
}

export interface NoticeCreatedEvent {
  id: string;
  title: string;
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

export interface BoardEventMap {
  'case.changed': (event: CaseChangedEvent) => void;
  'board.counts': (event: BoardCountsEvent) => void;
  'notice.created': (event: NoticeCreatedEvent) => void;
  'system.pong': (event: SystemPongEvent) => void;
}

export type BoardEventName = keyof BoardEventMap;
export type BoardEventPayload<E extends BoardEventName> = Parameters<BoardEventMap[E]>[0];

/** Room names, `<kind>:<id>` (DESIGN.md §7). A socket is also always in the room named by its own id. */
export const Rooms = {
  board: 'board',
  street: (code: string) => `street:${code}`,
  grid: (code: string) => `grid:${code}`,
  dept: (id: string) => `dept:${id}`,
  user: (id: string) => `user:${id}`,
} as const;
