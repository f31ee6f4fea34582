import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum EvaluationErrorCode {
  INVALID_PERIOD = 'INVALID_PERIOD',
  SCHEME_NOT_FOUND = 'SCHEME_NOT_FOUND',
  INVALID_SCHEME = 'INVALID_SCHEME',
  UNKNOWN_OBJECT_TYPE = 'UNKNOWN_OBJECT_TYPE',
  OBJECT_NOT_FOUND = 'OBJECT_NOT_FOUND',
  SCHEME_VERSION_TAKEN = 'SCHEME_VERSION_TAKEN',
}

export class EvaluationException extends DomainException {
  static invalidPeriod(message: string): EvaluationException {
    return new EvaluationException(EvaluationErrorCode.INVALID_PERIOD, message, ErrorKind.Invalid);
  }

  static schemeNotFound(ref: string): EvaluationException {
    return new EvaluationException(
      EvaluationErrorCode.SCHEME_NOT_FOUND,
      `No evaluation scheme ${ref}`,
      ErrorKind.NotFound,
    );
  }

  static invalidScheme(details: ErrorDetail[]): EvaluationException {
    return new EvaluationException(
      EvaluationErrorCode.INVALID_SCHEME,
      'The scheme is not sound; see details',
      ErrorKind.Invalid,
      details,
    );
  }

  static versionTaken(key: string): EvaluationException {
    return new EvaluationException(
      EvaluationErrorCode.SCHEME_VERSION_TAKEN,
      `Another version of ${key} was added at the same moment; send it again`,
      ErrorKind.Conflict,
    );
  }

  static unknownObjectType(type: string, known: readonly string[]): EvaluationException {
    return new EvaluationException(
      EvaluationErrorCode.UNKNOWN_OBJECT_TYPE,
      `No evaluation object type ${type}; one of ${known.join(', ')}`,
      ErrorKind.NotFound,
    );
  }

  static objectNotFound(type: string, id: string): EvaluationException {
    return new EvaluationException(
      EvaluationErrorCode.OBJECT_NOT_FOUND,
      `No ${type} ${id} to evaluate`,
      ErrorKind.NotFound,
    );
  }

  constructor(code: EvaluationErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}
