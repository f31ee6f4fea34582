import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CommonErrorCode, DomainException, ErrorKind, type ErrorDetail } from '../errors/domain.exception';

/** Flattens nested class-validator errors into one detail per failed constraint, with a dotted field path. */
export function validationDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: ErrorDetail[] = Object.entries(error.constraints ?? {}).map(([reason, message]) => ({
      field,
      reason,
      message,
    }));
    return own.concat(validationDetails(error.children ?? [], field));
  });
}

/** The global pipe: strips nothing silently (unknown fields are errors) and lists every bad field at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = validationDetails(errors);
      return new DomainException(
        CommonErrorCode.VALIDATION_FAILED,
        `The request has ${details.length} invalid field${details.length === 1 ? '' : 's'}`,
        ErrorKind.Invalid,
        details,
      );
    },
  });
}
