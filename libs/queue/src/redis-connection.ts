import type { ConnectionOptions } from 'bullmq';

/**
 * ioredis options for BullMQ from REDIS_URL. Producers (Queue) fail fast while
 * Redis is down (no offline queue), so callers such as the outbox relay can
 * retry later instead of hanging; workers keep BullMQ's own settings
 * (maxRetriesPerRequest null, reconnect forever).
 */
export function producerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, enableOfflineQueue: false, connectTimeout: 5000 } as ConnectionOptions;
}

export function workerConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null, connectTimeout: 5000 } as ConnectionOptions;
}
