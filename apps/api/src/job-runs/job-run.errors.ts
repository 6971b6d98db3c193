import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

/** The errors of the scheduled-job runs (job_runs) and their manual start; their codes are JobRunErrorCode. */
export const JobRunErrors = {
  /** 404: no scheduled job of that name; details list the names. */
  scheduledJobNotFound: (name: string, names: readonly string[]) =>
    new AppError(HttpStatus.NOT_FOUND, 'SCHEDULED_JOB_NOT_FOUND', `No scheduled job named ${name}; jobs: ${names.join(', ')}`, [
      { field: 'name', reason: `one of ${names.join(', ')}` },
    ]),
  /** 404: no run with this id. */
  runNotFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'JOB_RUN_NOT_FOUND', `No job run with id ${id}`),
  /** 409: a manual run of this job and occurrence is still queued or running; details give its id. */
  runInProgress: (name: string, occurrence: string, running: { id: string; status: string }) =>
    new AppError(HttpStatus.CONFLICT, 'JOB_RUN_IN_PROGRESS', `A run of ${name} for ${occurrence} is already ${running.status}`, [
      { field: 'name', reason: `run ${running.id} is ${running.status}` },
    ]),
  /** 400: the ISO week asked for is malformed or has not ended. */
  invalidIsoWeek: (message: string, reason: string) => new AppError(HttpStatus.BAD_REQUEST, 'INVALID_ISO_WEEK', message, [{ field: 'isoWeek', reason }]),
};
export type JobRunErrorCode = ErrorCodeOf<typeof JobRunErrors>;
