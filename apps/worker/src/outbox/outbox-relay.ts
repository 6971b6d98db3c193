import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { OUTBOX_TOPIC_JOBS, OutboxPayloads, QueueRegistry, RelayedOutboxTopic } from '@app/queue';
import { PollingLoop, PollingPace } from '../common/polling-loop';

interface OutboxRow {
  id: string;
  topic: RelayedOutboxTopic;
  payload: OutboxPayloads[RelayedOutboxTopic];
}

const BATCH_SIZE = 500;
const ADD_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 15_000;

/**
 * Moves outbox_events to BullMQ. The API writes an event in the same
 * transaction as the change (so it keeps working while Redis is down); this
 * relay, in every worker process, polls the unpublished rows of the topics it
 * knows (FOR UPDATE SKIP LOCKED, so relays in several processes share the work),
 * adds them as jobs with jobId 'outbox-<id>' and marks them published in the
 * same transaction. Redis unreachable → the transaction rolls back, the attempt
 * and error are recorded, and the relay backs off and tries again: events are
 * delivered once Redis is back. A crash between the add and the commit re-adds
 * the same job ids next time, which BullMQ ignores while it holds them; the
 * handlers read current state, so a late duplicate is harmless too.
 *
 * Polls (PollingLoop): a full batch is followed at once by the next, else every
 * OUTBOX_POLL_INTERVAL_MS; failures back off exponentially up to MAX_BACKOFF_MS.
 */
@Injectable()
export class OutboxRelay extends PollingLoop {
  protected readonly what = 'outbox relay';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {
    super();
  }

  protected async poll(): Promise<boolean> {
    return (await this.relayOnce()) === BATCH_SIZE;
  }

  protected pace(): PollingPace {
    const idleMs = this.config.OUTBOX_POLL_INTERVAL_MS;
    return { idleMs, afterFailureMs: (failures) => Math.min(MAX_BACKOFF_MS, idleMs * 2 ** Math.min(failures, 10)), warnEvery: 20 };
  }

  /** Publishes one batch; returns how many events it moved. */
  async relayOnce(): Promise<number> {
    const topics = Object.keys(OUTBOX_TOPIC_JOBS);
    let ids: string[] = [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        const rows: OutboxRow[] = await manager.query(
          `SELECT id, topic, payload FROM outbox_events
            WHERE published_at IS NULL AND topic = ANY($1::varchar[])
            ORDER BY id
            LIMIT $2
              FOR UPDATE SKIP LOCKED`,
          [topics, BATCH_SIZE],
        );
        if (rows.length === 0) return 0;
        ids = rows.map((row) => row.id);
        await withTimeout(this.publish(rows), ADD_TIMEOUT_MS, 'adding outbox jobs to Redis');
        await manager.query(`UPDATE outbox_events SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::bigint[])`, [ids]);
        return rows.length;
      });
    } catch (error) {
      if (ids.length > 0) {
        await this.dataSource
          .query(`UPDATE outbox_events SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[]) AND published_at IS NULL`, [
            ids,
            (error as Error).message.slice(0, 2000),
          ])
          .catch(() => undefined);
      }
      throw error;
    }
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const milestoneChanges = rows.filter((row) => OUTBOX_TOPIC_JOBS[row.topic] === 'milestone-changed');
    const ruleChanges = rows.filter((row) => OUTBOX_TOPIC_JOBS[row.topic] === 'reminder-rules-changed');
    await Promise.all([
      this.queues.addBulk(
        'milestone-changed',
        milestoneChanges.map((row) => ({
          data: { ...(row.payload as OutboxPayloads['milestone.changed']), outboxId: row.id },
          opts: { jobId: `outbox-${row.id}` },
        })),
      ),
      this.queues.addBulk(
        'reminder-rules-changed',
        ruleChanges.map((row) => ({ data: { outboxId: row.id }, opts: { jobId: `outbox-${row.id}` } })),
      ),
    ]);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
