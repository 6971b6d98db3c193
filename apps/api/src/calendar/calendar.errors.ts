import { Errors, FieldError, type ErrorCodeOf } from '../common/app-error';

/** Error codes of the official calendar. */
export const CalendarErrors = {
  invalidYear: () => Errors.validation([{ field: 'year', reason: 'year must be a whole number from 2000 to 2100' }]),
  invalidSchedule: (details: FieldError[]) => Errors.validation(details, 'The schedule has invalid dates'),
};
export type CalendarErrorCode = ErrorCodeOf<typeof CalendarErrors>;
