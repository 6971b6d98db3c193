import {
  addCalendarDays,
  calendarDaysBetween,
  FundingSource,
  MILESTONE_KIND_LABELS,
  MilestoneKind,
  ProjectKind,
  ProjectStatus,
  wanToYuan,
} from '@app/domain';
import { Prng } from './prng';

/**
 * The demo life of one catalogue project: status, lead official, dates,
 * investment, milestones and progress reports, placed around `today` so the
 * portfolio looks alive — most milestones on time, done ones behind, some overdue
 * (about one project in eight), a few due within the next five days. Pure and
 * deterministic: the same project and the same today give the same plan.
 */
export interface DemoProjectInput {
  name: string;
  kind: ProjectKind;
  attributes: Record<string, unknown>;
}

export interface DemoMilestone {
  kind: MilestoneKind;
  name: string;
  baselineDate: string;
  plannedDate: string;
  actualDate: string | null;
  note: string | null;
}

export interface DemoProgressReport {
  period: string;
  text: string;
  percentComplete: string | null;
  investmentCompletedYuan: string;
  problems: string | null;
  coordinationNeeds: string | null;
  /** When it was written: an instant in the period, never after today. */
  createdAt: string;
}

export interface DemoProjectPlan {
  status: ProjectStatus;
  leadOfficial: string;
  plannedStartDate: string;
  plannedEndDate: string;
  totalInvestmentYuan: string;
  fundingSources: FundingSource[];
  percentComplete: string | null;
  milestones: DemoMilestone[];
  annualPlans: Array<{ year: number; amountYuan: string }>;
  monthlyInvestments: Array<{ month: string; amountYuan: string }>;
  progressReports: DemoProgressReport[];
  /** A milestone planned before today is not done. */
  overdue: boolean;
  /** The next milestone falls due within five days. */
  dueSoon: boolean;
}

/** The years the demo plans investment for, and the first month of completed investment. */
export const DEMO_PLAN_YEARS = [2026, 2027] as const;
export const DEMO_FIRST_MONTH = '2026-01';

const PRE_CONSTRUCTION: MilestoneKind[] = ['project_approval', 'feasibility_approval'];

