import { percentOf, ProjectStatus } from '@app/domain';
import type { WarningLight, WarningLightRules } from './warning-light';

/**
 * Investment rule (资金/投资完成): completed investment behind the year's plan
 * at the latest month's end on or before asOf. By the end of month M of year Y
 * the plan expects M/12 of the year's planned investment (序时); the project has
 * completed the sum of its monthly figures for Y-01…Y-M. The lag in points is
 * expected % − completed %; every comparison is on integers (BigInt yuan), the
 * percentages are only for display. In January before the 31st the month that
 * ended is last December, so last year's final figure stands until then.
 */
export interface InvestmentFacts {
  /** 年度计划投资 of year Y, whole yuan; null when none is set. */
  planYuan: string | null;
  /** Completed in Y-01…Y-M, whole yuan. */
  completedYuan: string;
}

export interface InvestmentAssessment {
  year: number;
  /** The month whose end is assessed, 'YYYY-MM'. */
  month: string;
  planYuan: string;
  completedYuan: string;
  /** M/12 of the plan, %, two decimals. */
  expectedPercent: string;
  /** completed ÷ plan, %, two decimals. */
  actualPercent: string;
  /** expected − actual, points, two decimals (negative when ahead). */
  lagPoints: string;
  light: WarningLight;
}

/** The latest month end on or before asOf: { year, month 1–12 }. */
export function lastMonthEnd(asOf: string): { year: number; month: number } {
  const year = Number(asOf.slice(0, 4));
  const month = Number(asOf.slice(5, 7));
  const day = Number(asOf.slice(8, 10));
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day === lastDay) return { year, month };
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

const FINISHED: ReadonlySet<ProjectStatus> = new Set(['completed', 'in_service', 'cancelled', 'suspended']);

/**
 * lag > X points ⇔ (M/12 − C/P) × 100 > X ⇔ 100·M·P − 1200·C > 12·X·P (× 12P, P > 0): exact.
 * Null when the rule is off, the project is finished or suspended, or no positive plan is set for the year.
 */
export function assessInvestment(status: ProjectStatus, facts: InvestmentFacts | undefined, asOf: string, rules: WarningLightRules): InvestmentAssessment | null {
  if (!rules.investmentRuleEnabled || FINISHED.has(status) || !facts || facts.planYuan === null) return null;
  const plan = BigInt(facts.planYuan);
  if (plan <= 0n) return null;
  const completed = BigInt(facts.completedYuan);
  const { year, month } = lastMonthEnd(asOf);
  const m = BigInt(month);
  const lag12 = 100n * m * plan - 1200n * completed; // 12·P·lag
  const behind = (points: number) => lag12 > 12n * BigInt(points) * plan;
  const light: WarningLight = behind(rules.investmentRedPoints) ? 'red' : behind(rules.investmentYellowPoints) ? 'yellow' : 'green';
  const expectedPercent = percentOf(m * plan, 12n * plan)!;
  const actualPercent = percentOf(completed, plan)!;
  return {
    year,
    month: `${year}-${String(month).padStart(2, '0')}`,
    planYuan: facts.planYuan,
    completedYuan: facts.completedYuan,
    expectedPercent,
    actualPercent,
    lagPoints: percentOf(lag12, 1200n * plan)!,
    light,
  };
}
