/**
 * What the admin pages (系统管理) share: Chinese words for the codes they show, the confirmation of destructive
 * actions, and the last delivery of a notification channel in words.
 */
import { ElMessageBox } from 'element-plus';
import type { components } from '@/api/schema';

export const ROLE_OPTIONS = [
  { value: 'admin', label: '系统管理员' },
  { value: 'supervisor', label: '督查室' },
  { value: 'department_editor', label: '责任单位填报员' },
  { value: 'leader', label: '区领导' },
  { value: 'viewer', label: '只读用户' },
] as const;

export const API_KEY_SCOPE_LABELS: Record<string, string> = {
  'projects:read': '读取项目数据',
  'reports:read': '读取周报',
  'audit:read': '读取审计日志',
};

/** Every channel kind the API knows (libs/domain CHANNEL_KINDS via the OpenAPI document): a new one fails to compile here until it has its words. */
export const CHANNEL_LABELS: Record<components['schemas']['DepartmentChannelResponse']['channel'], string> & Record<string, string> = { dingtalk: '钉钉群机器人', wecom: '企业微信群机器人', email: '电子邮件' };

export const REMINDER_KIND_LABELS: Record<string, string> = {
  due_soon: '节点即将到期',
  due_today: '节点今日到期',
  overdue: '节点逾期',
  notice_reply_due: '督办单即将到回复期限',
  notice_reply_overdue: '督办单回复逾期',
};

/** minEscalationLevel 0–2: which reminders by how far they have been escalated. */
export const ESCALATION_LEVEL_LABELS = ['不限升级级别', '仅已升级至包联领导的', '仅已升级至督查室的'];

export const JOB_LABELS: Record<string, string> = {
  'reminder-scan': '节点催办扫描',
  'notice-reminder-scan': '督办单回复提醒扫描',
  'weekly-report': '周报生成',
};
export const JOB_STATUS_LABELS: Record<string, string> = { queued: '排队中', running: '运行中', done: '已完成', failed: '失败（将重试）', expired: '已过期' };
export const JOB_STATUS_TAGS: Record<string, 'info' | 'primary' | 'success' | 'danger' | 'warning'> = {
  queued: 'info',
  running: 'primary',
  done: 'success',
  failed: 'danger',
  expired: 'warning',
};
export const JOB_TRIGGER_LABELS: Record<string, string> = { schedule: '按计划', 'catch-up': '补跑', manual: '手动' };

/** Asks before a destructive action; resolves true when confirmed. */
export async function confirmDanger(message: string, title: string, confirmText: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
      confirmButtonClass: 'el-button--danger danger-confirm',
      autofocus: false,
    });
    return true;
  } catch {
    return false;
  }
}

/** The channel code's English account of a failed delivery (never the remote body), in words a clerk reads. */
export function deliveryErrorInWords(error: string | null | undefined): string {
  if (!error) return '发送失败';
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [/refused before sending/, () => '地址被拒绝：须为公网上的机器人地址'],
    [/did not answer within (\d+) ms/, (m) => `机器人 ${Math.round(Number(m[1]) / 1000)} 秒内没有应答`],
    [/could not be reached/, () => '无法连接到机器人地址'],
    [/redirect \(HTTP (\d+)\)/, (m) => `机器人地址返回跳转（HTTP ${m[1]}），未发送`],
    [/errcode (\S+)/, (m) => `机器人拒收消息（错误码 ${m[1]}），请检查加签密钥或关键词设置`],
    [/not a robot's JSON \(HTTP (\d+)\)/, (m) => `对方不是钉钉/企业微信机器人（HTTP ${m[1]}）`],
    [/answered HTTP (\d+)/, (m) => `机器人返回 HTTP ${m[1]}`],
    [/E-mail is not configured/, () => '系统未配置邮件服务器（SMTP）'],
    [/SMTP delivery .* failed(?: \((\w+)\))?/, (m) => (m[1] ? `邮件发送失败（${m[1]}）` : '邮件发送失败')],
    [/is not an e-mail address/, () => '邮箱地址无效'],
    [/no such channel in this worker/, () => '后台服务未启用该渠道'],
  ];
  for (const [pattern, say] of rules) {
    const match = error.match(pattern);
    if (match) return say(match);
  }
  return '发送失败';
}

export const DELIVERY_SOURCE_LABELS: Record<string, string> = { test: '测试发送', reminder: '节点催办', notice_reminder: '督办单提醒', event: '事件通知' };

/** Year range the calendar page offers (the API takes 2000–2100). */
export function calendarYearOf(value: unknown, today: string): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(today.slice(0, 4));
}

export type DayState = 'work' | 'weekend' | 'holiday' | 'makeup';

/** Day of the week of a calendar date, 0 = Sunday (the date is a calendar date, not an instant). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** What a day is under a year's lists: 放假 (holiday), 调休上班 (make-up workday), else by the day of the week. */
export function dayState(date: string, holidays: ReadonlySet<string>, workdays: ReadonlySet<string>): DayState {
  if (holidays.has(date)) return 'holiday';
  if (workdays.has(date)) return 'makeup';
  const weekday = weekdayOf(date);
  return weekday === 0 || weekday === 6 ? 'weekend' : 'work';
}

/** A click on a day: a weekday turns 放假 and back; a weekend day 调休上班 → 放假 (within a holiday stretch) → 休息. */
export function toggledDay(date: string, holidays: Set<string>, workdays: Set<string>): void {
  const state = dayState(date, holidays, workdays);
  holidays.delete(date);
  workdays.delete(date);
  if (state === 'work' || state === 'makeup') holidays.add(date);
  else if (state === 'weekend') workdays.add(date);
  // 'holiday' → the day's own kind again (a working weekday, a weekend day off)
}

/** A month as weeks (Monday first) of dates, null for the days outside it. */
export function monthWeeks(year: number, month: number): Array<Array<string | null>> {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: Array<string | null> = Array(first).fill(null);
  for (let day = 1; day <= days; day++) cells.push(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** Consecutive dates as ranges for reading: 2027-01-01 至 2027-01-03、2027-02-14. */
export function dateRanges(dates: readonly string[]): string[] {
  const sorted = [...dates].sort();
  const ranges: string[] = [];
  let start: string | null = null;
  let previous: string | null = null;
  const next = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const date of sorted) {
    if (start && previous && next(previous) === date) {
      previous = date;
      continue;
    }
    if (start && previous) ranges.push(start === previous ? start : `${start} 至 ${previous.slice(5)}`);
    start = previous = date;
  }
  if (start && previous) ranges.push(start === previous ? start : `${start} 至 ${previous.slice(5)}`);
  return ranges;
}
