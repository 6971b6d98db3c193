import type { NoticeReminderKind } from '@app/domain';
import type { ReminderMessage } from '../reminders/reminder-message';

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

/** Where a notice can be read: the API resource under PUBLIC_BASE_URL. */
export function noticeLink(publicBaseUrl: string, noticeId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/api/v1/supervision-notices/${noticeId}`;
}

/**
 * The reminder as every channel gets it (ReminderMessage, the pipeline's
 * contract): a Chinese title and markdown body naming the notice, the owner
 * unit, the reply due date, how late it is, and the projects it is about.
 * projectId/milestoneId are the notice's first item (the contract has one).
 */
export function noticeReminderMessage(notice: NoticeForReminder, facts: NoticeReminderFacts, link: string): ReminderMessage {
  const late = facts.kind === 'notice_reply_overdue';
  const tag = !late ? '【督办回复提醒】' : facts.escalationLevel === 2 ? '【督办逾期·已报督查室】' : '【督办逾期未回复】';
  const deadline = late ? `${notice.replyDueDate}（已逾期 ${facts.workingDaysLate} 个工作日）` : `${notice.replyDueDate}（下一个工作日到期）`;
  const lines = [
    `**督办单**：${notice.number} ${notice.title}`,
    `**责任单位**：${notice.ownerUnitName}`,
    `**回复期限**：${deadline}`,
    `**督办事项**：`,
    ...notice.items.map(
      (item) =>
        `- ${item.projectName}${item.milestoneName ? ` · ${item.milestoneName}` : ''}${item.milestonePlannedDate ? `（计划 ${item.milestonePlannedDate}）` : ''}`,
    ),
    '',
    late ? '请立即报送整改措施及完成时限。' : '请于回复期限前报送整改措施及完成时限。',
  ];
  if (facts.escalationLevel === 1) lines.push('（已同时提醒包联领导）');
  if (facts.escalationLevel === 2) lines.push('（已同时提醒包联领导，并报督查室）');
  lines.push('', `[查看督办单](${link})`);

  const [first] = notice.items;
  return {
    reminderId: facts.reminderId,
    kind: facts.kind,
    escalationLevel: facts.escalationLevel,
    title: `${tag}${notice.number} ${notice.title}`,
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
