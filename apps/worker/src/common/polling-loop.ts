import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a polling loop paces itself; read before every wait, so it may follow the configuration. */
export interface PollingPace {
  /** The wait after a round that left nothing to do at once. */
  idleMs: number;
  /** The wait after a failed round, `failures` being the failed rounds in a row (1 after the first). Default: idleMs. */
  afterFailureMs?: (failures: number) => number;
  /** Wait one idleMs before the first round: work that falls due later, not at start. */
  waitFirst?: boolean;
  /** A failure is logged the first time and then every `warnEvery`th in a row (1: every time). Default 1. */
  warnEvery?: number;
}

/**
 * The worker's loops that poll Postgres rather than take BullMQ jobs (the outbox
 * relay, the event-notification relay and sender, the red-light scan, the
 * job-run watchdog) — most of them must go on while Redis is down: started
 * at application bootstrap, in the background; a round that fails is logged and
 * the loop waits (or backs off) and goes on — it never stops by itself; at
 * module destroy the wait is cut short and the round in flight is awaited, so
 * the database closes after the last round. A round that reports more work
 * (a full batch) is followed at once by the next.
 *
 * A subclass says what one round is (`poll`) and how the loop paces itself
 * (`pace`).
 */
export abstract class PollingLoop implements OnApplicationBootstrap, OnModuleDestroy {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly stopping = new AbortController();
  private loop?: Promise<void>;
  private failures = 0;

  /** One round; true when there is more to do at once (the batch was full). */
  protected abstract poll(): Promise<boolean>;

  protected abstract pace(): PollingPace;

  /** What the loop does, for its log lines: 'outbox relay'. */
  protected abstract readonly what: string;

  /** Whether the module is being destroyed: a long round checks it between its steps. */
  protected get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    if (this.pace().waitFirst) await this.wait(this.pace().idleMs);
    while (!this.stopping.signal.aborted) {
      let more = false;
      try {
        more = await this.poll();
        if (this.failures > 0) this.logger.log(`${this.what} recovered after ${this.failures} failed round(s)`);
        this.failures = 0;
      } catch (error) {
        this.failures++;
        const { warnEvery = 1 } = this.pace();
        if ((this.failures - 1) % warnEvery === 0) this.logger.warn(`${this.what} failed (round ${this.failures} in a row): ${(error as Error).message}`);
      }
      if (more) continue;
      const pace = this.pace();
      await this.wait(this.failures > 0 && pace.afterFailureMs ? pace.afterFailureMs(this.failures) : pace.idleMs);
    }
  }

  private async wait(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }
}
