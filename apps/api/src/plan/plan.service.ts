/**
 * Reads the plan catalogue (规划纲要 → 专栏 → groups, and the 专栏 1 indicator
 * table) with the number of projects in each column and group, for navigation
 * and the big screen. Read-only: the catalogue is loaded by the plan seed.
 */

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { IndicatorNature } from '@app/domain';
import { CURRENT_PLAN_ID_SQL } from './current-plan';
import { PlanColumnDetailDto, PlanColumnSummaryDto, PlanGroupSummaryDto, PlanIndicatorDto, PlanResponseDto } from './dto/plan.response';
import { PlanErrors } from './plan.errors';

const NATURE_LABELS: Record<IndicatorNature, string> = { expected: '预期性', binding: '约束性' };

interface ColumnRow {
  number: number;
  title: string;
  group_count: number;
  project_count: number;
}

@Injectable()
export class PlanService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getPlan(): Promise<PlanResponseDto> {
    const [plan]: Array<{ id: string; code: string; title: string; start_year: number; end_year: number }> = await this.dataSource.query(
      `SELECT id, code, title, start_year, end_year FROM plans WHERE id = ${CURRENT_PLAN_ID_SQL}`,
    );
    if (!plan) throw PlanErrors.noPlan();
    const [columns, indicators] = await Promise.all([this.listColumns(), this.listIndicators()]);
    return { id: plan.id, code: plan.code, title: plan.title, startYear: plan.start_year, endYear: plan.end_year, columns, indicators };
  }

  async listColumns(): Promise<PlanColumnSummaryDto[]> {
    // Correlated counts read the indexes on plan_groups(column_id, …) and projects(column_id).
    const rows: ColumnRow[] = await this.dataSource.query(
      `SELECT c.number, c.title,
              (SELECT count(*) FROM plan_groups g WHERE g.column_id = c.id)::int AS group_count,
              (SELECT count(*) FROM projects p WHERE p.column_id = c.id)::int AS project_count
         FROM plan_columns c
        WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL}
        ORDER BY c.number`,
    );
    return rows.map(toColumnSummary);
  }

  async getColumn(number: number): Promise<PlanColumnDetailDto> {
    const [column]: Array<ColumnRow & { id: string }> = await this.dataSource.query(
      `SELECT c.id, c.number, c.title,
              (SELECT count(*) FROM plan_groups g WHERE g.column_id = c.id)::int AS group_count,
              (SELECT count(*) FROM projects p WHERE p.column_id = c.id)::int AS project_count
         FROM plan_columns c
        WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL} AND c.number = $1`,
      [number],
    );
    if (!column) throw PlanErrors.columnNotFound(number);
    const groups: Array<{ number: number; title: string; project_count: number }> = await this.dataSource.query(
      `SELECT g.number, g.title, count(p.id)::int AS project_count
         FROM plan_groups g
         LEFT JOIN projects p ON p.group_id = g.id
        WHERE g.column_id = $1
        GROUP BY g.id
        ORDER BY g.number`,
      [column.id],
    );
    return {
      ...toColumnSummary(column),
      groups: groups.map((group): PlanGroupSummaryDto => ({ number: group.number, title: group.title, projectCount: group.project_count })),
    };
  }

  async listIndicators(): Promise<PlanIndicatorDto[]> {
    const rows: Array<{
      number: number;
      category: string;
      name: string;
      unit: string | null;
      value2025: string | null;
      target2030: string | null;
      annual_or_cumulative: string | null;
      nature: IndicatorNature;
    }> = await this.dataSource.query(
      `SELECT number, category, name, unit, value2025, target2030, annual_or_cumulative, nature
         FROM plan_indicators
        WHERE plan_id = ${CURRENT_PLAN_ID_SQL}
        ORDER BY number`,
    );
    return rows.map((row) => ({
      number: row.number,
      category: row.category,
      name: row.name,
      unit: row.unit,
      value2025: row.value2025,
      target2030: row.target2030,
      annualOrCumulative: row.annual_or_cumulative,
      nature: row.nature,
      natureLabel: NATURE_LABELS[row.nature],
    }));
  }
}

function toColumnSummary(row: ColumnRow): PlanColumnSummaryDto {
  return { number: row.number, title: row.title, groupCount: row.group_count, projectCount: row.project_count };
}
