/** Error codes of the scheduled-job runs (job_runs) and their manual start. */
export const JobRunErrors = {
  /** No scheduled job of that name (404); details list the names. */
  SCHEDULED_JOB_NOT_FOUND: 'SCHEDULED_JOB_NOT_FOUND',
  /** No run with this id (404). */
  JOB_RUN_NOT_FOUND: 'JOB_RUN_NOT_FOUND',
  /** A manual run of this job and occurrence is still queued or running (409); details give its id. */
  JOB_RUN_IN_PROGRESS: 'JOB_RUN_IN_PROGRESS',
  /** The ISO week asked for is malformed or has not ended (400). */
  INVALID_ISO_WEEK: 'INVALID_ISO_WEEK',
} as const;
