import { useSyncExternalStore } from 'react';

/**
 * A hash router: `#/board?case=<id>`. The api serves one index.html at `/`, so the page never asks the server
 * for a client-side path, and a reload or a shared link lands on the same page.
 */
export interface Route {
  path: string;
  query: URLSearchParams;
}

const subscribe = (listener: () => void) => {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
};

const hash = () => window.location.hash;

export function parseRoute(value: string): Route {
  const [path, search = ''] = value.replace(/^#/, '').split('?', 2);
  return { path: path || '/', query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  return parseRoute(useSyncExternalStore(subscribe, hash));
}

export function hrefOf(path: string, query: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

/** Goes to a page; `replace` keeps the browser's history from growing (redirects, drawer state). */
export function navigate(
  path: string,
  query: Record<string, string | null | undefined> = {},
  replace = false,
) {
  const href = hrefOf(path, query);
  if (href === window.location.hash) return;
  if (replace) {
    window.history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}
