import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { EntityManager } from 'typeorm';

/**
 * The next case number: YYYYMMDD in the city's time zone and a 6-digit sequence of that day. The day's row is
 * incremented with one statement, which locks it until the transaction ends, so concurrent intakes never share
 * a number and a rolled-back intake leaves no gap behind a committed one.
 */
export async function nextCaseNumber(manager: EntityManager, at: Date, timeZone: string): Promise<string> {
  const day = format(new TZDate(at, timeZone), 'yyyy-MM-dd');
  const [{ last_sequence: sequence }]: Array<{ last_sequence: number }> = await manager.query(
    `INSERT INTO case_number_days (day, last_sequence) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last_sequence = case_number_days.last_sequence + 1
     RETURNING last_sequence`,
    [day],
  );
  if (sequence > 999_999) throw new Error(`More than 999,999 cases on ${day}: the case number has no room`);
  return day.replace(/-/g, '') + String(sequence).padStart(6, '0');
}
