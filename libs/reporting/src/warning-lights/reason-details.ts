import { yuanToWan } from '@app/domain';
import type { ProjectAssessment } from './project-light';
import { WARNING_REASON_LABELS } from './warning-light';

const LIGHT_WORD = { red: '红灯', yellow: '黄灯', green: '绿灯' } as const;

/**
 * Why a project's light is not green, one sentence per reason, in the words a
 * unit reads on the list's tooltip and the project page (红灯：未按计划开工…).
 * Built from the assessment only: the browser shows it, it does not recompute it.
 */
export function describeReasons(assessment: ProjectAssessment): string[] {
  const lines: string[] = [];
  for (const reason of assessment.reasons) {
    switch (reason) {
      case 'milestone_overdue':
        lines.push(`节点逾期：${assessment.overdueCount} 个节点逾期，最长逾期 ${assessment.worstWorkingDaysLate} 个工作日`);
        break;
      case 'progress_lag':
        lines.push(
          assessment.progress
            ? `形象进度滞后：形象进度 ${assessment.progress.actualPercent}%，序时进度 ${assessment.progress.expectedPercent}%，落后 ${assessment.progress.lagPoints} 个百分点`
            : WARNING_REASON_LABELS.progress_lag,
        );
        break;
      case 'start_overdue': {
        const start = assessment.start!;
        lines.push(
          `${LIGHT_WORD[start.light]}：未按计划开工——${start.source === 'milestone' ? '开工节点' : '项目'}计划开工 ${start.plannedStartDate}，已过 ${start.workingDaysLate} 个工作日仍未开工`,
        );
        break;
      }
      case 'investment_lag': {
        const investment = assessment.investment!;
        lines.push(
          `${LIGHT_WORD[investment.light]}：投资完成滞后——截至 ${investment.month} 月末完成 ${yuanToWan(investment.completedYuan)} 万元，占年度计划 ${yuanToWan(investment.planYuan)} 万元的 ${investment.actualPercent}%，序时 ${investment.expectedPercent}%，落后 ${investment.lagPoints} 个百分点`,
        );
        break;
      }
      case 'problem_overdue': {
        const problems = assessment.problems!;
        lines.push(
          `${LIGHT_WORD[problems.light]}：问题久拖未决——${problems.agedCount} 个问题未解决，最早 ${problems.oldestRaisedDate} 提出，已 ${problems.oldestWorkingDaysOpen} 个工作日`,
        );
        break;
      }
      default:
        lines.push(WARNING_REASON_LABELS[reason]);
    }
  }
  return lines;
}
