import { QueryFailedError } from 'typeorm';

export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE of a failed query, or undefined for any other error. */
export const pgErrorCode = (error: unknown): string | undefined =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;

/** Escapes LIKE wildcards so user text matches literally (the default escape character is backslash). */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => '\\' + c);
