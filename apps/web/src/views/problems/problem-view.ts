/**
 * What the 问题台账 pages show, as plain functions (unit-tested): the list's state tabs and the API query behind
 * each, the tags of states and severities, the steps as buttons (the API says which the caller may take), and
 * the history as lines a person reads.
 */
import type { LocationQuery } from 'vue-router';
import type { components } from '@/api/schema';
import type { SessionUser } from '@/composables/useSession';
import { formatDateTime } from '@/utils/format';

export type Problem = components['schemas']['CoordinationProblemResponse'];
export type ProblemSummary = components['schemas']['CoordinationProblemSummaryResponse'];
export type ProblemEvent = components['schemas']['CoordinationProblemEventResponse'];
export type ProblemStep = Problem['actions'][number];
type State = ProblemSummary['state'];

export interface ProblemTab {
  key: string;
  label: string;
  states: State[] | undefined;
  empty: string;
}

export const PROBLEM_TABS: readonly ProblemTab[] = [
  { key: 'open', label: '未销号', states: ['new', 'coordinating', 'resolved'], empty: '没有未销号的问题' },
  { key: 'new', label: '新增', states: ['new'], empty: '没有待受理的新增问题' },
  { key: 'coordinating', label: '协调中', states: ['coordinating'], empty: '没有协调中的问题' },
  { key: 'resolved', label: '已解决待销号', states: ['resolved'], empty: '没有待销号的问题' },
  { key: 'closed', label: '已销号', states: ['closed'], empty: '还没有销号的问题' },
  { key: 'suspended', label: '挂起', states: ['suspended'], empty: '没有挂起的问题' },
  { key: 'all', label: '全部', states: undefined, empty: '还没有问题：在项目详情的“进展填报”中把需协调事项“转为问题”，或在“问题台账”页签中提出问题' },
];

export function tabFromQuery(query: LocationQuery): ProblemTab {
  const key = Array.isArray(query.tab) ? query.tab[0] : query.tab;
  return PROBLEM_TABS.find((tab) => tab.key === key) ?? PROBLEM_TABS[0];
}

/** The 督查室 (and the leaders and viewers watching) work oldest first; units see their newest first. */
export function defaultSort(user: SessionUser | null): 'oldest-open' | 'recent' {
  return user && user.role !== 'department_editor' ? 'oldest-open' : 'recent';
}

export const PROBLEM_STATE_TAG: Record<string, 'primary' | 'warning' | 'success' | 'danger' | 'info'> = {
  new: 'danger',
  coordinating: 'warning',
  resolved: 'primary',
  closed: 'success',
  suspended: 'info',
};

export const SEVERITY_TAG: Record<string, 'info' | 'warning' | 'danger'> = { general: 'info', major: 'warning', critical: 'danger' };

export const SEVERITY_OPTIONS = [
  { value: 'general', label: '一般' },
  { value: 'major', label: '较大' },
  { value: 'critical', label: '重大' },
] as const;

/** The climb as words: who has been reminded since the last step. */
export function climbLabel(step: number): string | null {
  return ['', '已催办协调部门', '已升级至包联领导', '已升级至督查室'][step] || null;
}

/** 停滞 N 个工作日, for open problems; the API counts the working days. */
export function stalledLabel(problem: Pick<ProblemSummary, 'workingDaysSinceMove'>): string {
  const days = problem.workingDaysSinceMove;
  if (days === null || days === undefined) return '—';
  return days === 0 ? '今日有进展' : `${days} 个工作日`;
}

export function coordinatingNames(problem: Pick<ProblemSummary, 'coordinatingUnits'>): string {
  return problem.coordinatingUnits.map((unit) => (unit.lead && problem.coordinatingUnits.length > 1 ? `${unit.name}（牵头）` : unit.name)).join('、');
}

export interface StepButton {
  step: ProblemStep;
  label: string;
  /** Element button type. */
  type: 'primary' | 'danger' | 'default';
  /** What the dialog asks for. */
  needs: 'measure' | 'reason' | 'comment';
  title: string;
  hint: string;
}

