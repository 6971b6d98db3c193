/**
 * Notifications of what people do in the supervision loop (督办单 issued,
 * replied, returned, closed; deadline-change requests filed and decided; a
 * project turning red). The contract between the producers — the API, which
 * writes an outbox event in the transaction of the change, and the worker's
 * light scan — and the worker, which turns each event into inbox messages and
 * channel deliveries exactly once (keyed by the event's deterministic key).
 */

export const EVENT_NOTIFICATION_KINDS = [
  'notice_issued',
  'notice_replied',
  'notice_returned',
  'notice_closed',
  'notice_reply_overdue_supervisor',
  'deadline_change_requested',
  'deadline_change_approved',
  'deadline_change_rejected',
  'project_red',
  'problem_raised',
  'problem_accepted',
  'problem_claimed',
  'problem_returned',
  'problem_closed',
] as const;
export type EventNotificationKind = (typeof EVENT_NOTIFICATION_KINDS)[number];

/** The notification kinds a user can set preferences for: reminders and events. */
export const NOTIFICATION_KINDS = [
  'due_soon',
  'due_today',
  'overdue',
  'notice_reply_due',
  'notice_reply_overdue',
  'problem_escalation',
  ...EVENT_NOTIFICATION_KINDS,
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  due_soon: '节点临期提醒',
  due_today: '节点到期提醒',
  overdue: '节点逾期催办',
  notice_reply_due: '督办单回复临期',
  notice_reply_overdue: '督办单回复逾期',
  problem_escalation: '问题催办升级',
  notice_issued: '收到督办单',
  notice_replied: '督办单已回复',
  notice_returned: '督办单被退回',
  notice_closed: '督办单已销号',
  notice_reply_overdue_supervisor: '督办单逾期未回复（督查室）',
  deadline_change_requested: '节点调整申请待审批',
  deadline_change_approved: '节点调整申请已批准',
  deadline_change_rejected: '节点调整申请被驳回',
  project_red: '项目亮红灯',
  problem_raised: '收到待协调问题',
  problem_accepted: '问题已受理',
  problem_claimed: '问题申报已解决（待销号）',
  problem_returned: '问题销号被退回',
  problem_closed: '问题已销号',
};

/** Who an event is for; the worker resolves each audience to active users and the units' channels when it relays. */
export interface EventAudience {
  /** The active department editors of these units, and the units' robots / mailboxes. */
  unitIds?: string[];
  /** These users (when active). */
  userIds?: string[];
  /** The lead officials (包联领导) of these projects, when they have an active account. */
  leadOfficialsOfProjects?: string[];
  /** Every active 督查室 user. */
  supervisors?: boolean;
}

export interface EventNotificationPayload {
  /**
   * Deterministic identity of the event, e.g. `event-notice_issued-<noticeId>`:
   * the unique key of its inbox rows (per user) and the prefix of its deliveries.
   */
  eventKey: string;
  kind: EventNotificationKind;
  /** Chinese one-line title. */
  title: string;
  /** Chinese markdown body, without the link (the worker appends it). */
  text: string;
  /** Path of the web app's page of the object, e.g. `/notices/<id>`; the worker prefixes PUBLIC_BASE_URL. */
  path: string;
  projectId: string | null;
  milestoneId: string | null;
  audience: EventAudience;
}

export function eventKey(kind: EventNotificationKind, ...ids: Array<string | number>): string {
  return ['event', kind, ...ids].join('-');
}
