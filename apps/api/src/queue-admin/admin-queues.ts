import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { closeQueues, producerConnection, QUEUE_NAMES, QueueRegistry } from '@app/queue';

/**
 * Queues the worker runs outside libs/queue's registry, each beside its handler:
 * apps/worker/src/notice-reminders/notice-reminder-jobs.ts (NOTICE_REMINDER_QUEUE)
 * and apps/worker/src/weekly-reports/weekly-report-jobs.ts (WEEKLY_REPORT_QUEUE).
 * test/queue-admin.e2e-spec.ts fails if those constants and this list part ways;
 * drop a name here once its queue joins QUEUE_NAMES.
 */
export const WORKER_OWN_QUEUES = ['notice-reminders', 'weekly-reports'] as const;

/** Every queue an operator looks at: the registry's, then the worker's own. */
export const ADMIN_QUEUE_NAMES: readonly string[] = [...QUEUE_NAMES, ...WORKER_OWN_QUEUES];

/**
 * The queues as the admin routes and Bull Board see them: the registry's queues
 * through QueueRegistry, the worker's own ones opened here with the same
 * connection settings and QUEUE_PREFIX (producers only: the API runs no workers).
 */
@Injectable()
export class AdminQueues implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AdminQueues.name);
  private readonly own = new Map<string, Queue>();

  constructor(
    private readonly registry: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  /** The queue of that name, or undefined when no such queue exists. */
  get(name: string): Queue | undefined {
    if ((QUEUE_NAMES as readonly string[]).includes(name)) return this.registry.queue(name as (typeof QUEUE_NAMES)[number]);
    if (!(WORKER_OWN_QUEUES as readonly string[]).includes(name)) return undefined;
    let queue = this.own.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: producerConnection(this.config.REDIS_URL), prefix: this.config.QUEUE_PREFIX });
      queue.on('error', (error) => this.logger.debug(`queue ${name}: ${error.message}`));
      this.own.set(name, queue);
    }
    return queue;
  }

  all(): Array<{ name: string; queue: Queue }> {
    return ADMIN_QUEUE_NAMES.map((name) => ({ name, queue: this.get(name)! }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeQueues(this.own.values());
    this.own.clear();
  }
}
