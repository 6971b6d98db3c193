import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

/** The errors of the queue administration (failed jobs, Bull Board); their codes are QueueAdminErrorCode. */
export const QueueAdminErrors = {
  /** 404: the queue name is not one of libs/queue's registry (QUEUE_NAMES). */
  queueNotFound: (queueName: string, queueNames: readonly string[]) =>
    new AppError(HttpStatus.NOT_FOUND, 'QUEUE_NOT_FOUND', `No queue named ${queueName}; queues: ${queueNames.join(', ')}`),
  /** 404: no job with this id in the queue; failed jobs may have been removed in Bull Board. */
  jobNotFound: (queueName: string, jobId: string) => new AppError(HttpStatus.NOT_FOUND, 'JOB_NOT_FOUND', `No job ${jobId} in the queue ${queueName}`),
  /** 409: only failed jobs can be retried; details say the job's current state. */
  jobNotFailed: (jobId: string, state: string) =>
    new AppError(HttpStatus.CONFLICT, 'JOB_NOT_FAILED', `Job ${jobId} is ${state}; only failed jobs can be retried`, [{ field: 'jobId', reason: `state is ${state}` }]),
};
export type QueueAdminErrorCode = ErrorCodeOf<typeof QueueAdminErrors>;
