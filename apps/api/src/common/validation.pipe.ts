import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { Errors, FieldError } from './app-error';
import { outOfRangeNumberErrors, unsafeTextErrors } from './input-guards';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The one global pipe: class-validator for every DTO (unknown fields refused,
 * each error names its field), and around it the checks no DTO can forget
 * (input-guards): before validation, no string anywhere in a body, query or
 * path parameter carries NUL or a lone surrogate; after it, no number is
 * beyond what a column holds.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      transformOptions: { enableImplicitConversion: false },
      exceptionFactory: (errors) => Errors.validation(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    // A single @Param('id') / @Query('q') is named by its own name; a whole body or query by its fields.
    const root = metadata.data ?? '';
    const unsafe = unsafeTextErrors(value, root);
    if (unsafe.length > 0) throw Errors.validation(unsafe);
    const transformed: unknown = await super.transform(value, metadata);
    const outOfRange = outOfRangeNumberErrors(transformed, root);
    if (outOfRange.length > 0) throw Errors.validation(outOfRange);
    return transformed;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe();
}

export { flatten as flattenValidationErrors };
