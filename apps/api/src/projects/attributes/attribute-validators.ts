import { registerDecorator, ValidationOptions } from 'class-validator';

/** A non-negative decimal quantity carried as a string so it stays exact, e.g. "12.5" (km, m, m²). */
const DECIMAL_QUANTITY = /^\d{1,12}(\.\d{1,4})?$/;

export function isDecimalQuantity(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_QUANTITY.test(value);
}

export function IsDecimalQuantity(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimalQuantity',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a non-negative decimal number as a string, e.g. "12.5" (at most 4 decimals)', ...options },
      validator: { validate: (value: unknown) => isDecimalQuantity(value) },
    });
}
