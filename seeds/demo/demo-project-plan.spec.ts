import { addCalendarDays, MILESTONE_KINDS } from '@app/domain';
import { YUQUAN_15TH_FYP } from '../data/yuquan-15th-fyp';
import { classifyProject } from '../project-kind-rules';
import { DEMO_FIRST_MONTH, DemoProjectInput, planDemoProject } from './demo-project-plan';

const TODAY = '2026-06-15';

function catalogueInputs(): DemoProjectInput[] {
  return YUQUAN_15TH_FYP.columns.flatMap((column) =>
    column.groups.flatMap((group) =>
      group.projects.map((project) => {
        const classified = classifyProject(project.name);
        const kind = project.kind ?? classified.kind;
        return { name: project.name, kind, attributes: kind === classified.kind ? classified.attributes : {} };
      }),
    ),
  );
}

describe('planDemoProject: the demo life of a catalogue project', () => {
  const inputs = catalogueInputs();
  const plans = inputs.map((input) => ({ input, plan: planDemoProject(input, TODAY) }));

  it('is deterministic: the same project and day give the same plan', () => {
    const input = inputs.find((i) => i.name === '玉泉变 220 千伏变电站工程')!;
    expect(planDemoProject(input, TODAY)).toEqual(planDemoProject(input, TODAY));
    expect(planDemoProject(input, '2026-09-01')).not.toEqual(planDemoProject(input, TODAY));
  });

  it('keeps milestones in the order of their kinds, done exactly when they have an actual date, never in the future', () => {
    for (const { input, plan } of plans) {
      const order = plan.milestones.map((m) => MILESTONE_KINDS.indexOf(m.kind));
      expect([input.name, order]).toEqual([input.name, [...order].sort((a, b) => a - b)]);
      for (let i = 1; i < plan.milestones.length; i++) {
        expect([input.name, plan.milestones[i].plannedDate > plan.milestones[i - 1].plannedDate]).toEqual([input.name, true]);
      }
      for (const m of plan.milestones) {
        if (m.actualDate) expect(m.actualDate < TODAY).toBe(true);
        // Open and past its date only where the plan says the project is overdue.
        if (!m.actualDate && m.plannedDate < TODAY) expect([input.name, plan.overdue]).toEqual([input.name, true]);
      }
      expect(plan.plannedStartDate <= plan.plannedEndDate).toBe(true);
    }
  });

  it('makes roughly one project in eight overdue and a few due within five days', () => {
    const overdue = plans.filter(({ plan }) => plan.overdue).length / plans.length;
    expect(overdue).toBeGreaterThan(0.08);
    expect(overdue).toBeLessThan(0.2);
    const soon = plans.filter(({ plan }) =>
      plan.milestones.some((m) => !m.actualDate && m.plannedDate >= TODAY && m.plannedDate <= addCalendarDays(TODAY, 5)),
    );
    expect(soon.length).toBeGreaterThanOrEqual(3);
  });

  it('adds up its money: funding sources make the total, reports the month they report on', () => {
    for (const { plan } of plans) {
      const funded = plan.fundingSources.reduce((sum, s) => sum + BigInt(s.amountYuan!), 0n);
      expect(funded.toString()).toBe(plan.totalInvestmentYuan);
      for (const monthly of plan.monthlyInvestments) {
        expect(monthly.month >= DEMO_FIRST_MONTH && monthly.month <= TODAY.slice(0, 7)).toBe(true);
        expect(BigInt(monthly.amountYuan) > 0n).toBe(true);
      }
      for (const report of plan.progressReports) {
        const monthly = plan.monthlyInvestments.find((m) => m.month === report.period);
        expect(report.investmentCompletedYuan).toBe(monthly?.amountYuan ?? '0');
        expect(report.createdAt.slice(0, 10) <= TODAY).toBe(true);
      }
    }
  });
});
