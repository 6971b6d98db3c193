import type { EntityManager } from 'typeorm';
import type { ChannelKind } from '@app/domain';
import type { JobName, JobPayloads } from '@app/queue';
import { assertSqlName, type ReminderTable } from './reminder-delivery';
import type { ReminderMessage, ReminderRecipient } from './reminder-message';

/** A job of libs/queue's registry that delivers one reminder: payload `{ reminderId }`, jobId = the reminder's id. */
export type ReminderSendJob = { [N in JobName]: JobPayloads[N] extends { reminderId: string } ? N : never }[JobName];

/** The core's columns of a reminder row, as a planner's load() returns them (snake_case, as Postgres names them). */
export interface SendableReminderRow {
  id: string;
  status: string;
  channel: ChannelKind;
  recipient_key: string;
  /** The inbox's user, or the person whose own mailbox it is; null for a unit's robot or mailbox. */
  recipient_user_id: string | null;
  /** users.is_active of recipient_user_id (null when there is none): an inactive inbox recipient is skipped. */
  recipient_active: boolean | null;
}

/** Why a planned reminder is no longer sent: its status and reason (e.g. skipped / milestone_completed). */
export interface Settlement {
  status: 'skipped' | 'cancelled';
  reason: string;
}

/**
 * One planner's reminders as the delivery core sees them: which table, which id prefix, which send job, and the
 * three questions only the planner can answer at send time — is it still true, what does it say, who is the
 * robot or mailbox now. Everything else (claim, lock, channels, failure accounting, exactly-once) is the core's:
 * ReminderPlanWriter plans rows of a track, ReminderSender delivers them.
 */
export interface ReminderTrack<Row extends SendableReminderRow = SendableReminderRow> {
  /** Its table: the core's columns (README.md of this folder) and the planner's subject columns. */
  readonly table: ReminderTable;
  /** First part of the identity: `<idPrefix>-<subjectId>-<rule>-<YYYYMMDD>-<recipientKey>`. */
  readonly idPrefix: string;
  /** Its send job in libs/queue's registry. */
  readonly sendJob: ReminderSendJob;
  /** The row with what it is about, as it is now; `lock`: `FOR UPDATE OF` the reminder row (the transaction holds it). */
  load(manager: EntityManager, id: string, lock: boolean): Promise<Row | undefined>;
  /** Why it no longer holds (target done, moved, deleted, replied …), or null to deliver it. */
  stale(row: Row): Settlement | null;
  /** What it says, the same on every channel (title, markdown body, link, 催办编号 = the id). */
  message(manager: EntityManager, row: Row): Promise<ReminderMessage>;
  /** A robot or mailbox as it is set up now (its current address and secret), or null when it is gone or unsubscribed. */
  externalRecipient(manager: EntityManager, row: Row, message: ReminderMessage): Promise<ReminderRecipient | null>;
  /** notifications.reminder_id of its inbox rows (a foreign key to `reminders`): the id for milestone reminders, else null. */
  notificationReminderId(row: Row): string | null;
}

/**
 * The SELECT of a track's load(): the core's columns of reminder `$1` (alias `r`, its recipient's account `u`) with
 * the planner's own `select` list and `joins`; `lock` holds the reminder row (`FOR UPDATE OF r`) for the transaction.
 */
export function reminderRowQuery(table: ReminderTable, select: string, joins: string, lock: boolean): string {
  return `SELECT r.id, r.status, r.channel, r.recipient_key, r.recipient_user_id, u.is_active AS recipient_active, ${select}
            FROM ${assertSqlName(table)} r
            ${joins}
            LEFT JOIN users u ON u.id = r.recipient_user_id
           WHERE r.id = $1
           ${lock ? 'FOR UPDATE OF r' : ''}`;
}
