/**
 * The 节点调整审批 page's words, as plain functions (unit-tested): the tabs and their API status, and how a move
 * reads ("推迟 41 个工作日", "提前 3 个工作日") from the working days the API counted.
 */
import type { LocationQuery } from 'vue-router';

export interface RequestTab {
  key: string;
  label: string;
  status?: 'pending' | 'approved' | 'rejected';
  empty: string;
}

export const REQUEST_TABS: readonly RequestTab[] = [
  { key: 'pending', label: '待审核', status: 'pending', empty: '没有待审核的调期申请' },
  { key: 'approved', label: '已批准', status: 'approved', empty: '还没有批准的调期申请' },
  { key: 'rejected', label: '已驳回', status: 'rejected', empty: '还没有驳回的调期申请' },
  { key: 'all', label: '全部', empty: '还没有调期申请：关键节点或调整幅度超过免审工作日数的计划日期调整会在这里等待审核' },
];

export function requestTabFromQuery(query: LocationQuery): RequestTab {
  const key = Array.isArray(query.tab) ? query.tab[0] : query.tab;
  return REQUEST_TABS.find((tab) => tab.key === key) ?? REQUEST_TABS[0];
}

export function describeMove(workingDays: number): string {
  if (workingDays > 0) return `推迟 ${workingDays} 个工作日`;
  if (workingDays < 0) return `提前 ${-workingDays} 个工作日`;
  return '同一工作日';
}

/** What a request asks, in words: a move by its working days, or removing the milestone (删除节点, newDate null). */
export function describeRequest(request: { kind?: string; workingDays: number }): string {
  return request.kind === 'removal' ? '申请删除节点' : describeMove(request.workingDays);
}
