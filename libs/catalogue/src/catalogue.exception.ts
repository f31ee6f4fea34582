import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum CatalogueErrorCode {
  MATTER_NOT_FOUND = 'MATTER_NOT_FOUND',
  CATALOGUE_VERSION_NOT_FOUND = 'CATALOGUE_VERSION_NOT_FOUND',
  MAJOR_CLASS_NOT_FOUND = 'MAJOR_CLASS_NOT_FOUND',
  LOCAL_CODES_EXHAUSTED = 'LOCAL_CODES_EXHAUSTED',
  MATTER_NOT_LOCAL = 'MATTER_NOT_LOCAL',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
}

export class CatalogueException extends DomainException {
  constructor(code: CatalogueErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}
