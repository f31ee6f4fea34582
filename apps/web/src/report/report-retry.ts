import { ApiError } from '../api/api-error';

/**
 * What the offline queue does with a report the server did not take (docs/cases.md): keep it and send it
 * again with the same Idempotency-Key when the network, the server or the session may come back; give up and
 * show the server's reason when the report itself was refused (a bad field, a photo the server will not take).
 */
export type Outcome = 'retry' | 'fail';

export function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof ApiError)) return 'retry';
  const { status } = error;
  // 0: no answer at all (offline, cut off, the api down); 401: signed out meanwhile, sent again after sign-in.
  if (status === 0 || status === 401 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'fail';
}

/** Seconds to wait before the next automatic try, after `failures` tries in a row that found no server. */
const DELAYS = [5, 15, 30, 60];

export const retryDelayMs = (failures: number): number =>
  DELAYS[Math.min(Math.max(failures, 1), DELAYS.length) - 1] * 1000;

/** A key made once per report (1–200 printable ASCII, no spaces): a UUID, also where randomUUID is missing. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
