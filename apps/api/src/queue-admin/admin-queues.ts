import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUE_NAMES, QueueName, QueueRegistry } from '@app/queue';

/** Every queue an operator looks at: libs/queue's registry (the worker runs no queue outside it). */
export const ADMIN_QUEUE_NAMES: readonly QueueName[] = QUEUE_NAMES;

/**
 * The queues as the admin routes and Bull Board see them, through QueueRegistry
 * (its connection settings and QUEUE_PREFIX; producers only: the API runs no workers).
 */
@Injectable()
export class AdminQueues {
  constructor(private readonly registry: QueueRegistry) {}

  /** The queue of that name, or undefined when no such queue exists. */
  get(name: string): Queue | undefined {
    return (QUEUE_NAMES as readonly string[]).includes(name) ? this.registry.queue(name as QueueName) : undefined;
  }

  all(): Array<{ name: string; queue: Queue }> {
    return ADMIN_QUEUE_NAMES.map((name) => ({ name, queue: this.registry.queue(name) }));
  }
}
