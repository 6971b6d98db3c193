/**
 * 投资: a project's annual planned investment (年度计划投资) and the investment
 * completed month by month (完成投资), and the summary built from them —
 * completed to date, and this year's completion against plan. Amounts are
 * whole yuan in the database and 万元 strings at the edge; nothing passes
 * through a float. Writes follow the project's own rules (admin, or the owning
 * department's editor), run in one transaction with their audit row, and bump
 * the project's version because GET /projects/:id includes this summary and
 * its ETag must change when the summary does.
 */

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/calendar';
import { percentOf, sumYuan, wanToYuan, yuanToWan } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { isYearMonth } from '../common/validators';
import { requireUnitWrite } from '../access/access';
import { touchProjectVersion } from '../projects/project-version';
import { ProjectErrors } from '../projects/project.errors';
import { SetInvestmentAmountDto } from './dto/set-investment-amount.dto';
import { InvestmentSummaryDto } from './dto/investment-summary.response';
import { InvestmentErrors } from './investment.errors';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

interface LockedProject {
  id: string;
  owner_department_id: string | null;
  total_investment_yuan: string | null;
}

@Injectable()
export class InvestmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(projectId: string): Promise<InvestmentSummaryDto> {
    const [project]: Array<{ total_investment_yuan: string | null }> = await this.dataSource.query(
      `SELECT total_investment_yuan FROM projects WHERE id = $1`,
      [projectId],
    );
    if (!project) throw ProjectErrors.notFound(projectId);
    return this.summarize(this.dataSource.manager, projectId, project.total_investment_yuan);
  }

  /** The summary of one project, for GET /projects/:id as well (with the caller's manager, inside its transaction if any). */
  async summarize(manager: EntityManager, projectId: string, totalInvestmentYuan: string | null): Promise<InvestmentSummaryDto> {
    // One after the other: inside a transaction the manager has a single connection.
    const annualPlans: Array<{ year: number; amount_yuan: string }> = await manager.query(
      `SELECT year, amount_yuan FROM project_annual_plans WHERE project_id = $1 ORDER BY year`,
      [projectId],
    );
    const monthly: Array<{ month: string; amount_yuan: string }> = await manager.query(
      `SELECT month, amount_yuan FROM project_monthly_investments WHERE project_id = $1 ORDER BY month`,
      [projectId],
    );
    const year = Number(this.clock.today().slice(0, 4));
    const planYuan = annualPlans.find((plan) => plan.year === year)?.amount_yuan ?? null;
    const completedYuan = sumYuan(monthly.filter((row) => row.month.startsWith(`${year}-`)).map((row) => row.amount_yuan));
    const completedToDateYuan = sumYuan(monthly.map((row) => row.amount_yuan));
    return {
      totalInvestmentYuan: totalInvestmentYuan,
      totalInvestmentWan: totalInvestmentYuan === null ? null : yuanToWan(totalInvestmentYuan),
      annualPlans: annualPlans.map((plan) => ({ year: plan.year, amountYuan: plan.amount_yuan, amountWan: yuanToWan(plan.amount_yuan) })),
      monthly: monthly.map((row) => ({ month: row.month, amountYuan: row.amount_yuan, amountWan: yuanToWan(row.amount_yuan) })),
      completedToDateYuan,
      completedToDateWan: yuanToWan(completedToDateYuan),
      currentYear: {
        year,
        planYuan,
        planWan: planYuan === null ? null : yuanToWan(planYuan),
        completedYuan,
        completedWan: yuanToWan(completedYuan),
        percent: planYuan === null ? null : percentOf(completedYuan, planYuan),
      },
    };
  }

  /** Sets (creates or replaces) the planned investment of one year. */
  async setAnnualPlan(principal: Principal, projectId: string, yearParam: string, body: SetInvestmentAmountDto): Promise<InvestmentSummaryDto> {
    const year = parseYear(yearParam, 'year');
    const amountYuan = wanToYuan(body.amountWan);
    return this.dataSource.transaction(async (manager) => {
      const project = await this.lockProject(manager, principal, projectId);
      const [previous]: Array<{ amount_yuan: string }> = await manager.query(
        `SELECT amount_yuan FROM project_annual_plans WHERE project_id = $1 AND year = $2`,
        [projectId, year],
      );
      if (previous?.amount_yuan !== amountYuan) {
        await manager.query(
          `INSERT INTO project_annual_plans (project_id, year, amount_yuan) VALUES ($1, $2, $3)
           ON CONFLICT (project_id, year) DO UPDATE SET amount_yuan = EXCLUDED.amount_yuan`,
          [projectId, year, amountYuan],
        );
        await touchProjectVersion(manager, projectId);
        await this.audit.record(manager, principal, {
          action: previous ? 'update' : 'create',
          entityType: 'annual_plan',
          entityId: `${projectId}:${year}`,
          before: previous ? { projectId, year, amountYuan: previous.amount_yuan } : null,
          after: { projectId, year, amountYuan },
        });
      }
      return this.summarize(manager, projectId, project.total_investment_yuan);
    });
  }

  /** Sets the investment completed in one month (not a month still to come). */
  async setMonthlyCompleted(principal: Principal, projectId: string, month: string, body: SetInvestmentAmountDto): Promise<InvestmentSummaryDto> {
    if (!isYearMonth(month)) throw InvestmentErrors.invalidMonth();
    parseYear(month.slice(0, 4), 'month');
    const currentMonth = this.clock.today().slice(0, 7);
    if (month > currentMonth) throw InvestmentErrors.monthInFuture(month, currentMonth);
    const amountYuan = wanToYuan(body.amountWan);
    return this.dataSource.transaction(async (manager) => {
      const project = await this.lockProject(manager, principal, projectId);
      const [previous]: Array<{ amount_yuan: string }> = await manager.query(
        `SELECT amount_yuan FROM project_monthly_investments WHERE project_id = $1 AND month = $2`,
        [projectId, month],
      );
      if (previous?.amount_yuan !== amountYuan) {
        await manager.query(
          `INSERT INTO project_monthly_investments (project_id, month, amount_yuan) VALUES ($1, $2, $3)
           ON CONFLICT (project_id, month) DO UPDATE SET amount_yuan = EXCLUDED.amount_yuan, updated_at = now()`,
          [projectId, month, amountYuan],
        );
        await touchProjectVersion(manager, projectId);
        await this.audit.record(manager, principal, {
          action: previous ? 'update' : 'create',
          entityType: 'monthly_investment',
          entityId: `${projectId}:${month}`,
          before: previous ? { projectId, month, amountYuan: previous.amount_yuan } : null,
          after: { projectId, month, amountYuan },
        });
      }
      return this.summarize(manager, projectId, project.total_investment_yuan);
    });
  }

  /** Locks the project row, so investment writes of one project run one after another, and checks who may write. */
  private async lockProject(manager: EntityManager, principal: Principal, projectId: string): Promise<LockedProject> {
    const [project]: LockedProject[] = await manager.query(
      `SELECT id, owner_department_id, total_investment_yuan FROM projects WHERE id = $1 FOR UPDATE`,
      [projectId],
    );
    if (!project) throw ProjectErrors.notFound(projectId);
    requireUnitWrite(principal, project.owner_department_id);
    return project;
  }
}

function parseYear(value: string, field: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= MIN_YEAR && year <= MAX_YEAR)) throw InvestmentErrors.invalidYear(field);
  return year;
}
