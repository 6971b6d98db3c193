import { QueryFailedError } from 'typeorm';

/**
 * The named constraint a failed write broke, when it was a unique or foreign-key (or check) violation Postgres
 * reported with a name: services turn their own constraints into the 409 that names the field. Undefined for any
 * other error. TypeORM copies the driver's fields onto the QueryFailedError and keeps the original in driverError.
 */
export function violatedConstraint(error: unknown): { code: string; constraint: string } | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driver = (error.driverError ?? {}) as { code?: unknown; constraint?: unknown };
  const own = error as QueryFailedError & { code?: unknown; constraint?: unknown };
  const code = String(driver.code ?? own.code ?? '');
  const constraint = driver.constraint ?? own.constraint;
  return typeof constraint === 'string' && constraint !== '' ? { code, constraint } : undefined;
}

/** True when the write broke the unique constraint `name` (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown, name: string): boolean {
  const violated = violatedConstraint(error);
  return violated?.code === '23505' && violated.constraint === name;
}
