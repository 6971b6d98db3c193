import type { WorkingDayCalendar } from './working-day-calendar';

/**
 * From 1 December on, a missing schedule for next year is worth saying: the State
 * Council publishes it in November or December, and deadlines in January are being
 * set already. Null when there is nothing to say. The API's and the worker's /health
 * both report it.
 */
export function nextYearCalendarWarning(today: string, calendar: Pick<WorkingDayCalendar, 'isCovered'>): string | null {
  const year = Number(today.slice(0, 4));
  if (today.slice(5, 7) !== '12' || calendar.isCovered(year + 1)) return null;
  return `No official holiday schedule for ${year + 1} yet: working days in ${year + 1} are counted Monday–Friday. An admin can publish it with PUT /api/v1/calendar/years/${year + 1}.`;
}
