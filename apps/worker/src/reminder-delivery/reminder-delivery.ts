import { Job, UnrecoverableError } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReminderMessage } from './reminder-message';

/**
 * The statements of the delivery core, the same for every reminder table (`reminders`, `notice_reminders`, a third
 * planner's): each has the core's columns (see ./README.md) and the planner's own subject columns.
 *
 * * **Sendable**: `queued`, and `failed` — a failed job retried by hand
 *   (Bull Board, POST /admin/failed-jobs/…/retry) delivers. Anything else
 *   (sent, cancelled, skipped) is settled and a second job does nothing.
 * * **Inbox, exactly once**: one statement claims the row (sendable → sent)
 *   and, only if it claimed it, writes the notification.
 * * **Robots and e-mail**: the caller holds the row lock around the call (ReminderSender).
 * * **Failures**: attempts + 1 and the error on the row; `failed` after the
 *   last attempt (or an unrecoverable error); BullMQ retries with backoff.
 */
/** A reminder table's name (lower-case SQL identifier); checked, since it is written into the statements. */
export type ReminderTable = string;

export function assertSqlName(table: string): string {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a plain SQL name: ${table}`);
  return table;
}

export const SENDABLE_STATUSES: readonly string[] = ['queued', 'failed'];

export function isSendable(status: string): boolean {
  return SENDABLE_STATUSES.includes(status);
}

type Db = DataSource | EntityManager;

/**
 * Claims the reminder and, only if this call claimed it, writes the inbox row — one statement, both or neither.
 * `notificationReminderId`: the notification's reminder_id (it refers to `reminders`; null for a notice reminder,
 * whose row claim alone keeps it once). Returns false when someone else had already settled the reminder.
 */
export async function claimAndDeliverToInbox(
  db: Db,
  table: ReminderTable,
  reminderId: string,
  userId: string,
  message: ReminderMessage,
  notificationReminderId: string | null,
): Promise<boolean> {
  const rows: Array<{ claimed: string }> = await db.query(
    `WITH claimed AS (
       UPDATE ${assertSqlName(table)} SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL, updated_at = now()
        WHERE id = $2 AND status = ANY($10::varchar[])
       RETURNING id
     ), inserted AS (
       INSERT INTO notifications (user_id, reminder_id, kind, escalation_level, title, body, link, project_id, milestone_id)
       SELECT $1, $11::varchar, $3, $4, $5, $6, $7, $8, $9 FROM claimed
       ON CONFLICT ON CONSTRAINT uq_notifications_reminder_id_user_id DO NOTHING
     )
     SELECT id AS claimed FROM claimed`,
    [
      userId,
      reminderId,
      message.kind,
      message.escalationLevel,
      message.title,
      message.text,
      message.link,
      message.projectId,
      message.milestoneId,
      SENDABLE_STATUSES,
      notificationReminderId,
    ],
  );
  return rows.length > 0;
}

/** Marks a delivered external (robot, e-mail) reminder sent, in the transaction that holds its row lock. */
export async function markSent(db: Db, table: ReminderTable, reminderId: string): Promise<void> {
  await db.query(`UPDATE ${assertSqlName(table)} SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL, updated_at = now() WHERE id = $1`, [reminderId]);
}

/** Whether BullMQ will not try this job again after this error. */
export function isFinalAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>, error: unknown): boolean {
  return error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/** Records a failed delivery attempt on the row; `failed` when it was the last. A settled row stays as it is. */
export async function recordDeliveryFailure(db: Db, table: ReminderTable, reminderId: string, error: unknown, final: boolean): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  await db.query(
    `UPDATE ${assertSqlName(table)} SET attempts = attempts + 1, last_error = $2, updated_at = now(), status = CASE WHEN $3 THEN 'failed' ELSE status END
      WHERE id = $1 AND status = ANY($4::varchar[])`,
    [reminderId, message.slice(0, 2000), final, SENDABLE_STATUSES],
  );
}


/** Settles a still-sendable reminder without delivering it (its target changed or vanished); a settled one stays as it is. */
export async function settleReminder(db: Db, table: ReminderTable, reminderId: string, status: 'skipped' | 'cancelled', reason: string): Promise<void> {
  await db.query(`UPDATE ${assertSqlName(table)} SET status = $2, reason = $3, updated_at = now() WHERE id = $1 AND status = ANY($4::varchar[])`, [
    reminderId,
    status,
    reason,
    SENDABLE_STATUSES,
  ]);
}
