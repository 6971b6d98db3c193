import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { HandlesJob, JobHandler, QueueRegistry, REMINDER_SCAN_SCHEDULER_ID } from '@app/queue';
import { ReminderRulesReader, scanCronPattern } from './reminder-rules.reader';

/** How often a worker checks that the schedule is still in Redis (it is lost when Redis loses its data). */
const CHECK_EVERY_MS = 10 * 60_000;

export interface ScanScheduleSync {
  pattern: string;
  /** The scheduler was missing or different and has been (re)written. */
  changed: boolean;
}

/**
 * Registers the daily reminder scan with BullMQ: one job scheduler with a stable
 * id, a cron pattern at the rules' sendAt in Asia/Shanghai, every day (the scan
 * itself does nothing on days off, so 调休 weekends are covered). Every worker
 * process makes sure of it at boot and every 10 minutes — the same id, so there
 * is still one — and rewrites it when the admin changes the rules
 * ('reminder-rules-changed' from the outbox).
 *
 * A scan the schedule missed (worker down at the minute, first deployment, a
 * Redis that lost its data) is caught up by JobRuns from job_runs, not here.
 */
@HandlesJob('reminder-rules-changed')
@Injectable()
export class ReminderScanScheduler implements OnApplicationBootstrap, OnModuleDestroy, JobHandler<'reminder-rules-changed'> {
  private readonly logger = new Logger(ReminderScanScheduler.name);
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  /** The boot-time registration, retried while Redis is unreachable; never blocks the boot. */
  registered?: Promise<void>;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly rules: ReminderRulesReader,
  ) {}

  onApplicationBootstrap(): void {
    this.registered = this.registerUntilDone();
    this.timer = setInterval(() => void this.sync().catch(() => undefined), CHECK_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    this.stopping.abort();
    clearInterval(this.timer);
  }

  private async registerUntilDone(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.sync();
        return;
      } catch (error) {
        this.logger.warn(`could not register the reminder scan schedule (attempt ${attempt}): ${(error as Error).message}; retrying`);
        await sleep(Math.min(30_000, 1000 * 2 ** attempt), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  async handle(): Promise<ScanScheduleSync> {
    return this.sync();
  }

  /** Makes the scheduler match the current rules. */
  async sync(): Promise<ScanScheduleSync> {
    const { sendAt } = await this.rules.load();
    const pattern = scanCronPattern(sendAt);
    const queue = this.queues.queue('reminder-scan');
    const current = await queue.getJobScheduler(REMINDER_SCAN_SCHEDULER_ID);
    if (current?.pattern === pattern && current?.tz === 'Asia/Shanghai') return { pattern, changed: false };

    await queue.upsertJobScheduler(REMINDER_SCAN_SCHEDULER_ID, { pattern, tz: 'Asia/Shanghai' }, { name: 'reminder-scan', data: { trigger: 'schedule' } });
    this.logger.log(`reminder scan scheduled at ${sendAt} Asia/Shanghai (${pattern})`);
    return { pattern, changed: true };
  }
}
