/**
 * Query strings arrive as text; these turn the text of a number or a boolean into one (anything else is left
 * for the validators to reject with a clear message).
 */
export const queryNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;

export const queryBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;