export const STEP_BUTTONS: Record<ProblemStep, StepButton> = {
  accept: { step: 'accept', label: '受理', type: 'primary', needs: 'measure', title: '受理问题', hint: '写明本单位的协调措施和承诺解决日期；提出单位和督查室都能看到。' },
  claim: { step: 'claim', label: '申报已解决', type: 'primary', needs: 'comment', title: '申报问题已解决', hint: '申报后由督查室审核销号；可说明解决情况，佐证材料请在进展填报中上传。' },
  close: { step: 'close', label: '同意销号', type: 'primary', needs: 'comment', title: '同意销号', hint: '销号后问题不再催办，计入本周“已销号”。' },
  return: { step: 'return', label: '退回', type: 'danger', needs: 'reason', title: '退回，继续协调', hint: '写明退回原因，问题回到“协调中”，催办重新计时。' },
  suspend: { step: 'suspend', label: '挂起', type: 'default', needs: 'reason', title: '挂起问题', hint: '挂起的问题暂停催办，须写明原因（如等待上级政策、规划调整）。' },
  resume: { step: 'resume', label: '恢复', type: 'primary', needs: 'comment', title: '恢复问题', hint: '恢复到挂起前的状态，催办从今天重新计时。' },
};

/** The buttons of the steps the API lets the caller take, in the order of the flow. */
export function stepButtons(problem: Pick<Problem, 'actions'>): StepButton[] {
  const order: ProblemStep[] = ['accept', 'claim', 'close', 'return', 'resume', 'suspend'];
  return order.filter((step) => problem.actions.includes(step)).map((step) => STEP_BUTTONS[step]);
}

export interface HistoryEntry {
  id: string;
  title: string;
  who: string;
  when: string;
  type: 'primary' | 'success' | 'warning' | 'danger' | 'info';
  lines: Array<{ label: string; text: string }>;
}

const EVENT_TONE: Record<ProblemEvent['type'], HistoryEntry['type']> = {
  raised: 'primary',
  accepted: 'warning',
  claimed: 'primary',
  closed: 'success',
  returned: 'danger',
  suspended: 'info',
  resumed: 'warning',
  escalated: 'danger',
};

const ESCALATED_TO = ['', '协调部门', '包联领导', '督查室'];

export function historyOf(problem: Pick<Problem, 'events'>): HistoryEntry[] {
  return problem.events.map((event) => {
    const lines: HistoryEntry['lines'] = [];
    if (event.type === 'accepted') {
      if (event.comment) lines.push({ label: '协调措施', text: event.comment });
      if (event.measureDate) lines.push({ label: '承诺解决', text: event.measureDate });
    } else if (event.type === 'escalated') {
      lines.push({ label: '原因', text: `${event.workingDaysStalled ?? ''} 个工作日无进展，已提醒${ESCALATED_TO[event.step ?? 0] ?? ''}` });
    } else if (event.comment) {
      const label = event.type === 'returned' ? '退回意见' : event.type === 'suspended' ? '挂起原因' : event.type === 'closed' ? '销号意见' : '说明';
      lines.push({ label, text: event.comment });
    }
    // Demo and real accounts are often named after their unit already (区住建局填报员): the unit is said once.
    const who = event.department && !event.actor.name.includes(event.department.name) ? `${event.department.name} ${event.actor.name}` : event.actor.name;
    return {
      id: event.id,
      title: event.type === 'escalated' ? `催办升级（第 ${event.step} 级）` : event.typeLabel,
      who: event.actor.id === null ? '系统' : who,
      when: formatDateTime(event.at),
      type: EVENT_TONE[event.type],
      lines,
    };
  });
}

/** Who may raise a problem on a project: the owner unit's editor, the 督查室, an admin. */
export function canRaise(user: SessionUser | null, ownerUnitId: string | null | undefined): boolean {
  if (!user || !ownerUnitId) return false;
  if (user.role === 'admin' || user.role === 'supervisor') return true;
  return user.role === 'department_editor' && user.departmentId === ownerUnitId;
}
