import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum NotificationsErrorCode {
  NOTICE_NOT_FOUND = 'NOTICE_NOT_FOUND',
}

export class NotificationsException extends DomainException {
  /** Also for someone else's notice: whether it exists is none of the caller's business. */
  static notFound(id: string): NotificationsException {
    return new NotificationsException(
      NotificationsErrorCode.NOTICE_NOT_FOUND,
      `No notice ${id}`,
      ErrorKind.NotFound,
    );
  }

  constructor(code: NotificationsErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}
