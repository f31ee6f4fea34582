import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum UsersErrorCode {
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  USER_SCOPE_INVALID = 'USER_SCOPE_INVALID',
}

export class UsersException extends DomainException {
  static notFound(id: string): UsersException {
    return new UsersException(UsersErrorCode.USER_NOT_FOUND, `No user ${id}`, ErrorKind.NotFound);
  }

  constructor(code: UsersErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}
