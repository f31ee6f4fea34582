import { useCallback, useEffect, useState } from 'react';

export interface Fetched<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Asks again (after a change the page made itself). */
  reload(): void;
}

/**
 * Loads what a page shows for its current choices, again whenever `key` changes; a `null` key loads nothing.
 * Unlike useLoad (reference data, cached per user), nothing is cached: a reload asks the server again. The
 * previous answer stays shown while the next one loads, and a late answer for an old key is dropped.
 */
export function useFetch<T>(key: string | null, load: () => Promise<T>): Fetched<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: null,
    loading: key !== null,
  });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    if (key === null) {
      setState({ data: undefined, error: null, loading: false });
      return;
    }
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // `load` is keyed by `key`: a new function for the same key asks for the same thing.
  }, [key, round]);
  return { ...state, reload };
}
