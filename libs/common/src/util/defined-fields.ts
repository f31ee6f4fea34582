/**
 * The fields a partial update sets. Validated DTO instances carry every declared field, unset ones as
 * undefined (class fields are defined on construction), and assigning those would wipe stored values.
 */
export function definedFields<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}
