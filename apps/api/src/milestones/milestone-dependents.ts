import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { DependentMove, dependentMoves, KEY_MILESTONE_KINDS, Milestone, MilestoneKind } from '@app/domain';

export interface DependentRow extends DependentMove {
  name: string;
  kind: MilestoneKind;
  isKey: boolean;
  version: number;
  /** Working days of its move. */
  workingDays: number;
}

/**
 * 后续节点: the milestones of a template-made project that start after a given one (the template version's
 * dependencies), and how far a move of it pushes them (dependentMoves). Milestones added by hand have none.
 */
@Injectable()
export class MilestoneDependents {
  constructor(private readonly calendar: WorkingDayCalendar) {}

  async moves(manager: EntityManager, milestone: Pick<Milestone, 'id' | 'projectId' | 'templateNodeId'>, newDate: string): Promise<DependentRow[]> {
    if (!milestone.templateNodeId) return [];
    const rows: Array<{
      id: string;
      node_id: string;
      name: string;
      kind: MilestoneKind;
      is_key_node: boolean;
      planned_date: string;
      actual_date: string | null;
      status: string;
      version: number;
      duration: number;
      depends_on: string[];
    }> = await manager.query(
      `SELECT m.id, m.template_node_id AS node_id, m.name, m.kind, m.is_key_node, m.planned_date, m.actual_date, m.status, m.version,
              n.duration_working_days AS duration,
              COALESCE((SELECT array_agg(d.depends_on_node_id::text) FROM node_template_dependencies d WHERE d.node_id = n.id), '{}') AS depends_on
         FROM milestones m JOIN node_template_nodes n ON n.id = m.template_node_id
        WHERE m.project_id = $1`,
      [milestone.projectId],
    );
    const moves = dependentMoves(
      this.calendar,
      rows.map((row) => ({ id: row.id, nodeId: row.node_id, plannedDate: row.planned_date, actualDate: row.actual_date, status: row.status, durationWorkingDays: row.duration })),
      new Map(rows.map((row) => [row.node_id, row.depends_on])),
      milestone.id,
      newDate,
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    return moves.map((move) => {
      const row = byId.get(move.milestoneId)!;
      return {
        ...move,
        name: row.name,
        kind: row.kind,
        isKey: row.is_key_node || KEY_MILESTONE_KINDS.includes(row.kind),
        version: row.version,
        workingDays: this.calendar.workingDaysBetween(move.oldDate, move.newDate),
      };
    });
  }
}
