import { Test, TestingModule } from '@nestjs/testing';
import { DiscoveryService } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { Clock, FixedClock } from '@app/calendar';
import { deleteKeysWithPrefix, QueueRegistry } from '@app/queue';
import { WorkerHealthServer } from '../../apps/worker/src/health/worker-health.server';
import { ReminderScanProcessor } from '../../apps/worker/src/reminders/reminder-scan.processor';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TEST_REDIS_URL } from './services';
import { testEnv } from './test-app';
import type { TestDatabase } from './test-database';

/** The real worker (BullMQ workers, scan, outbox relay, health) in-process, on a clock the test sets. */
export interface TestWorker {
  app: TestingModule;
  clock: FixedClock;
  queues: QueueRegistry;
  prefix: string;
  /** Runs the daily scan now, as the scheduler would. */
  scan: ReminderScanProcessor['scan'];
  health: WorkerHealthServer;
  close(): Promise<void>;
}

export interface TestWorkerOptions {
  /** ISO instant of the worker's clock, e.g. '2026-10-13T01:00:00Z' (09:00 in Shanghai). */
  now: string;
  env?: Record<string, string>;
  /** Provider overrides, e.g. a slow channel. */
  override?: (builder: ReturnType<typeof Test.createTestingModule>) => ReturnType<typeof Test.createTestingModule>;
}

export async function createTestWorker(database: TestDatabase, options: TestWorkerOptions): Promise<TestWorker> {
  Object.assign(
    process.env,
    // No catch-up scan at boot: tests start scans themselves (test/worker.e2e-spec.ts covers the catch-up).
    testEnv(database, { WORKER_HEALTH_PORT: '0', OUTBOX_POLL_INTERVAL_MS: '100', REMINDER_CATCH_UP: 'false', KPT_FIXED_NOW: options.now, ...options.env }),
  );
  const clock = new FixedClock(options.now);
  let builder = Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(Clock).useValue(clock);
  if (options.override) builder = options.override(builder);
  const app = await builder.compile();
  app.useLogger(false);
  await app.init();
  await bullmqReady(app);
  const scanner = app.get(ReminderScanProcessor);
  const queues = app.get(QueueRegistry);
  return {
    app,
    clock,
    queues,
    prefix: queues.prefix,
    scan: () => scanner.scan(),
    health: app.get(WorkerHealthServer),
    close: () => app.close(),
  };
}

/**
 * Waits (bounded) until every BullMQ Queue and Worker the app's providers hold
 * has connected: BullMQ reports a connection closed while still being set up as
 * an unhandled 'error', so a test that closes a freshly booted worker must let
 * them connect first. Production workers live long enough not to care.
 */
async function bullmqReady(app: TestingModule, timeoutMs = 5000): Promise<void> {
  const clients: Array<Queue | Worker> = [];
  for (const wrapper of app.get(DiscoveryService).getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    for (const value of Object.values(instance)) {
      if (value instanceof Queue || value instanceof Worker) clients.push(value);
      if (value instanceof Map) for (const item of value.values()) if (item instanceof Queue || item instanceof Worker) clients.push(item);
      if (Array.isArray(value)) for (const item of value) if (item instanceof Queue || item instanceof Worker) clients.push(item);
    }
  }
  await Promise.race([Promise.allSettled(clients.map((client) => client.waitUntilReady())), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

/** Removes every key under a test's own prefix (its queues and schedulers), never anything else in the shared Redis. */
export async function obliterateQueues(prefix: string, redisUrl = TEST_REDIS_URL): Promise<void> {
  if (!prefix.startsWith('kpt-test-')) throw new Error(`refusing to delete keys of a prefix that is not a test's: ${prefix}`);
  await deleteKeysWithPrefix(prefix, redisUrl);
}

/** Polls until `check` returns a truthy value, or fails with the last value seen. */
export async function waitFor<T>(check: () => Promise<T>, { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value ${JSON.stringify(last)}`);
}

/** Reminder rows by status, e.g. { sent: 16 }. */
export async function reminderStatuses(database: TestDatabase): Promise<Record<string, number>> {
  const rows: Array<{ status: string; n: string }> = await database.dataSource.query(`SELECT status, count(*) AS n FROM reminders GROUP BY status`);
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}
