/** Error codes of the queue administration (failed jobs, Bull Board). */
export const QueueAdminErrors = {
  /** The queue name is not one of libs/queue's registry (QUEUE_NAMES) (404). */
  QUEUE_NOT_FOUND: 'QUEUE_NOT_FOUND',
  /** No job with this id in the queue (404); failed jobs may have been removed in Bull Board. */
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  /** Only failed jobs can be retried (409); details say the job's current state. */
  JOB_NOT_FAILED: 'JOB_NOT_FAILED',
} as const;
