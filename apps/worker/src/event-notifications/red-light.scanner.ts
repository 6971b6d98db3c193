import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/calendar';
import { EventNotificationPayload, eventKey, OutboxEvent } from '@app/domain';
import { OUTBOX_TOPICS, outboxRow } from '@app/queue';
import { AssessedProject, PortfolioReader } from '@app/reporting';
import { PollingLoop, PollingPace } from '../common/polling-loop';

/** How often the lights are looked at: a milestone falling due turns a project red without any write. */
export const RED_LIGHT_SCAN_INTERVAL_MS = 10 * 60 * 1000;

export interface RedLightScanResult {
  projects: number;
  turnedRed: number;
}

/**
 * Announces a project turning red (红灯) to its owner unit and lead official,
 * once per turn: the last light seen per project is kept in
 * project_light_states, and only the statement that changes it to red (or
 * first records it red) writes the event — in the same transaction, so two
 * workers or a scan run twice announce a turn once. Staying red announces
 * nothing; green/yellow and red again is a new turn (red_turns is in the key).
 * Runs every RED_LIGHT_SCAN_INTERVAL_MS (PollingLoop), the first time one
 * interval after start; a failed scan waits for the next.
 */
@Injectable()
export class RedLightScanner extends PollingLoop {
  protected readonly what = 'red-light scan';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly portfolio: PortfolioReader,
    private readonly clock: Clock,
  ) {
    super();
  }

  protected async poll(): Promise<boolean> {
    await this.scan();
    return false;
  }

  protected pace(): PollingPace {
    return { idleMs: RED_LIGHT_SCAN_INTERVAL_MS, waitFirst: true };
  }

  async scan(): Promise<RedLightScanResult> {
    const today = this.clock.today();
    const projects = await this.portfolio.assess(today, { excludeCancelled: true });
    const states = new Map<string, string>(
      (await this.dataSource.query(`SELECT project_id, light FROM project_light_states`)).map((row: { project_id: string; light: string }) => [row.project_id, row.light]),
    );
    let turnedRed = 0;
    for (const project of projects) {
      const light = project.assessment.light;
      if (states.get(project.id) === light) continue;
      if (await this.record(project, light, today)) turnedRed++;
    }
    return { projects: projects.length, turnedRed };
  }

  /** Records the project's light; true when this call recorded a turn to red (and announced it). */
  private async record(project: AssessedProject, light: string, today: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const red = light === 'red' ? 1 : 0;
      const inserted: Array<{ red_turns: number }> = await manager.query(
        `INSERT INTO project_light_states (project_id, light, red_turns) VALUES ($1, $2, $3) ON CONFLICT (project_id) DO NOTHING RETURNING red_turns`,
        [project.id, light, red],
      );
      // An UPDATE … RETURNING comes back from the driver as [rows, affected].
      const changed: Array<{ red_turns: number }> =
        inserted.length > 0
          ? inserted
          : (
              await manager.query(
                `UPDATE project_light_states SET light = $2, red_turns = red_turns + $3, changed_at = now() WHERE project_id = $1 AND light <> $2 RETURNING red_turns`,
                [project.id, light, red],
              )
            )[0];
      if (changed.length === 0 || light !== 'red') return false;
      const turn = changed[0].red_turns;
      const [row]: Array<{ lead_official_user_id: string | null }> = await manager.query(`SELECT lead_official_user_id FROM projects WHERE id = $1`, [project.id]);
      const late = project.openMilestones.filter((milestone) => milestone.plannedDate < today);
      const payload: EventNotificationPayload = {
        eventKey: eventKey('project_red', project.id, turn),
        kind: 'project_red' as const,
        title: `【红灯】${project.name}`,
        text: [
          `责任单位：${project.ownerUnit?.name ?? '未明确责任单位'}`,
          `逾期节点：${project.assessment.overdueCount} 个，最长逾期 ${project.assessment.worstWorkingDaysLate} 个工作日`,
          ...late.slice(0, 5).map((milestone) => `- ${milestone.name}（计划 ${milestone.plannedDate}）`),
        ].join('\n'),
        path: `/projects/${project.id}`,
        projectId: project.id,
        milestoneId: null,
        audience: {
          unitIds: project.ownerUnit ? [project.ownerUnit.id] : [],
          leadOfficialsOfProjects: row?.lead_official_user_id ? [project.id] : [],
          // A red project with nobody to answer for it goes to the 督查室.
          supervisors: !project.ownerUnit,
        },
      };
      await manager.insert(OutboxEvent, outboxRow(OUTBOX_TOPICS.eventNotification, 'project', project.id, payload));
      return true;
    });
  }
}
