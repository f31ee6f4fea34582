import type { EntityManager } from 'typeorm';

/**
 * SQL that takes the next case number of the city's day at instant `atParam` in time zone `tzParam` (SQL
 * placeholders), as the column `number`: YYYYMMDD and a 6-digit sequence of that day. The day's row is incremented
 * with one statement, which locks it until the transaction ends, so concurrent intakes never share a number and a
 * rolled-back intake leaves no gap behind a committed one. Past 999,999 in a day `number` is null, which no case
 * row accepts.
 */
export const takeCaseNumberSql = (atParam: string, tzParam: string): string =>
  `INSERT INTO case_number_days (day, last_sequence) VALUES ((${atParam}::timestamptz AT TIME ZONE ${tzParam})::date, 1)
   ON CONFLICT (day) DO UPDATE SET last_sequence = case_number_days.last_sequence + 1
   RETURNING CASE WHEN last_sequence <= 999999
     THEN to_char(day, 'YYYYMMDD') || lpad(last_sequence::text, 6, '0') END AS number`;

/** The next case number, in the caller's transaction (intake takes it inside its one statement instead). */
export async function nextCaseNumber(manager: EntityManager, at: Date, timeZone: string): Promise<string> {
  const [{ number }]: Array<{ number: string | null }> = await manager.query(takeCaseNumberSql('$1', '$2'), [
    at,
    timeZone,
  ]);
  if (!number) throw new Error(`More than 999,999 cases on the day of ${at.toISOString()}: no number left`);
  return number;
}
