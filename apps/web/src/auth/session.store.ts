import { apiErrorOf, networkError, type ApiError } from '../api/api-error';
import type { Principal, Tokens } from '../api/api-types';

/**
 * The sign-in session of this browser tab (docs/access.md): tokens in sessionStorage, refreshed a minute
 * before the access token expires, ended by logout or when the server ends it. React reads it through
 * useSession(); the api client and the board socket ask it for a token.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  expiresAt: number;
  user: Principal;
}

/** Why the tab is signed out: shown on the sign-in page. */
export type SignOutReason = 'logout' | 'ended';

const KEY = 'citygrid.session';
const REFRESH_AHEAD_MS = 60_000;

let current: Session | null = load();
let lastReason: SignOutReason | null = null;
let refreshing: Promise<string> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function load(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return session?.accessToken && session.refreshToken && session.user ? session : null;
  } catch {
    return null;
  }
}

function set(session: Session | null, reason: SignOutReason | null = null): void {
  current = session;
  lastReason = reason;
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  schedule();
  listeners.forEach((listener) => listener());
}

function schedule(): void {
  clearTimeout(timer);
  if (!current) return;
  const wait = Math.max(current.expiresAt - Date.now() - REFRESH_AHEAD_MS, 1_000);
  timer = setTimeout(() => void refresh().catch(() => undefined), wait);
}

const fromTokens = (tokens: Tokens): Session => ({
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  expiresAt: Date.now() + tokens.expiresIn * 1000,
  user: tokens.user,
});

async function postJson(path: string, body: unknown, token?: string): Promise<Response> {
  try {
    return await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw networkError(error);
  }
}

export async function signIn(username: string, password: string): Promise<Principal> {
  const response = await postJson('/api/v1/auth/login', { username, password });
  if (!response.ok) throw await apiErrorOf(response);
  const session = fromTokens((await response.json()) as Tokens);
  set(session);
  return session.user;
}

/** Exchanges the refresh token for new tokens, once however many callers ask at the same time. */
export function refresh(): Promise<string> {
  refreshing ??= (async () => {
    const session = current;
    if (!session) throw new Error('not signed in');
    const response = await postJson('/api/v1/auth/refresh', { refreshToken: session.refreshToken });
    if (!response.ok) {
      const error: ApiError = await apiErrorOf(response);
      // A refused refresh token means the session is over; a network hiccup is tried again later.
      if (response.status === 401 || response.status === 403) set(null, 'ended');
      else timer = setTimeout(() => void refresh().catch(() => undefined), 10_000);
      throw error;
    }
    const next = fromTokens((await response.json()) as Tokens);
    set(next);
    return next.accessToken;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** A token good for at least a few more seconds, refreshed first when it is not. */
export async function accessToken(): Promise<string | null> {
  if (!current) return null;
  if (current.expiresAt - Date.now() < 5_000) return refresh();
  return current.accessToken;
}

export async function signOut(): Promise<void> {
  const token = current?.accessToken;
  set(null, 'logout');
  if (token) await postJson('/api/v1/auth/logout', {}, token).catch(() => undefined);
}

/** The server ended the session (SESSION_ENDED, a disabled user): forget it. */
export function sessionEnded(): void {
  if (current) set(null, 'ended');
}

export const sessionStore = {
  get: (): Session | null => current,
  lastSignOutReason: (): SignOutReason | null => lastReason,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

schedule();
