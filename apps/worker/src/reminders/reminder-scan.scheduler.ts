import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import { AppConfig } from '@app/config';
import { HandlesJob, JobHandler, QueueRegistry, REMINDER_SCAN_SCHEDULER_ID } from '@app/queue';
import { districtTimeOfDay, ReminderRulesReader, scanCronPattern } from './reminder-rules.reader';

/** How often a worker checks that the schedule is still in Redis (it is lost when Redis loses its data). */
const CHECK_EVERY_MS = 10 * 60_000;

export interface ScanScheduleSync {
  pattern: string;
  /** The scheduler was missing or different and has been (re)written. */
  changed: boolean;
  /** Id of the catch-up scan enqueued for today, if any. */
  catchUp?: string;
}

/**
 * Registers the daily reminder scan with BullMQ: one job scheduler with a stable
 * id, a cron pattern at the rules' sendAt in Asia/Shanghai, every day (the scan
 * itself does nothing on days off, so 调休 weekends are covered). Every worker
 * process makes sure of it at boot and every 10 minutes — the same id, so there
 * is still one — and rewrites it when the admin changes the rules
 * ('reminder-rules-changed' from the outbox).
 *
 * When it finds the schedule missing after today's send time on a working day
 * (first deployment, or a Redis that lost its data), it also enqueues today's
 * scan at once (REMINDER_CATCH_UP), with a per-day job id so several workers add
 * it once; scanning is idempotent anyway.
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
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
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

  /** Makes the scheduler match the current rules; catches up today's scan if it had to create it. */
  async sync(): Promise<ScanScheduleSync> {
    const { sendAt } = await this.rules.load();
    const pattern = scanCronPattern(sendAt);
    const queue = this.queues.queue('reminder-scan');
    const current = await queue.getJobScheduler(REMINDER_SCAN_SCHEDULER_ID);
    if (current?.pattern === pattern && current?.tz === 'Asia/Shanghai') return { pattern, changed: false };

    await queue.upsertJobScheduler(REMINDER_SCAN_SCHEDULER_ID, { pattern, tz: 'Asia/Shanghai' }, { name: 'reminder-scan', data: { trigger: 'schedule' } });
    this.logger.log(`reminder scan scheduled at ${sendAt} Asia/Shanghai (${pattern})`);
    const result: ScanScheduleSync = { pattern, changed: true };
    const today = this.clock.today();
    if (!current && this.config.REMINDER_CATCH_UP && this.calendar.isWorkingDay(today) && districtTimeOfDay(this.clock.now()) >= sendAt) {
      result.catchUp = `reminder-scan-catch-up-${today.replace(/-/g, '')}`;
      await this.queues.add('reminder-scan', { trigger: 'catch-up' }, { jobId: result.catchUp });
      this.logger.log(`the schedule was missing after ${sendAt} on a working day: today's scan runs now (${result.catchUp})`);
    }
    return result;
  }
}
