import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { executeTogether } from '@app/database';
import { Milestone, ProjectKind, scheduleNodes } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { MilestoneOutbox } from '../milestones/milestone-outbox';
import { NodeTemplateErrors } from './node-template.errors';
import { loadVersionNodes } from './node-templates.service';

/**
 * 从模板创建: generates a new project's milestones from a template's current version, in the caller's transaction —
 * one milestone per node, its planned date (and baseline) computed from the project's start along the dependencies in
 * working days of the official calendar (scheduleNodes), each pointing at its node; the project keeps the version.
 * Each milestone gets its audit row and 'milestone.changed' outbox event, as one added by hand does.
 */
@Injectable()
export class TemplateMilestones {
  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly audit: AuditService,
    private readonly outbox: MilestoneOutbox,
  ) {}

  /** The version to use, checked against the project's kind (a template of kind other fits any). */
  async resolveVersion(manager: EntityManager, templateId: string, projectKind: ProjectKind): Promise<string> {
    const [template]: Array<{ kind: ProjectKind; current_version_id: string | null }> = await manager.query(
      `SELECT kind, current_version_id FROM node_templates WHERE id = $1 FOR SHARE`,
      [templateId],
    );
    if (!template) throw NodeTemplateErrors.unknownTemplate(templateId);
    if (template.kind !== projectKind && template.kind !== 'other') throw NodeTemplateErrors.kindMismatch(template.kind, projectKind);
    if (!template.current_version_id) throw NodeTemplateErrors.noCurrentVersion();
    return template.current_version_id;
  }

  /** Writes the milestones; returns the latest planned date (the project's planned end when none was given). */
  async generate(manager: EntityManager, principal: Principal, projectId: string, versionId: string, startDate: string): Promise<{ endDate: string }> {
    const nodes = await loadVersionNodes(manager, versionId);
    const planned = scheduleNodes(
      this.calendar,
      nodes.map((node) => ({ code: node.code, name: node.name, durationWorkingDays: node.duration_working_days, dependsOn: node.depends_on })),
      startDate,
    );
    const milestones: Milestone[] = await manager.query(
      `INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date, status, template_node_id, is_key_node, requires_document)
       SELECT $1, n.kind, n.name, n.planned, n.planned, 'pending', n.node_id, n.is_key, n.requires_document
         FROM unnest($2::text[], $3::text[], $4::date[], $5::uuid[], $6::boolean[], $7::boolean[]) AS n(kind, name, planned, node_id, is_key, requires_document)
       RETURNING id, project_id AS "projectId", kind, name, baseline_date AS "baselineDate", planned_date AS "plannedDate", actual_date AS "actualDate",
                 status, note, is_demo AS "isDemo", template_node_id AS "templateNodeId", is_key_node AS "isKeyNode",
                 requires_document AS "requiresDocument", version, created_at AS "createdAt", updated_at AS "updatedAt"`,
      [
        projectId,
        nodes.map((node) => node.milestone_kind),
        nodes.map((node) => node.name),
        nodes.map((node) => planned.get(node.code)!),
        nodes.map((node) => node.id),
        nodes.map((node) => node.is_key),
        nodes.map((node) => node.requires_document),
      ],
    );
    await manager.query(`UPDATE projects SET template_version_id = $2 WHERE id = $1`, [projectId, versionId]);
    await executeTogether(
      manager,
      milestones.flatMap((milestone) => [
        this.audit.statement(principal, { action: 'create', entityType: 'milestone', entityId: milestone.id, before: null, after: milestone }),
        this.outbox.statement(milestone, 'created'),
      ]),
    );
    let endDate = startDate;
    for (const date of planned.values()) if (date > endDate) endDate = date;
    return { endDate };
  }
}
