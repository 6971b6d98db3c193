import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { HandlesJob, JobHandler, QueueRegistry, REMINDER_SCAN_SCHEDULER_ID } from '@app/queue';
import { ReminderRulesReader, scanCronPattern } from './reminder-rules.reader';

/**
 * Registers the daily reminder scan with BullMQ: one job scheduler with a stable
 * id, a cron pattern at the rules' sendAt in Asia/Shanghai, every day (the scan
 * itself does nothing on days off, so 调休 weekends are covered). Every worker
 * process upserts it at boot — the same id, so there is still one — and again
 * when the admin changes the rules ('reminder-rules-changed' from the outbox).
 */
@HandlesJob('reminder-rules-changed')
@Injectable()
export class ReminderScanScheduler implements OnApplicationBootstrap, OnModuleDestroy, JobHandler<'reminder-rules-changed'> {
  private readonly logger = new Logger(ReminderScanScheduler.name);
  private readonly stopping = new AbortController();
  /** The boot-time registration, retried while Redis is unreachable; never blocks the boot. */
  registered?: Promise<void>;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly rules: ReminderRulesReader,
  ) {}

  onApplicationBootstrap(): void {
    this.registered = this.registerUntilDone();
  }

  onModuleDestroy(): void {
    this.stopping.abort();
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

  async handle(): Promise<{ pattern: string }> {
    return { pattern: await this.sync() };
  }

  /** Upserts the scheduler from the current rules; returns the cron pattern. */
  async sync(): Promise<string> {
    const { sendAt } = await this.rules.load();
    const pattern = scanCronPattern(sendAt);
    await this.queues.queue('reminder-scan').upsertJobScheduler(
      REMINDER_SCAN_SCHEDULER_ID,
      { pattern, tz: 'Asia/Shanghai' },
      { name: 'reminder-scan', data: { trigger: 'schedule' } },
    );
    this.logger.log(`reminder scan scheduled at ${sendAt} Asia/Shanghai (${pattern})`);
    return pattern;
  }
}
