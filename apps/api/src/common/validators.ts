import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { EARLIEST_PLAUSIBLE_DATE, isPlausibleDate, isWanAmount, LATEST_PLAUSIBLE_DATE } from '@app/domain';

/** Shared class-validator decorators for the domain's value formats. */

/** The dates the API accepts (see isPlausibleDate): a typo like 9999-12-30 is a field error. */
export const EARLIEST_DATE = EARLIEST_PLAUSIBLE_DATE;
export const LATEST_DATE = LATEST_PLAUSIBLE_DATE;
export const isAcceptedDate = isPlausibleDate;

/** A calendar date 'YYYY-MM-DD' that exists (2026-02-30 is refused) between 2000-01-01 and 2100-12-31. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must be a calendar date YYYY-MM-DD between ${EARLIEST_DATE} and ${LATEST_DATE}`, ...options },
      validator: { validate: (value: unknown) => isAcceptedDate(value) },
    });
}

/**
 * For a field that may be left out but, when sent, must be valid — null included
 * (IsOptional lets null through, which a NOT NULL column then refuses with a 500).
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** An amount in 万元 as a decimal string with at most 4 decimals (whole yuan), e.g. "1234.5". */
export function IsWanAmount(options?: ValidationOptions & { allowNegative?: boolean }): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isWanAmount',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an amount in 万元 as a string, e.g. "1234.5" (at most 4 decimals)', ...options },
      validator: {
        validate: (value: unknown) => isWanAmount(value) && (options?.allowNegative || !value.startsWith('-')),
      },
    });
}

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: unknown): value is string {
  return typeof value === 'string' && YEAR_MONTH.test(value);
}

/** A month 'YYYY-MM'. */
export function IsYearMonth(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isYearMonth',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a month YYYY-MM', ...options },
      validator: { validate: (value: unknown) => isYearMonth(value) },
    });
}
