import { IsISO8601, Matches } from 'class-validator';

/** 'HH:mm', 00:00–23:59. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An instant as ISO 8601 with its offset (DESIGN.md §9), and a real one: `2026-02-31T10:00+08:00` and week or
 * ordinal dates are refused rather than rolled over into something else.
 */
export function IsInstant(): PropertyDecorator {
  const message = 'must be a date and time with an offset, such as 2026-11-20T10:00:00+08:00';
  const decorators = [
    Matches(INSTANT, { message }),
    IsISO8601({ strict: true, strictSeparator: true }, { message }),
  ];
  return (target, key) => decorators.forEach((decorate) => decorate(target, key as string));
}
