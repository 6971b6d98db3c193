import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { JobName, JobPayloads } from './queue-names';

/**
 * Marks a provider as THE handler of one job name. The worker finds handlers by
 * this decorator and refuses to start when a registered job name has none, or two.
 *
 *   @HandlesJob('send-reminder')
 *   @Injectable()
 *   export class SendReminderProcessor implements JobHandler<'send-reminder'> { … }
 */
export const HandlesJob = DiscoveryService.createDecorator<JobName>();

export interface JobHandler<N extends JobName> {
  /** Returns a short result (e.g. 'sent', 'skipped'); throws to make BullMQ retry. */
  handle(job: Job<JobPayloads[N], unknown, N>): Promise<unknown>;
}
