import type { ChannelKind } from '@app/domain';

/**
 * The contract between the reminder pipeline (this folder) and the delivery
 * channels (apps/worker/src/external-channels): what one reminder says and where it goes.
 * Keep it stable — the channels helper builds against it.
 */
export interface ReminderMessage {
  reminderId: string; // deterministic identity, also the BullMQ jobId
  kind: 'due_soon' | 'due_today' | 'overdue' | 'notice_reply_due' | 'notice_reply_overdue' | 'problem_escalation';
  escalationLevel: 0 | 1 | 2; // 0 owner unit, 1 + lead official (E1), 2 + 督查室 (E2)
  title: string; // Chinese, e.g. 「【逾期催办】玉泉变 220 千伏变电站工程 · 开工」
  text: string; // Chinese markdown body: project, milestone, planned date, working days late, owner unit, link
  link: string; // PUBLIC_BASE_URL + path of the project
  projectId: string;
  projectName: string;
  milestoneId: string | null;
  milestoneName: string | null;
  plannedDate: string | null;
  workingDaysLate: number;
  ownerUnitName: string | null;
}

export interface ReminderRecipient {
  channel: ChannelKind;
  address: string;
  userId?: string | null;
  secret?: string | null;
}
