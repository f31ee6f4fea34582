import { useEffect, useState } from 'react';
import { sessionStore } from '../auth/session.store';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/** Answers by key, shared by every component of the tab and forgotten when the user changes. */
const cache = new Map<string, Promise<unknown>>();
let cachedFor: string | undefined;

/** The answer for `key` asked once per user and tab (a failure is asked again next time): useLoad's cache. */
export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  const user = sessionStore.get()?.user.id;
  if (user !== cachedFor) {
    cache.clear();
    cachedFor = user;
  }
  let promise = cache.get(key) as Promise<T> | undefined;
  if (!promise) {
    promise = load();
    cache.set(key, promise);
    promise.catch(() => cache.delete(key)); // a failure is tried again next time
  }
  return promise;
}

/** Loads reference data once per user and key (matters, departments, grids): what pages look things up in. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: null, loading: true });
  useEffect(() => {
    let live = true;
    cached(key, load).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
    // `load` is keyed by `key`: a new function for the same key asks for the same thing.
  }, [key]);
  return state;
}
