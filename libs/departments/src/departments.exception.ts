import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum DepartmentsErrorCode {
  DEPARTMENT_NOT_FOUND = 'DEPARTMENT_NOT_FOUND',
  DEPARTMENT_CODE_TAKEN = 'DEPARTMENT_CODE_TAKEN',
  DEPARTMENT_PARENT_INVALID = 'DEPARTMENT_PARENT_INVALID',
  DEPARTMENT_IN_USE = 'DEPARTMENT_IN_USE',
}

export class DepartmentsException extends DomainException {
  static notFound(id: string): DepartmentsException {
    return new DepartmentsException(
      DepartmentsErrorCode.DEPARTMENT_NOT_FOUND,
      `No department ${id}`,
      ErrorKind.NotFound,
    );
  }

  constructor(code: DepartmentsErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}
