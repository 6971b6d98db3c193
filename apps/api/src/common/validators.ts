import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate, isWanAmount } from '@app/domain';

/** Shared class-validator decorators for the domain's value formats. */

/** A calendar date 'YYYY-MM-DD' that exists (2026-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a calendar date YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
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
