import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum AreasErrorCode {
  AREA_NOT_FOUND = 'AREA_NOT_FOUND',
  AREA_EXISTS = 'AREA_EXISTS',
  AREA_IN_USE = 'AREA_IN_USE',
  LAYER_INVALID = 'LAYER_INVALID',
  LAYER_IMPORT_REJECTED = 'LAYER_IMPORT_REJECTED',
  IMPORT_NOT_FOUND = 'IMPORT_NOT_FOUND',
  POINT_OUTSIDE_GRIDS = 'POINT_OUTSIDE_GRIDS',
  STAFF_INVALID = 'STAFF_INVALID',
}

export class AreasException extends DomainException {
  constructor(code: AreasErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }

  static notFound(layer: string, code: string): AreasException {
    return new AreasException(AreasErrorCode.AREA_NOT_FOUND, `No ${layer} ${code}`, ErrorKind.NotFound);
  }
}
