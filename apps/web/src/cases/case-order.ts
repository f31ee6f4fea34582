import type { CaseChanged, CaseStatus } from '../api/api-types';
import { LIGHT_RANK } from '../board/board-state.reducer';

/** ISO instants in UTC compare as text; a missing one goes after every other. */
const compare = (a: string | null, b: string | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;

/** The nearest deadline first (the overdue ones, past theirs, come first); no deadline last; then by light. */
export function byDeadline(a: CaseChanged, b: CaseChanged): number {
  return (
    compare(a.deadline, b.deadline) ||
    LIGHT_RANK[a.light] - LIGHT_RANK[b.light] ||
    a.number.localeCompare(b.number)
  );
}

/** The cases of the given statuses, nearest deadline first. */
export const casesIn = (cases: Iterable<CaseChanged>, statuses: readonly CaseStatus[]): CaseChanged[] =>
  [...cases].filter((c) => statuses.includes(c.status)).sort(byDeadline);
