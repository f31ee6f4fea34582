import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum AuthErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  TOKEN_MISSING = 'TOKEN_MISSING',
  TOKEN_INVALID = 'TOKEN_INVALID',
  TOKEN_EXPIRED = 'TOKEN_EXPIRED',
  SESSION_ENDED = 'SESSION_ENDED',
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
}

const KIND: Record<AuthErrorCode, ErrorKind> = {
  [AuthErrorCode.INVALID_CREDENTIALS]: ErrorKind.Unauthenticated,
  [AuthErrorCode.ACCOUNT_LOCKED]: ErrorKind.RateLimited,
  [AuthErrorCode.ACCOUNT_DISABLED]: ErrorKind.Forbidden,
  [AuthErrorCode.TOKEN_MISSING]: ErrorKind.Unauthenticated,
  [AuthErrorCode.TOKEN_INVALID]: ErrorKind.Unauthenticated,
  [AuthErrorCode.TOKEN_EXPIRED]: ErrorKind.Unauthenticated,
  [AuthErrorCode.SESSION_ENDED]: ErrorKind.Unauthenticated,
  [AuthErrorCode.ROLE_NOT_ALLOWED]: ErrorKind.Forbidden,
};

export class AuthException extends DomainException {
  constructor(code: AuthErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, KIND[code], details);
  }
}
