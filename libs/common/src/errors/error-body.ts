import type { ErrorDetail } from './domain.exception';

/** The one error shape every endpoint answers with (DESIGN.md §9). */
export interface ErrorBody {
  error: { code: string; message: string; details: ErrorDetail[] };
  correlationId: string;
}
