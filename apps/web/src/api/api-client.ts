import { accessToken, refresh, sessionEnded } from '../auth/session.store';
import { ApiError, apiErrorOf, networkError } from './api-error';
import type { Page } from './api-types';

export type Query = Record<string, string | number | boolean | undefined | null>;

const withQuery = (path: string, query?: Query): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

/**
 * Sends one request with the session's bearer token. An expired token is refreshed and the request sent once
 * more; an ended session signs the tab out. Error answers throw ApiError with the server's code and message.
 */
async function send(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
  const token = await accessToken();
  // Signed out while a page was still loading (its next page of a list): the server would only refuse it.
  if (!token) throw new ApiError(401, 'SIGNED_OUT', 'Not signed in');
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
  } catch (error) {
    throw networkError(error);
  }
  if (response.ok) return response;
  const error = await apiErrorOf(response);
  if (error.code === 'TOKEN_EXPIRED' && !retried) {
    await refresh();
    return send(path, init, true);
  }
  if (error.code === 'SESSION_ENDED' || error.code === 'ACCOUNT_DISABLED') sessionEnded();
  throw error;
}

const json = async <T>(response: Response): Promise<T> =>
  (response.status === 204 ? undefined : await response.json()) as T;

/** The typed client of /api/v1 (and anything else on the same origin). */
export const api = {
  async get<T>(path: string, query?: Query): Promise<T> {
    return json<T>(await send(withQuery(path, query)));
  },

  async post<T>(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<T> {
    return json<T>(
      await send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    );
  },

  /** multipart/form-data: fields as text parts, files under their own names (photos: `photos`). */
  async postForm<T>(path: string, form: FormData, headers: Record<string, string> = {}): Promise<T> {
    return json<T>(await send(path, { method: 'POST', headers, body: form }));
  },

  /** JSON with another method: PUT, PATCH, or DELETE (which may send no body). */
  async write<T>(method: 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return json<T>(
      await send(path, {
        method,
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      }),
    );
  },

  /** A binary answer (a photo) as a Blob: the bearer token rules out a plain <img src>. */
  async blob(path: string): Promise<Blob> {
    return (await send(path)).blob();
  },

  /** Every page of a cursor-paged list (docs: `limit` ≤ 200, `nextCursor` until null). */
  async all<T>(path: string, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<T> = await api.get<Page<T>>(path, { ...query, limit: 200, cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  },
};
