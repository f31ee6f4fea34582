import type { ErrorBody } from './api-types';

/** An error answer of the api (DESIGN.md §9), or a request that never got one (`NETWORK`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Array<Record<string, unknown>> = [],
    readonly correlationId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The message the server wrote, then each detail's own message (a validation error lists every field). */
  get fullMessage(): string {
    const parts = this.details
      .map((d) => [d.field, d.message].filter((v) => typeof v === 'string' && v).join(': '))
      .filter(Boolean);
    return parts.length ? `${this.message} (${parts.join('; ')})` : this.message;
  }
}

/** Reads an error answer into an ApiError, whatever the body turns out to be. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (body.error?.code) {
      const { code, message, details } = body.error;
      return new ApiError(response.status, code, message, details ?? [], body.correlationId);
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(response.status, `HTTP_${response.status}`, text.slice(0, 200) || response.statusText);
}

export const networkError = (error: unknown): ApiError =>
  new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
