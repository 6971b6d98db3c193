import type { ReminderKind } from '@app/domain';
import type { ReminderMessage } from '../reminder-delivery/reminder-message';

/** What a reminder is about, read at send time. */
export interface ReminderSubject {
  reminderId: string;
  kind: ReminderKind;
  rule: string;
  escalationLevel: number;
  workingDaysLate: number;
  occurrenceDate: string;
  plannedDate: string | null;
  projectId: string;
  projectName: string;
  milestoneId: string | null;
  milestoneName: string | null;
  ownerUnitName: string | null;
}

const TITLE_PREFIX: Record<ReminderKind, string> = {
  due_soon: '【临期提醒】',
  due_today: '【到期提醒】',
  overdue: '【逾期催办】',
  notice_reply_due: '【督办回复提醒】',
  notice_reply_overdue: '【督办回复逾期】',
};

const ESCALATION_LABEL = ['责任单位', '已升级至包联领导', '已升级至督查室'] as const;

/** The Chinese title and markdown body of a reminder, the same for every channel. */
export function buildReminderMessage(subject: ReminderSubject, publicBaseUrl: string): ReminderMessage {
  const level = Math.min(2, Math.max(0, subject.escalationLevel)) as 0 | 1 | 2;
  const link = `${publicBaseUrl.replace(/\/+$/, '')}/projects/${subject.projectId}`;
  const what = subject.milestoneName ? `${subject.projectName} · ${subject.milestoneName}` : subject.projectName;
  const title = `${TITLE_PREFIX[subject.kind]}${what}`;
  const lines = [`**${title}**`, '', `- 项目：${subject.projectName}`];
  if (subject.milestoneName) lines.push(`- 节点：${subject.milestoneName}`);
  if (subject.plannedDate) lines.push(`- 计划完成日期：${subject.plannedDate}`);
  lines.push(`- ${statusLine(subject)}`);
  lines.push(`- 责任单位：${subject.ownerUnitName ?? '未指定'}`);
  lines.push(`- 催办级别：${ESCALATION_LABEL[level]}`);
  lines.push('', `[查看项目](${link})`, '', `催办编号：${subject.reminderId}`);
  return {
    reminderId: subject.reminderId,
    kind: subject.kind,
    escalationLevel: level,
    title,
    text: lines.join('\n'),
    link,
    projectId: subject.projectId,
    projectName: subject.projectName,
    milestoneId: subject.milestoneId,
    milestoneName: subject.milestoneName,
    plannedDate: subject.plannedDate,
    workingDaysLate: subject.workingDaysLate,
    ownerUnitName: subject.ownerUnitName,
  };
}

function statusLine(subject: ReminderSubject): string {
  switch (subject.kind) {
    case 'overdue':
      return `已逾期 ${subject.workingDaysLate} 个工作日，请尽快完成或申请调整计划`;
    case 'due_today':
      return subject.plannedDate && subject.plannedDate !== subject.occurrenceDate
        ? `计划完成日期为节假日，今天是此前最后一个工作日`
        : '今天到期';
    case 'due_soon': {
      const days = Number(/^due-soon-(\d+)$/.exec(subject.rule)?.[1] ?? 0);
      return `距计划完成日期还有 ${days} 个工作日`;
    }
    default:
      return subject.workingDaysLate > 0 ? `已逾期 ${subject.workingDaysLate} 个工作日` : '即将到期';
  }
}
