import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  /** Dotted path of the field at fault, e.g. "attributes.voltageKv". */
  field: string;
  reason: string;
}

/**
 * An error a feature throws on purpose. `code` is stable and machine-readable; `message` is for people.
 * The global filter turns it into { statusCode, code, message, details }.
 *
 * Each feature has one factory object in <feature>.errors.ts (`XErrors = { notFound: (id) => new AppError(404,
 * 'X_NOT_FOUND', …) }`): services throw `XErrors.notFound(id)`, never `new AppError(...)` inline, and the feature's
 * codes are the literal union `ErrorCodeOf<typeof XErrors>` (test: common/error-catalogue.spec.ts).
 */
export class AppError<C extends string = string> extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: C,
    message: string,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A 429 that says when to come back: the error filter sends it as Retry-After (whole seconds, at least 1). */
export class RetryLaterError<C extends string = string> extends AppError<C> {
  constructor(
    code: C,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.TOO_MANY_REQUESTS, code, message);
    this.name = 'RetryLaterError';
  }
}

/** The codes a feature's factory object can produce: `ErrorCodeOf<typeof WeeklyReportErrors>` = 'INVALID_ISO_WEEK' | … */
export type ErrorCodeOf<F> = { [K in keyof F]: F[K] extends (...args: never[]) => AppError<infer C> ? C : never }[keyof F];

/** Shorthands for the errors every feature needs. */
export const Errors = {
  validation: (details: FieldError[], message = 'The request has invalid fields') =>
    new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, details),
  badRequest: <C extends string>(code: C, message: string, details: FieldError[] = []) => new AppError(HttpStatus.BAD_REQUEST, code, message, details),
  notFound: (entity: string, id: string) =>
    new AppError(HttpStatus.NOT_FOUND, `${entity.toUpperCase()}_NOT_FOUND`, `No ${entity.replace(/_/g, ' ')} with id ${id}`),
  forbidden: (message = 'You may not do this') => new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message),
  conflict: <C extends string>(code: C, message: string, details: FieldError[] = []) => new AppError(HttpStatus.CONFLICT, code, message, details),
  preconditionFailed: (message: string) => new AppError(HttpStatus.PRECONDITION_FAILED, 'STALE_VERSION', message),
  preconditionRequired: (message: string) => new AppError(HttpStatus.PRECONDITION_REQUIRED, 'PRECONDITION_REQUIRED', message),
};
