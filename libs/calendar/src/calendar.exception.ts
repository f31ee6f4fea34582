import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum CalendarErrorCode {
  CALENDAR_PERIODS_INVALID = 'CALENDAR_PERIODS_INVALID',
}

export class CalendarException extends DomainException {
  constructor(code: CalendarErrorCode, message: string, details: ErrorDetail[] = []) {
    super(code, message, ErrorKind.Rule, details);
  }
}
