import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';
import { RefusalReason } from './workflow/case-workflow';

export enum CasesErrorCode {
  CASE_NOT_FOUND = 'CASE_NOT_FOUND',
  CASE_OUT_OF_SCOPE = 'CASE_OUT_OF_SCOPE',
  CASE_ACTION_FORBIDDEN = 'CASE_ACTION_FORBIDDEN',
  CASE_SOURCE_FORBIDDEN = 'CASE_SOURCE_FORBIDDEN',
  CASE_VERSION_CONFLICT = 'CASE_VERSION_CONFLICT',
  CASE_TRANSITION_NOT_ALLOWED = 'CASE_TRANSITION_NOT_ALLOWED',
  CASE_REQUEST_NOT_PENDING = 'CASE_REQUEST_NOT_PENDING',
  CASE_REQUEST_ALREADY_PENDING = 'CASE_REQUEST_ALREADY_PENDING',
  CASE_REASON_REQUIRED = 'CASE_REASON_REQUIRED',
  CASE_PHOTOS_REQUIRED = 'CASE_PHOTOS_REQUIRED',
  CASE_DEPARTMENT_UNKNOWN = 'CASE_DEPARTMENT_UNKNOWN',
  CASE_MATTER_UNKNOWN = 'CASE_MATTER_UNKNOWN',
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  PHOTO_TYPE_UNSUPPORTED = 'PHOTO_TYPE_UNSUPPORTED',
  PHOTO_UNREADABLE = 'PHOTO_UNREADABLE',
  PHOTO_TOO_MANY_PIXELS = 'PHOTO_TOO_MANY_PIXELS',
  PHOTO_NOT_FOUND = 'PHOTO_NOT_FOUND',
}

export class CasesException extends DomainException {
  constructor(code: CasesErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}

/** How each refusal of the transition table answers over HTTP (DESIGN.md §9). */
export const REFUSAL_ERRORS: Record<
  RefusalReason,
  { code: CasesErrorCode; kind: ErrorKind; message: string; field: string }
> = {
  [RefusalReason.NOT_ALLOWED_FROM_STATE]: {
    code: CasesErrorCode.CASE_TRANSITION_NOT_ALLOWED,
    kind: ErrorKind.Conflict,
    message: 'is not allowed from the case’s current status',
    field: 'action',
  },
  [RefusalReason.REQUEST_NOT_PENDING]: {
    code: CasesErrorCode.CASE_REQUEST_NOT_PENDING,
    kind: ErrorKind.Conflict,
    message: 'settles a request that is not pending',
    field: 'action',
  },
  [RefusalReason.REQUEST_ALREADY_PENDING]: {
    code: CasesErrorCode.CASE_REQUEST_ALREADY_PENDING,
    kind: ErrorKind.Conflict,
    message: 'asks for what is already pending approval',
    field: 'action',
  },
  [RefusalReason.ROLE_NOT_ALLOWED]: {
    code: CasesErrorCode.CASE_ACTION_FORBIDDEN,
    kind: ErrorKind.Forbidden,
    message: 'is not one your roles may take',
    field: 'action',
  },
  [RefusalReason.REASON_REQUIRED]: {
    code: CasesErrorCode.CASE_REASON_REQUIRED,
    kind: ErrorKind.Rule,
    message: 'needs an opinion giving the reason',
    field: 'opinion',
  },
  [RefusalReason.PHOTOS_REQUIRED]: {
    code: CasesErrorCode.CASE_PHOTOS_REQUIRED,
    kind: ErrorKind.Rule,
    message: 'needs at least one photo',
    field: 'photos',
  },
};
