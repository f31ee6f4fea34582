import type { CalendarService, TimeLimit } from '@citygrid/calendar';
import type { ClockContext } from './case-clock';

/** What a case's clock needs: its handling limit, the step limits and the working calendar as they stand. */
export async function clockContextOf(
  calendar: CalendarService,
  handleLimit: TimeLimit,
): Promise<ClockContext> {
  const [workingCalendar, stepLimits] = await Promise.all([calendar.calendar(), calendar.stepLimits()]);
  return { handleLimit, stepLimits, calendar: workingCalendar };
}
