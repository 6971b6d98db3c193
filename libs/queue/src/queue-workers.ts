import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { HandlesJob, JobHandler } from './job-handler';
import { JOB_NAMES, JOB_QUEUES, JobName, QUEUE_NAMES, QueueName } from './queue-names';
import { workerConnection } from './redis-connection';

export class JobHandlerRegistrationError extends Error {
  override name = 'JobHandlerRegistrationError';
}

/**
 * Finds the @HandlesJob providers, checks that every job name of the registry
 * has exactly one, and runs one BullMQ Worker per queue that dispatches jobs by
 * name. Several worker processes can run side by side: BullMQ hands each job to
 * one of them at a time.
 *
 * Shutdown (onModuleDestroy, before the queues and the database close): stop
 * taking jobs and let in-flight ones finish, waiting at most
 * WORKER_SHUTDOWN_TIMEOUT_MS — worker.close() itself waits forever — then go on
 * with the shutdown. A job cut off when the process exits is picked up again by
 * the stalled-job check of a running worker.
 */
@Injectable()
export class QueueWorkers implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];
  private handlers = new Map<JobName, JobHandler<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  /** Resolves handlers; throws JobHandlerRegistrationError naming every missing, doubled or unknown job. */
  resolveHandlers(): Map<JobName, JobHandler<JobName>> {
    const found = new Map<JobName, Array<{ name: string; instance: JobHandler<JobName> }>>();
    const problems: string[] = [];
    for (const wrapper of this.discovery.getProviders({ metadataKey: HandlesJob.KEY })) {
      const jobName = this.discovery.getMetadataByDecorator(HandlesJob, wrapper);
      if (!jobName || !wrapper.instance) continue;
      if (!(JOB_NAMES as string[]).includes(jobName)) {
        problems.push(`${wrapper.name} handles "${jobName}", which is not a registered job name`);
        continue;
      }
      if (typeof (wrapper.instance as JobHandler<JobName>).handle !== 'function') {
        problems.push(`${wrapper.name} is marked @HandlesJob("${jobName}") but has no handle(job) method`);
        continue;
      }
      found.set(jobName, [...(found.get(jobName) ?? []), { name: String(wrapper.name), instance: wrapper.instance }]);
    }
    for (const jobName of JOB_NAMES) {
      const handlers = found.get(jobName) ?? [];
      if (handlers.length === 0) problems.push(`job "${jobName}" has no handler`);
      if (handlers.length > 1) problems.push(`job "${jobName}" has ${handlers.length} handlers: ${handlers.map((h) => h.name).join(', ')}`);
    }
    if (problems.length > 0) throw new JobHandlerRegistrationError(`Job handler registry is inconsistent:\n  - ${problems.join('\n  - ')}`);
    return new Map([...found].map(([name, [handler]]) => [name, handler.instance]));
  }

  concurrencyOf(queue: QueueName): number {
    switch (queue) {
      case 'reminders':
      case 'notice-reminders':
        return this.config.REMINDER_SEND_CONCURRENCY;
      case 'reminder-scan':
      case 'weekly-reports':
        return 1;
      default:
        return 4;
    }
  }

  /**
   * How often a job may be found stalled (its worker died mid-job) before BullMQ fails it. A delivery run again is
   * harmless (the reminder row says whether it was sent), so a crash loop must not strand one; a scheduled run that
   * BullMQ fails is re-added by the worker's job-run watchdog.
   */
  maxStalledCountOf(queue: QueueName): number {
    return queue === 'reminders' || queue === 'notice-reminders' ? 10 : 1;
  }

  /** Checks the handlers before anything starts (health server, relay, workers): a bad registry stops the boot. */
  onModuleInit(): void {
    this.handlers = this.resolveHandlers();
  }

  onApplicationBootstrap(): void {
    for (const queueName of QUEUE_NAMES) {
      const worker = new Worker(queueName, (job: Job) => this.dispatch(job), {
        connection: workerConnection(this.config.REDIS_URL),
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.concurrencyOf(queueName),
        lockDuration: this.config.QUEUE_LOCK_DURATION_MS,
        stalledInterval: this.config.QUEUE_LOCK_DURATION_MS,
        maxStalledCount: this.maxStalledCountOf(queueName),
        autorun: true,
      });
      worker.on('error', (error) => this.logger.warn(`worker ${queueName}: ${error.message}`));
      worker.on('failed', (job, error) =>
        this.logger.warn({ queue: queueName, jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, `job ${job?.name} failed: ${error.message}`),
      );
      this.workers.push(worker);
    }
    this.logger.log(`workers on ${QUEUE_NAMES.join(', ')} (prefix ${this.config.QUEUE_PREFIX})`);
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler || JOB_QUEUES[job.name as JobName] !== job.queueName) {
      // A job this build does not know (e.g. added by a newer release): fail it visibly, keep it for inspection.
      throw new Error(`no handler for job "${job.name}" on queue ${job.queueName}`);
    }
    return handler.handle(job as never);
  }

  async onModuleDestroy(): Promise<void> {
    // A worker closed while its connections are still being set up makes BullMQ emit the aborted set-up as an
    // 'error' after its listeners are gone (an unhandled error). Give them a moment (bounded: Redis may be down).
    await Promise.race([
      Promise.allSettled(this.workers.map((worker) => worker.waitUntilReady())),
      new Promise((resolve) => setTimeout(resolve, 2000).unref()),
    ]);
    const timeoutMs = this.config.WORKER_SHUTDOWN_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const graceful = Promise.allSettled(this.workers.map((worker) => worker.close())).then(() => 'closed' as const);
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([graceful, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // BullMQ's close(true) returns the pending graceful close, so there is nothing to force: stop waiting and let
      // the shutdown go on. A job still running finishes or dies with the process; if it dies, its lock expires and a
      // running worker retries it as stalled (the reminder row then says whether it was already delivered).
      this.logger.warn(`jobs still running after ${timeoutMs} ms; shutting down without waiting for them`);
    }
    this.workers.length = 0;
  }
}
