/**
 * 红黄绿灯: the vocabulary of the warning lights. The rules are pure functions
 * in the files beside this one; the thresholds come from the warning_light_rules
 * row (WarningLightRuleSet), which the admin edits.
 */
export const WARNING_LIGHTS = ['red', 'yellow', 'green'] as const;
export type WarningLight = (typeof WARNING_LIGHTS)[number];

export const WARNING_LIGHT_LABELS: Record<WarningLight, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

const severity: Record<WarningLight, number> = { green: 0, yellow: 1, red: 2 };

/** The worse of two lights (red > yellow > green). */
export function worseLight(a: WarningLight, b: WarningLight): WarningLight {
  return severity[a] >= severity[b] ? a : b;
}

export interface WarningLightRules {
  /** N: yellow when a pending milestone is due within N working days (today included). */
  dueSoonWorkingDays: number;
  /** M: yellow when a pending milestone's planned date is more than M working days after its baseline. */
  baselineSlipWorkingDays: number;
  /** P: yellow when physical progress lags the time-proportional progress by more than P points. */
  progressLagPoints: number;
  /** 开工 rule (start-light.ts): on/off; yellow when not started more than this many working days after the planned start, red beyond the second. */
  startRuleEnabled: boolean;
  startYellowWorkingDays: number;
  startRedWorkingDays: number;
  /** Investment rule (investment-lag.ts): on/off; yellow/red when completed investment lags M/12 of the year's plan by more than these points at the month's end. */
  investmentRuleEnabled: boolean;
  investmentYellowPoints: number;
  investmentRedPoints: number;
  /** Open-problems rule (problem-age.ts): on/off; yellow/red when an open coordination problem is older than these working days. */
  problemRuleEnabled: boolean;
  problemYellowWorkingDays: number;
  problemRedWorkingDays: number;
}

export const DEFAULT_WARNING_LIGHT_RULES: Readonly<WarningLightRules> = {
  dueSoonWorkingDays: 5,
  baselineSlipWorkingDays: 10,
  progressLagPoints: 15,
  // Off until an office switches them on (规则设置): an imported portfolio whose planned starts and annual
  // plans nobody has checked yet would otherwise turn red overnight.
  startRuleEnabled: false,
  startYellowWorkingDays: 0,
  startRedWorkingDays: 10,
  investmentRuleEnabled: false,
  investmentYellowPoints: 10,
  investmentRedPoints: 20,
  problemRuleEnabled: false,
  problemYellowWorkingDays: 5,
  problemRedWorkingDays: 10,
};

/** Why a light is not green. */
export const WARNING_REASONS = [
  'milestone_overdue',
  'milestone_due_soon',
  'milestone_slipped',
  'progress_lag',
  'milestone_date_implausible',
  'start_overdue',
  'investment_lag',
  'problem_overdue',
] as const;
export type WarningReason = (typeof WARNING_REASONS)[number];

export const WARNING_REASON_LABELS: Record<WarningReason, string> = {
  milestone_overdue: '节点逾期',
  milestone_due_soon: '节点临期',
  milestone_slipped: '节点较基准计划推迟',
  progress_lag: '形象进度滞后于序时进度',
  milestone_date_implausible: '节点日期异常（不在 2000—2100 年之间），请核实更正',
  start_overdue: '未按计划开工',
  investment_lag: '投资完成滞后于年度计划',
  problem_overdue: '问题久拖未决',
};

/** The rules in words, for the API documentation and the weekly report (规则说明). */
export function warningLightRuleText(rules: WarningLightRules): string[] {
  return [
    `红灯：节点逾期——未完成且计划完成日期早于统计日。`,
    `黄灯：未完成节点在 ${rules.dueSoonWorkingDays} 个工作日内到期（含当日）；或节点计划日期较基准日期推迟超过 ${rules.baselineSlipWorkingDays} 个工作日；` +
      `或项目形象进度落后序时进度超过 ${rules.progressLagPoints} 个百分点（序时进度 = 计划开工至计划竣工期间按日历天数已过的比例）。`,
    `节点日期不在 2000—2100 年之间（录入错误）的未完成节点亮黄灯并标注“节点日期异常”，不计算逾期、临期和推迟天数。`,
    `绿灯：其余情况；已完成或已取消的节点为绿灯。项目灯色取其各节点灯色与进度规则中最严重者。`,
    ...extraRuleText(rules),
    `工作日按国家法定节假日及调休安排计算；逾期工作日数 = 计划日期之后至统计日（含）的工作日数。已取消（取消状态）的项目不参与亮灯。`,
  ];
}

function extraRuleText(rules: WarningLightRules): string[] {
  const lines: string[] = [];
  if (rules.startRuleEnabled) {
    lines.push(
      `开工：谋划、前期项目过计划开工日期（有开工节点取其计划日期，否则取项目计划开工日期）仍未开工，超过 ${rules.startYellowWorkingDays} 个工作日亮黄灯，超过 ${rules.startRedWorkingDays} 个工作日亮红灯。`,
    );
  }
  if (rules.investmentRuleEnabled) {
    lines.push(
      `投资：截至最近一个月末，年度累计完成投资占年度计划投资的比例落后序时（月数 ÷ 12）超过 ${rules.investmentYellowPoints} 个百分点亮黄灯，超过 ${rules.investmentRedPoints} 个百分点亮红灯；未填年度计划的项目不参与。`,
    );
  }
  if (rules.problemRuleEnabled) {
    lines.push(
      `问题：问题台账中未销号的问题（新增、协调中、已解决待销号；挂起的除外）自提出之日起超过 ${rules.problemYellowWorkingDays} 个工作日亮黄灯，超过 ${rules.problemRedWorkingDays} 个工作日亮红灯。`,
    );
  }
  return lines;
}
