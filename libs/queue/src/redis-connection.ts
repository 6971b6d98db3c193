import type { ConnectionOptions, Queue } from 'bullmq';
import Redis from 'ioredis';

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

/**
 * Closes producer queues without an unhandled 'error': a queue closed while its
 * connection is still initialising makes BullMQ emit the aborted init as an error
 * after the queue's listeners are gone. So wait (bounded, in case Redis is down)
 * until each queue is ready, then close it.
 */
export async function closeQueues(queues: Iterable<Queue>, readyTimeoutMs = 2000): Promise<void> {
  await Promise.allSettled(
    [...queues].map(async (queue) => {
      await Promise.race([queue.waitUntilReady().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, readyTimeoutMs).unref())]);
      await queue.close();
    }),
  );
}

/** Deletes every key under one BullMQ prefix (a test's or a benchmark's own), with SCAN — never a FLUSH. */
export function deleteKeysWithPrefix(prefix: string, redisUrl: string): Promise<void> {
  return deleteKeysMatching(`${prefix}:*`, redisUrl);
}

/** Deletes the keys matching a SCAN pattern, e.g. every prefix of one test run ('kpt-test-<run>-*'). */
export async function deleteKeysMatching(pattern: string, redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
