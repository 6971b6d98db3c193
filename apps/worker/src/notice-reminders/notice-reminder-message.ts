import { NOTICE_REPLY_DUE_SOON_WORKING_DAYS } from './notice-reminder-occurrence';
import type { NoticeReminderKind } from '@app/domain';
import type { ReminderMessage } from '../reminder-delivery/reminder-message';

/** What a notice reminder is about, as the send processor reads it from Postgres. */
export interface NoticeForReminder {
  id: string;
  number: string;
  title: string;
  replyDueDate: string;
  ownerUnitName: string;
  items: Array<{ projectId: string; projectName: string; milestoneId: string | null; milestoneName: string | null; milestonePlannedDate: string | null }>;
}

export interface NoticeReminderFacts {
  reminderId: string;
  kind: NoticeReminderKind;
  escalationLevel: 0 | 1 | 2;
  workingDaysLate: number;
}

/** Where a notice can be read: PUBLIC_BASE_URL + its path, as the milestone reminders link their project. */
export function noticeLink(publicBaseUrl: string, noticeId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/supervision-notices/${noticeId}`;
}

const TITLE_PREFIX: Record<NoticeReminderKind, string> = {
  notice_reply_due: '【督办回复提醒】',
  notice_reply_overdue: '【督办回复逾期】',
};

const ESCALATION_LABEL = ['责任单位', '已升级至包联领导', '已升级至督查室'] as const;

/**
 * The reminder as every channel gets it (ReminderMessage, the pipeline's
 * contract), laid out like the milestone reminders: a Chinese title, then a
 * markdown body naming the notice, the owner unit, the reply due date, how late
 * it is, the projects it is about and the escalation level.
 * projectId/milestoneId are the notice's first item (the contract has one).
 */
export function noticeReminderMessage(notice: NoticeForReminder, facts: NoticeReminderFacts, link: string): ReminderMessage {
  const late = facts.kind === 'notice_reply_overdue';
  const title = `${TITLE_PREFIX[facts.kind]}${notice.number} ${notice.title}`;
  const lines = [
    `**${title}**`,
    '',
    `- 督办单：${notice.number}`,
    `- 责任单位：${notice.ownerUnitName}`,
    `- 回复期限：${notice.replyDueDate}`,
    late ? `- 已逾期 ${facts.workingDaysLate} 个工作日未回复` : `- 还有 ${NOTICE_REPLY_DUE_SOON_WORKING_DAYS} 个工作日到期`,
    '- 督办项目：',
    ...notice.items.map(
      (item) =>
        `  - ${item.projectName}${item.milestoneName ? ` · ${item.milestoneName}` : ''}${item.milestonePlannedDate ? `（计划 ${item.milestonePlannedDate}）` : ''}`,
    ),
    `- 催办级别：${ESCALATION_LABEL[facts.escalationLevel]}`,
    '',
    late ? '请立即报送整改措施及完成时限。' : '请于回复期限前报送整改措施及完成时限。',
    '',
    `[查看督办单](${link})`,
    '',
    `催办编号：${facts.reminderId}`,
  ];

  const [first] = notice.items;
  return {
    reminderId: facts.reminderId,
    kind: facts.kind,
    escalationLevel: facts.escalationLevel,
    title,
    text: lines.join('\n'),
    link,
    projectId: first.projectId,
    projectName: notice.items.length > 1 ? `${first.projectName} 等 ${notice.items.length} 个项目` : first.projectName,
    milestoneId: first.milestoneId,
    milestoneName: first.milestoneName,
    plannedDate: notice.replyDueDate,
    workingDaysLate: facts.workingDaysLate,
    ownerUnitName: notice.ownerUnitName,
  };
}
