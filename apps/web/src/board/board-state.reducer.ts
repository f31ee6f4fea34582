import type { BoardSnapshot, CaseChanged, CaseStatus, Light } from '../api/api-types';
import { matterKey } from '../shared/matter-key';

/**
 * The open cases a board shows, kept by the rules of docs/board.md: of two events for one case the higher
 * `version` wins; CLOSED, CANCELLED and `left` events take the case off. Pure functions: an unchanged state
 * comes back as the same object, so React renders only when something moved.
 */
export interface BoardState {
  cases: ReadonlyMap<string, CaseChanged>;
  /** The version at which each case left, so that an older event arriving late does not bring it back. */
  gone: ReadonlyMap<string, number>;
  /** The cursor for `board.sync`: from the snapshot and from sync answers only, never from an event. */
  seq: string;
}

export const EMPTY_BOARD: BoardState = { cases: new Map(), gone: new Map(), seq: '0' };

const FINAL: readonly CaseStatus[] = ['CLOSED', 'CANCELLED'];

export const staysOnBoard = (event: CaseChanged): boolean => !event.left && !FINAL.includes(event.status);

export function boardFromSnapshot(snapshot: BoardSnapshot): BoardState {
  return applyChanges({ ...EMPTY_BOARD, seq: snapshot.seq }, snapshot.cases);
}

export function applyChanges(state: BoardState, events: readonly CaseChanged[]): BoardState {
  let cases: Map<string, CaseChanged> | null = null;
  let gone: Map<string, number> | null = null;
  for (const event of events) {
    const seen = (cases ?? state.cases).get(event.id)?.version ?? (gone ?? state.gone).get(event.id) ?? 0;
    if (event.version <= seen) continue;
    cases ??= new Map(state.cases);
    gone ??= new Map(state.gone);
    if (staysOnBoard(event)) {
      cases.set(event.id, event);
      gone.delete(event.id);
    } else {
      cases.delete(event.id);
      gone.set(event.id, Math.max(event.version, seen));
    }
  }
  return cases && gone ? { ...state, cases, gone } : state;
}

export const withCursor = (state: BoardState, seq: string): BoardState =>
  state.seq === seq ? state : { ...state, seq };

// What the list and the map derive from the state.

export interface BoardFilters {
  status?: CaseStatus;
  light?: Light;
  street?: string;
  /** `kind:code` */
  matter?: string;
}

export const LIGHT_RANK: Record<Light, number> = { red: 0, yellow: 1, green: 2 };

export function filterCases(cases: Iterable<CaseChanged>, filters: BoardFilters): CaseChanged[] {
  const shown: CaseChanged[] = [];
  for (const c of cases) {
    if (filters.status && c.status !== filters.status) continue;
    if (filters.light && c.light !== filters.light) continue;
    if (filters.street && c.streetCode !== filters.street) continue;
    if (filters.matter && matterKey(c.matter) !== filters.matter) continue;
    shown.push(c);
  }
  return shown.sort(byUrgency);
}

/** Red first, then yellow, then green; within a light the nearest deadline first, then the newest number. */
/** ISO instants compare as text; a case without a deadline comes after every one with. */
const byDeadline = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

export function byUrgency(a: CaseChanged, b: CaseChanged): number {
  return (
    LIGHT_RANK[a.light] - LIGHT_RANK[b.light] ||
    byDeadline(a.deadline, b.deadline) ||
    b.number.localeCompare(a.number)
  );
}

export interface GridLoad {
  open: number;
  worst: Light;
}

/** Open cases per unit grid and the worst light among them (cases outside every grid are left out). */
export function loadByGrid(
  cases: Iterable<CaseChanged>,
  unitGridOf: (c: CaseChanged) => string | null,
): Map<string, GridLoad> {
  const loads = new Map<string, GridLoad>();
  for (const c of cases) {
    const code = unitGridOf(c);
    if (!code) continue;
    const load = loads.get(code);
    if (!load) loads.set(code, { open: 1, worst: c.light });
    else {
      load.open += 1;
      if (LIGHT_RANK[c.light] < LIGHT_RANK[load.worst]) load.worst = c.light;
    }
  }
  return loads;
}
