import { useEffect, useRef, useState } from 'react';
import { api } from '../api/api-client';
import type { CaseChanged } from '../api/api-types';
import type { AllowedActions } from '../api/report-types';

/**
 * What the caller may do now to each listed case (`GET /cases/{id}/allowed-actions`, cheap by design), asked
 * again whenever a case's version moves. Seeing a case is not acting on it (docs/cases.md): an inspector sees
 * the cases they reported anywhere, but checks only those of their own grids.
 */
export function useAllowedActions(cases: readonly CaseChanged[]): ReadonlyMap<string, AllowedActions> {
  const [known, setKnown] = useState<ReadonlyMap<string, AllowedActions>>(new Map());
  const asked = useRef(new Set<string>());

  useEffect(() => {
    for (const c of cases) {
      const key = `${c.id}:${c.version}`;
      if (asked.current.has(key)) continue;
      asked.current.add(key);
      api.get<AllowedActions>(`/api/v1/cases/${c.id}/allowed-actions`).then(
        (answer) =>
          setKnown((before) => {
            const current = before.get(c.id);
            if (current && current.version >= answer.version) return before;
            return new Map(before).set(c.id, answer);
          }),
        () => asked.current.delete(key), // asked again with the next change
      );
    }
  }, [cases]);

  return known;
}
