import { ParseUUIDPipe } from '@nestjs/common';
import { Errors } from './app-error';

/**
 * For `@Param('id', UuidParam())`: a malformed id is the caller's mistake, so
 * it gets a 400 naming the parameter instead of reaching Postgres (which would
 * fail with 22P02) or being reported as a 404.
 */
export function UuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => Errors.validation([{ field, reason: `${field} must be a UUID` }]),
  });
}
