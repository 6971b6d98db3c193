import type { DefaultJobOptions } from 'bullmq';

/**
 * Defaults for every job: 5 attempts with exponential backoff (30 s, 1 min,
 * 2 min, 4 min; the registry's queues take the first delay from
 * QUEUE_BACKOFF_MS), completed jobs kept a week (at most 10,000), failed jobs
 * kept for inspection and manual retry.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 30_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
  removeOnFail: false,
};
