import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the field at fault, e.g. "attributes.voltageKv". */
  field: string;
  reason: string;
}

/**
 * An error a feature throws on purpose. `code` is stable and machine-readable
 * (features list theirs in <feature>.errors.ts); `message` is for people.
 * The global filter turns it into { statusCode, code, message, details }.
 */
export class AppError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A 429 that says when to come back: the error filter sends it as Retry-After (whole seconds, at least 1). */
export class RetryLaterError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, code, message);
    this.name = 'RetryLaterError';
  }
}

/** Shorthands for the errors every feature needs. */
export const Errors = {
  validation: (details: FieldError[], message = 'The request has invalid fields') =>
    new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, details),
  badRequest: (code: string, message: string, details: FieldError[] = []) =>
    new AppError(HttpStatus.BAD_REQUEST, code, message, details),
  notFound: (entity: string, id: string) =>
    new AppError(HttpStatus.NOT_FOUND, `${entity.toUpperCase()}_NOT_FOUND`, `No ${entity.replace(/_/g, ' ')} with id ${id}`),
  forbidden: (message = 'You may not do this') => new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message),
  conflict: (code: string, message: string, details: FieldError[] = []) => new AppError(HttpStatus.CONFLICT, code, message, details),
  preconditionFailed: (message: string) => new AppError(HttpStatus.PRECONDITION_FAILED, 'STALE_VERSION', message),
  preconditionRequired: (message: string) => new AppError(HttpStatus.PRECONDITION_REQUIRED, 'PRECONDITION_REQUIRED', message),
};