/** 立项 → 可研批复 → (用地/规划许可) → (施工许可) → 开工 → (主体完工) → 竣工验收 → 交付/投产, as fits the kind. */
const MILESTONE_CHAINS: Record<ProjectKind, MilestoneKind[]> = {
  substation: [...PRE_CONSTRUCTION, 'land_planning_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'in_service'],
  school: [...PRE_CONSTRUCTION, 'land_planning_permit', 'construction_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'handover'],
  resettlement_housing: [
    ...PRE_CONSTRUCTION,
    'land_planning_permit',
    'construction_permit',
    'construction_start',
    'main_structure_done',
    'completion_acceptance',
    'handover',
  ],
  hospital: [...PRE_CONSTRUCTION, 'construction_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'in_service'],
  pipe_network: [...PRE_CONSTRUCTION, 'construction_permit', 'construction_start', 'completion_acceptance', 'in_service'],
  road: [...PRE_CONSTRUCTION, 'construction_permit', 'construction_start', 'completion_acceptance', 'in_service'],
  ecology: [...PRE_CONSTRUCTION, 'construction_start', 'completion_acceptance', 'in_service'],
  industrial_park: [
    ...PRE_CONSTRUCTION,
    'land_planning_permit',
    'construction_permit',
    'construction_start',
    'main_structure_done',
    'completion_acceptance',
    'in_service',
  ],
  culture_tourism: [...PRE_CONSTRUCTION, 'construction_permit', 'construction_start', 'completion_acceptance', 'in_service'],
  agriculture: [...PRE_CONSTRUCTION, 'construction_start', 'completion_acceptance', 'in_service'],
  public_safety: [...PRE_CONSTRUCTION, 'construction_permit', 'construction_start', 'main_structure_done', 'completion_acceptance', 'in_service'],
  elderly_care: [...PRE_CONSTRUCTION, 'construction_start', 'completion_acceptance', 'in_service'],
  other: [...PRE_CONSTRUCTION, 'construction_start', 'completion_acceptance', 'in_service'],
};

/** Construction time, 开工 to 竣工验收, in days. */
const BUILD_DAYS: Record<ProjectKind, [number, number]> = {
  substation: [300, 700],
  school: [450, 900],
  resettlement_housing: [600, 1100],
  hospital: [450, 900],
  pipe_network: [150, 420],
  road: [200, 540],
  ecology: [150, 420],
  industrial_park: [360, 900],
  culture_tourism: [240, 540],
  agriculture: [120, 360],
  public_safety: [240, 540],
  elderly_care: [120, 300],
  other: [180, 540],
};

/** 总投资 in 万元. */
const TOTAL_WAN: Record<ProjectKind, [number, number]> = {
  substation: [500, 5000],
  school: [5000, 30000],
  resettlement_housing: [20000, 150000],
  hospital: [3000, 40000],
  pipe_network: [800, 15000],
  road: [1500, 25000],
  ecology: [1000, 30000],
  industrial_park: [5000, 80000],
  culture_tourism: [1000, 20000],
  agriculture: [300, 8000],
  public_safety: [500, 8000],
  elderly_care: [200, 3000],
  other: [500, 20000],
};
const SUBSTATION_TOTAL_WAN: Record<number, [number, number]> = { 220: [28000, 52000], 110: [6000, 15000], 10: [800, 3000] };

/** Titles only: the demo names no real person. */
const LEAD_OFFICIALS: ReadonlyArray<readonly [string, number]> = [
  ['分管副区长', 6],
  ['常务副区长', 2],
  ['区委常委、副区长', 2],
  ['区长', 1],
  ['区人大常委会副主任', 1],
  ['区政协副主席', 1],
];

const FUNDING: Record<'public' | 'market', readonly string[]> = {
  public: ['中央预算内投资', '专项债', '超长期特别国债', '区级财政资金', '自治区补助资金'],
  market: ['自筹', '社会资本', '银行贷款'],
};

const WORK_DONE: Partial<Record<ProjectKind, readonly string[]>> & { other: readonly string[] } = {
  substation: ['主变基础浇筑完成，GIS 设备基础施工中', '电缆沟道施工完成，主控楼砌体施工中', '主控楼主体封顶，电气设备安装准备中'],
  school: ['教学楼主体施工至三层', '完成基础及地下室施工，综合楼钢筋绑扎中', '教学楼砌体施工中，室外管网开始施工'],
  resettlement_housing: ['部分楼栋主体封顶，其余楼栋施工至十层以上', '完成桩基检测，地下室底板施工中', '外墙保温及门窗安装施工中'],
  pipe_network: ['本月完成管线铺设 1.8 公里', '开挖及管道敷设施工中，同步推进路面恢复', '完成检查井砌筑 36 座，闭水试验进行中'],
  road: ['完成路基施工，水稳层铺设中', '雨污管线施工完成，道路面层施工准备中', '交通导改完成，主线施工中'],
  ecology: ['完成土方整理，苗木栽植中', '河道清淤完成，护岸施工中', '完成绿化种植，养护管理中'],
  other: ['按计划推进施工，完成月度形象进度', '施工单位进场，临设搭建完成', '设备采购完成，安装调试中'],
};
const HANDOVER_PENDING = ['已完成竣工验收，正在办理移交手续', '竣工验收完成，配套设施完善中', '竣工资料整理归档中，准备交付使用'];
const PREPARATION_DONE = ['可研报告编制完成，报审中', '初步设计评审完成，施工图设计中', '正在办理用地及规划手续', '完成招标文件编制，待挂网'];
const PROBLEMS = [
  '征地拆迁进度滞后，部分地上物尚未清表',
  '施工图审查意见尚未闭合',
  '资金到位不足，进度款拨付滞后',
  '现状管线迁改需产权单位配合，进度受影响',
  '施工许可手续办理中，尚未取得施工许可证',
  '冬季停工影响工期，复工后需加大投入',
];
const COORDINATION = [
  '需区自然资源分局协调办理用地手续',
  '需供电公司配合完成电力线路迁改',
  '需区财政局加快资金拨付',
  '需属地街道协助做好群众工作',
  '需区住建局协调施工图审查',
  '需市政设施管理部门协调占道施工审批',
];

function daysInMonth(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** Days of [from, to] (both included) that fall within [start, end]. */
function overlapDays(from: string, to: string, start: string, end: string): number {
  const a = from > start ? from : start;
  const b = to < end ? to : end;
  return a > b ? 0 : calendarDaysBetween(a, b) + 1;
}

/** 万元 with at most two decimals, as a decimal string (a demo draw, never a sum of floats). */
function wan(value: number): string {
  return (Math.round(value * 100) / 100).toFixed(2);
}

function totalInvestmentWan(input: DemoProjectInput, prng: Prng): number {
  const voltage = typeof input.attributes.voltageKv === 'number' ? input.attributes.voltageKv : undefined;
  const [min, max] = (voltage !== undefined && SUBSTATION_TOTAL_WAN[voltage]) || TOTAL_WAN[input.kind];
  return prng.int(min, max) + prng.int(0, 99) / 100;
}

type Stage = 'planning' | 'preparation' | 'under_construction' | 'completed' | 'in_service';

export function planDemoProject(input: DemoProjectInput, today: string): DemoProjectPlan {
  const prng = new Prng(`kpt-demo:${input.name}`);
  const stage = prng.weighted<Stage>([
    ['planning', 8],
    ['preparation', 22],
    ['under_construction', 52],
    ['completed', 10],
    ['in_service', 8],
  ]);
  const buildDays = prng.int(...BUILD_DAYS[input.kind]);
  let start: string;
  let end: string;
  switch (stage) {
    case 'planning':
      start = addCalendarDays(today, prng.int(200, 420));
      end = addCalendarDays(start, buildDays);
      break;
    case 'preparation':
      start = addCalendarDays(today, prng.int(15, 200));
      end = addCalendarDays(start, buildDays);
      break;
    case 'under_construction':
      start = addCalendarDays(today, -prng.int(20, 480));
      end = addCalendarDays(start, buildDays);
      if (end < addCalendarDays(today, 20)) end = addCalendarDays(today, prng.int(20, 240));
      break;
    case 'completed':
      end = addCalendarDays(today, -prng.int(5, 150));
      start = addCalendarDays(end, -buildDays);
      break;
    case 'in_service':
      end = addCalendarDays(today, -prng.int(120, 500));
      start = addCalendarDays(end, -buildDays);
      break;
  }

  // Planned dates around 开工 (start) and 竣工验收 (end), strictly increasing along the chain.
  const chain = MILESTONE_CHAINS[input.kind];
  const plannedFor: Record<MilestoneKind, () => string> = {
    project_approval: () => addCalendarDays(start, -prng.int(170, 300)),
    feasibility_approval: () => addCalendarDays(start, -prng.int(100, 160)),
    land_planning_permit: () => addCalendarDays(start, -prng.int(50, 90)),
    construction_permit: () => addCalendarDays(start, -prng.int(7, 40)),
    construction_start: () => start,
    main_structure_done: () => addCalendarDays(start, Math.round(calendarDaysBetween(start, end) * 0.65)),
    completion_acceptance: () => end,
    handover: () => addCalendarDays(end, prng.int(20, 60)),
    in_service: () => addCalendarDays(end, prng.int(20, 60)),
    custom: () => end,
  };
  const milestones: DemoMilestone[] = chain.map((kind) => {
    const plannedDate = plannedFor[kind]();
    return { kind, name: MILESTONE_KIND_LABELS[kind], baselineDate: plannedDate, plannedDate, actualDate: null, note: null };
  });

  // Overdue: the last milestone that fell due stays open. Kept within two months
  // of today, and for some the plan had already moved once (baseline ≠ planned).
  const pastIndex = milestones.map((m) => m.plannedDate < today).lastIndexOf(true);
  const overdue = pastIndex >= 0 && ['preparation', 'under_construction', 'completed'].includes(stage) && prng.chance(0.16);
  if (overdue) {
    const late = milestones[pastIndex];
    const limit = addCalendarDays(today, -prng.int(3, 60));
    if (late.plannedDate < limit) late.plannedDate = limit;
    late.baselineDate = late.plannedDate;
    if (prng.chance(0.4)) {
      late.baselineDate = addCalendarDays(late.plannedDate, -prng.int(10, 30));
      late.note = `原定 ${late.baselineDate}；${prng.pick(PROBLEMS)}，调整至 ${late.plannedDate}`;
    }
  }
  // Due soon: the next open milestone falls due within five days.
  const nextIndex = milestones.findIndex((m) => m.plannedDate >= today);
  const dueSoon = !overdue && nextIndex >= 0 && prng.chance(0.06);
  if (dueSoon) {
    const soon = addCalendarDays(today, prng.int(1, 5));
    const next = milestones[nextIndex];
    if (soon < next.plannedDate) next.plannedDate = next.baselineDate = soon;
  }
  let previousActual = '';
  milestones.forEach((milestone, index) => {
    if (milestone.plannedDate >= today || (overdue && index === pastIndex)) return;
    let actual = addCalendarDays(milestone.plannedDate, prng.int(-4, 6));
    if (actual >= today) actual = addCalendarDays(today, -1);
    if (actual < previousActual) actual = previousActual;
    milestone.actualDate = previousActual = actual;
  });

  const done = (kind: MilestoneKind) => milestones.some((m) => m.kind === kind && m.actualDate !== null);
  const last = milestones[milestones.length - 1];
  let status: ProjectStatus = done(last.kind)
    ? 'in_service'
    : done('completion_acceptance')
      ? 'completed'
      : done('construction_start')
        ? 'under_construction'
        : done('project_approval')
          ? 'preparation'
          : 'planning';
  if (status === 'under_construction' && !overdue && prng.chance(0.03)) status = 'suspended';

  const startDate = milestones.find((m) => m.kind === 'construction_start')!.plannedDate;
  const endDate = milestones.find((m) => m.kind === 'completion_acceptance')!.plannedDate;
  const buildSpan = Math.max(1, calendarDaysBetween(startDate, endDate));
  const elapsed = (day: string) => Math.min(1, Math.max(0, calendarDaysBetween(startDate, day) / buildSpan));
  const pace = overdue ? prng.int(30, 70) / 100 : prng.int(60, 110) / 100;
  const percentAt = (day: string): string | null => {
    if (status === 'completed' || status === 'in_service') return '100';
    if (day < startDate || !done('construction_start')) return null;
    return String(Math.min(95, Math.max(1, Math.round(elapsed(day) * 100 * Math.min(1, pace + 0.1)))));
  };

  const totalWan = totalInvestmentWan(input, prng);
  const market = input.kind === 'industrial_park' || input.kind === 'other' ? prng.chance(0.6) : prng.chance(0.15);
  const firstSource = prng.pick(market ? FUNDING.market : FUNDING.public);
  const fundingSources: FundingSource[] = [];
  if (prng.chance(0.5)) {
    fundingSources.push({ source: firstSource, amountYuan: wanToYuan(wan(totalWan)) });
  } else {
    const secondSource = prng.pick((market ? FUNDING.public : FUNDING.market).filter((s) => s !== firstSource));
    const firstWan = Number(wan(totalWan * (prng.int(40, 80) / 100)));
    fundingSources.push({ source: firstSource, amountYuan: wanToYuan(wan(firstWan)) });
    fundingSources.push({ source: secondSource, amountYuan: (BigInt(wanToYuan(wan(totalWan))) - BigInt(wanToYuan(wan(firstWan)))).toString() });
  }

  // 年度计划投资: the year's share of the construction period, or 前期 funds in a year of preparation.
  const annualWan = new Map<number, number>();
  for (const year of DEMO_PLAN_YEARS) {
    const share = overlapDays(`${year}-01-01`, `${year}-12-31`, startDate, endDate) / (buildSpan + 1);
    let amount = totalWan * share * (prng.int(90, 110) / 100);
    if (amount === 0 && startDate > `${year}-12-31` && !(stage === 'planning' && year === DEMO_PLAN_YEARS[0])) amount = totalWan * 0.02;
    if (Number(wan(amount)) > 0) annualWan.set(year, Number(wan(amount)));
  }

  // 完成投资 by month, from January 2026 up to this month (this month in part).
  const monthlyInvestments: Array<{ month: string; amountYuan: string }> = [];
  const thisMonth = today.slice(0, 7);
  for (let month = DEMO_FIRST_MONTH; month <= thisMonth; month = nextMonth(month)) {
    const year = Number(month.slice(0, 4));
    const planned = annualWan.get(year);
    if (!planned) continue;
    const monthEnd = month === thisMonth ? today : `${month}-${daysInMonth(month)}`;
    const inMonth = overlapDays(`${month}-01`, monthEnd, startDate, endDate);
    const inYear = overlapDays(`${year}-01-01`, `${year}-12-31`, startDate, endDate);
    if (inMonth === 0 || inYear === 0) continue;
    const amount = Number(wan(planned * (inMonth / inYear) * pace * (prng.int(80, 120) / 100)));
    if (amount > 0) monthlyInvestments.push({ month, amountYuan: wanToYuan(wan(amount)) });
  }

  // 进展填报: for some projects under way, this month's and last month's reports.
  const progressReports: DemoProgressReport[] = [];
  const reports = overdue
    ? prng.chance(0.9)
    : status === 'under_construction' || status === 'suspended'
      ? prng.chance(0.35)
      : status === 'preparation' && prng.chance(0.15);
  if (reports) {
    const lastMonth = `${addCalendarDays(`${thisMonth}-01`, -1).slice(0, 7)}`;
    const periods = (prng.chance(0.5) ? [lastMonth, thisMonth] : [thisMonth]).filter((p) => p >= DEMO_FIRST_MONTH);
    for (const period of periods) {
      const day = period === thisMonth ? Math.min(25, Number(today.slice(8, 10))) : 25;
      const writtenOn = `${period}-${String(day).padStart(2, '0')}`;
      const hasProblem = overdue || status === 'suspended' || prng.chance(0.35);
      const problems = hasProblem ? prng.pick(PROBLEMS) : null;
      const work = done('completion_acceptance')
        ? HANDOVER_PENDING
        : done('construction_start')
          ? (WORK_DONE[input.kind] ?? WORK_DONE.other)
          : PREPARATION_DONE;
      progressReports.push({
        period,
        text: prng.pick(work),
        percentComplete: percentAt(writtenOn),
        investmentCompletedYuan: monthlyInvestments.find((m) => m.month === period)?.amountYuan ?? '0',
        problems,
        coordinationNeeds: problems && prng.chance(0.75) ? prng.pick(COORDINATION) : null,
        createdAt: `${writtenOn}T10:00:00+08:00`,
      });
    }
  }

  return {
    status,
    leadOfficial: prng.weighted(LEAD_OFFICIALS),
    plannedStartDate: startDate,
    plannedEndDate: endDate,
    totalInvestmentYuan: wanToYuan(wan(totalWan)),
    fundingSources,
    percentComplete: progressReports.length > 0 ? progressReports[progressReports.length - 1].percentComplete : percentAt(today),
    milestones,
    annualPlans: [...annualWan].map(([year, amount]) => ({ year, amountYuan: wanToYuan(wan(amount)) })),
    monthlyInvestments,
    progressReports,
    overdue,
    dueSoon,
  };
}
