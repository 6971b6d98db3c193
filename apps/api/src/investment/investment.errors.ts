import { Errors, type ErrorCodeOf } from '../common/app-error';

export const InvestmentErrors = {
  invalidYear: (field: string) =>
    Errors.validation([{ field, reason: `${field} must be a year between 2000 and 2100` }], `${field} is not a year between 2000 and 2100`),
  invalidMonth: () => Errors.validation([{ field: 'month', reason: 'month must be a month YYYY-MM' }]),
  monthInFuture: (month: string, currentMonth: string) =>
    Errors.badRequest('MONTH_IN_FUTURE', `Investment cannot be completed in ${month} yet: the current month is ${currentMonth}`, [
      { field: 'month', reason: `must not be after the current month ${currentMonth}` },
    ]),
};
export type InvestmentErrorCode = ErrorCodeOf<typeof InvestmentErrors>;
