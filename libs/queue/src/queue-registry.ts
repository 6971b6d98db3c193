import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Job, JobsOptions, Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { assertJobId, JOB_QUEUES, JobName, JobPayloads, QUEUE_NAMES, QueueName } from './queue-names';
import { closeQueues, producerConnection } from './redis-connection';

export type TypedJobsOptions = JobsOptions & { jobId: string };

/**
 * The BullMQ queues of this process, created on first use with the shared
 * connection settings, prefix (QUEUE_PREFIX) and job defaults. Closed before
 * the database (beforeApplicationShutdown), after the workers (onModuleDestroy).
 */
@Injectable()
export class QueueRegistry implements BeforeApplicationShutdown {
  private readonly logger = new Logger(QueueRegistry.name);
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  get prefix(): string {
    return this.config.QUEUE_PREFIX;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: producerConnection(this.config.REDIS_URL),
        prefix: this.config.QUEUE_PREFIX,
        defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, backoff: { type: 'exponential', delay: this.config.QUEUE_BACKOFF_MS } },
      });
      // Reported through health checks and the callers' own errors; without a listener ioredis would print every reconnect.
      queue.on('error', (error) => this.logger.debug(`queue ${name}: ${error.message}`));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Every queue of the registry (e.g. for health and dashboards). */
  all(): Queue[] {
    return QUEUE_NAMES.map((name) => this.queue(name));
  }

  queueOf(job: JobName): Queue {
    return this.queue(JOB_QUEUES[job]);
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: TypedJobsOptions): Promise<Job> {
    return this.queueOf(name).add(name, data, { ...opts, jobId: assertJobId(opts.jobId) });
  }

  /** Adds many jobs of one name at once; jobs whose id already exists are left as they are (BullMQ dedup). */
  async addBulk<N extends JobName>(name: N, jobs: Array<{ data: JobPayloads[N]; opts: TypedJobsOptions }>): Promise<Job[]> {
    if (jobs.length === 0) return [];
    return this.queueOf(name).addBulk(jobs.map((job) => ({ name, data: job.data, opts: { ...job.opts, jobId: assertJobId(job.opts.jobId) } })));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeQueues(this.queues.values());
    this.queues.clear();
  }
}
