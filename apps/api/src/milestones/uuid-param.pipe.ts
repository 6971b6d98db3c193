import { ParseUUIDPipe } from '@nestjs/common';
import { MilestoneErrors } from './milestone.errors';

/** A path id that must be a UUID: a malformed one is the caller's mistake (400 naming the parameter), never a 500. */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => MilestoneErrors.invalidId(field) });
}
