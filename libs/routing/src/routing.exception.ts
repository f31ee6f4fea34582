import { DomainException, ErrorKind, type ErrorDetail } from '@citygrid/common';

export enum RoutingErrorCode {
  ROUTING_RULE_NOT_FOUND = 'ROUTING_RULE_NOT_FOUND',
  ROUTING_RULE_INVALID = 'ROUTING_RULE_INVALID',
  ROUTING_ORDER_INCOMPLETE = 'ROUTING_ORDER_INCOMPLETE',
}

export class RoutingException extends DomainException {
  constructor(code: RoutingErrorCode, message: string, kind: ErrorKind, details: ErrorDetail[] = []) {
    super(code, message, kind, details);
  }
}
