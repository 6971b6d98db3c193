/**
 * What the 督办单 pages show, as plain functions (unit-tested): the list's tabs and the API query behind each, who
 * may act on a notice, and the notice's history as the lines a person reads — issued, replied with measures and
 * committed dates (late replies marked), returned with the comment, 销号 with the time.
 */
import type { LocationQuery } from 'vue-router';
import type { components } from '@/api/schema';
import type { SessionUser } from '@/composables/useSession';
import { formatDateTime } from '@/utils/format';

export type Notice = components['schemas']['SupervisionNoticeResponse'];
export type NoticeSummary = components['schemas']['SupervisionNoticeSummaryResponse'];
export type NoticeEvent = components['schemas']['SupervisionNoticeEventResponse'];
type ListQuery = { view?: 'open' | 'awaiting-reply' | 'late-replies' | 'closed-this-week'; status?: 'issued' | 'replied' | 'returned' | 'closed' };

export interface NoticeTab {
  key: string;
  label: string;
  query: ListQuery;
  empty: string;
}

export const NOTICE_TABS: readonly NoticeTab[] = [
  { key: 'awaiting', label: '待回复', query: { view: 'awaiting-reply' }, empty: '没有待回复的督办单' },
  { key: 'late', label: '逾期未回复', query: { view: 'late-replies' }, empty: '没有逾期未回复的督办单' },
  { key: 'replied', label: '已回复待审核', query: { status: 'replied' }, empty: '没有待审核的回复' },
  { key: 'closed', label: '本周销号', query: { view: 'closed-this-week' }, empty: '本周还没有销号的督办单' },
  { key: 'all', label: '全部', query: {}, empty: '还没有督办单：在“逾期督导”页勾选逾期节点即可发督办单' },
];

export function tabFromQuery(query: LocationQuery): NoticeTab {
  const key = Array.isArray(query.tab) ? query.tab[0] : query.tab;
  return NOTICE_TABS.find((tab) => tab.key === key) ?? NOTICE_TABS[0];
}

export const NOTICE_STATUS_TAG: Record<string, 'primary' | 'warning' | 'success' | 'danger' | 'info'> = {
  issued: 'primary',
  replied: 'warning',
  returned: 'danger',
  closed: 'success',
};

/** The owner unit's editor (or an admin) replies while the notice waits for a reply. */
export function canReply(user: SessionUser | null, notice: Pick<NoticeSummary, 'status' | 'ownerUnit'>): boolean {
  if (!user || !['issued', 'returned'].includes(notice.status)) return false;
  return user.role === 'admin' || (user.role === 'department_editor' && user.departmentId === notice.ownerUnit.id);
}

/** The 督查室 (or an admin) accepts or returns a reply. */
export function canDecide(user: SessionUser | null, notice: Pick<NoticeSummary, 'status'>): boolean {
  return !!user && notice.status === 'replied' && (user.role === 'supervisor' || user.role === 'admin');
}

export interface HistoryEntry {
  id: string;
  title: string;
  who: string;
  when: string;
  /** Element Plus timeline colour type. */
  type: 'primary' | 'success' | 'warning' | 'danger' | 'info';
  late: boolean;
  /** Labelled lines: 回复期限, 整改措施, 退回意见, … */
  lines: Array<{ label: string; text: string }>;
  commitments: Array<{ what: string; date: string }>;
}

export function itemLabel(item: { projectName: string; milestoneName?: string | null }): string {
  return item.milestoneName ? `${item.projectName} · ${item.milestoneName}` : item.projectName;
}

export function historyOf(notice: Pick<Notice, 'events' | 'items'>): HistoryEntry[] {
  const items = new Map(notice.items.map((item) => [item.id, item]));
  let replies = 0;
  return notice.events.map((event): HistoryEntry => {
    const base = { id: event.id, who: event.actor.name, when: formatDateTime(event.at), late: false, lines: [] as HistoryEntry['lines'], commitments: [] as HistoryEntry['commitments'] };
    switch (event.type) {
      case 'issued':
        return { ...base, title: '下发督办单', type: 'primary', lines: event.replyDueDate ? [{ label: '回复期限', text: event.replyDueDate }] : [] };
      case 'replied': {
        replies++;
        const late = event.late === true;
        return {
          ...base,
          title: replies > 1 ? `第 ${replies} 次回复` : '回复',
          type: late ? 'danger' : 'warning',
          late,
          lines: [
            ...(late && event.replyDueDate ? [{ label: '逾期回复', text: `回复期限为 ${event.replyDueDate}` }] : []),
            { label: '整改措施', text: event.measures ?? '—' },
          ],
          commitments: (event.commitments ?? []).map((commitment) => {
            const item = items.get(commitment.itemId);
            return { what: item ? itemLabel(item) : '—', date: commitment.committedDate };
          }),
        };
      }
      case 'returned':
        return {
          ...base,
          title: '退回',
          type: 'danger',
          lines: [
            { label: '退回意见', text: event.comment ?? '—' },
            ...(event.replyDueDate
              ? [{ label: '回复期限', text: event.previousReplyDueDate ? `${event.previousReplyDueDate} 延至 ${event.replyDueDate}` : `${event.replyDueDate}（不变）` }]
              : []),
          ],
        };
      case 'closed':
        return { ...base, title: '销号', type: 'success', lines: event.comment ? [{ label: '审核意见', text: event.comment }] : [] };
      default:
        return { ...base, title: '变更', type: 'info' };
    }
  });
}

/** The latest reply's measures (for the conflict dialog: what someone else just wrote). */
export function latestMeasures(notice: Pick<Notice, 'events'>): string {
  return [...notice.events].reverse().find((event) => event.type === 'replied')?.measures ?? '';
}
