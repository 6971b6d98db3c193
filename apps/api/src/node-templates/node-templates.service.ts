/**
 * 节点模板: the standard node templates per project kind and their versions. Reads for every signed-in user (a unit
 * picks a template when it creates a project); writes for admins only. A version is written once and never changed:
 * an edit is a new version (whole node set, validated: unique codes, known dependencies, no cycles), and the projects
 * made from an older version keep it. Every write and its audit row commit in one transaction.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { isUniqueViolation } from '@app/database';
import {
  KEY_MILESTONE_KINDS,
  MILESTONE_KIND_LABELS,
  MilestoneKind,
  nodeSetErrors,
  PROJECT_KIND_LABELS,
  ProjectKind,
  scheduleNodes,
  NodeTemplateSource,
} from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { actorName } from '../deadline-changes/actor-name';
import { CreateNodeTemplateVersionDto } from './dto/create-node-template-version.dto';
import { CreateNodeTemplateDto } from './dto/create-node-template.dto';
import {
  NodeTemplateNodeResponse,
  NodeTemplateResponse,
  NodeTemplateSummary,
  NodeTemplateVersionResponse,
  NodeTemplateVersionSummary,
  TemplateScheduleResponse,
} from './dto/node-template.response';
import { SetCurrentVersionDto } from './dto/set-current-version.dto';
import { TemplateScheduleQuery } from './dto/template-schedule.query';
import { NodeTemplateErrors } from './node-template.errors';

interface TemplateRow {
  id: string;
  code: string;
  name: string;
  kind: ProjectKind;
  source: NodeTemplateSource;
  current_version_id: string | null;
  current_version_number: number | null;
  node_count: number;
  version_count: number;
  updated_at: Date;
}

interface VersionRow {
  id: string;
  template_id: string;
  number: number;
  is_seed_default: boolean;
  is_current: boolean;
  note: string | null;
  created_by_name: string;
  created_at: Date;
  node_count: number;
  project_count: number;
}

interface NodeRow {
  id: string;
  code: string;
  name: string;
  milestone_kind: MilestoneKind;
  duration_working_days: number;
  is_key: boolean;
  requires_document: boolean;
  sort_order: number;
  depends_on: string[];
}

const TEMPLATE_SQL = `
  SELECT t.id, t.code, t.name, t.kind, t.source, t.current_version_id, t.updated_at, cv.number AS current_version_number,
         (SELECT count(*)::int FROM node_template_nodes n WHERE n.version_id = t.current_version_id) AS node_count,
         (SELECT count(*)::int FROM node_template_versions v WHERE v.template_id = t.id) AS version_count
    FROM node_templates t LEFT JOIN node_template_versions cv ON cv.id = t.current_version_id`;

const VERSION_SQL = `
  SELECT v.id, v.template_id, v.number, v.is_seed_default, v.note, v.created_by_name, v.created_at,
         (t.current_version_id = v.id) AS is_current,
         (SELECT count(*)::int FROM node_template_nodes n WHERE n.version_id = v.id) AS node_count,
         (SELECT count(*)::int FROM projects p WHERE p.template_version_id = v.id) AS project_count
    FROM node_template_versions v JOIN node_templates t ON t.id = v.template_id`;

/** A version's nodes in order, each with the codes it depends on. */
export async function loadVersionNodes(manager: EntityManager, versionId: string): Promise<NodeRow[]> {
  return manager.query(
    `SELECT n.id, n.code, n.name, n.milestone_kind, n.duration_working_days, n.is_key, n.requires_document, n.sort_order,
            COALESCE((SELECT array_agg(p.code ORDER BY p.sort_order) FROM node_template_dependencies d
                        JOIN node_template_nodes p ON p.id = d.depends_on_node_id WHERE d.node_id = n.id), '{}') AS depends_on
       FROM node_template_nodes n WHERE n.version_id = $1 ORDER BY n.sort_order`,
    [versionId],
  );
}

/** A node is key by its flag or by its kind (开工, 竣工验收, 交付, 投产 always are). */
export function nodeIsKey(node: { is_key: boolean; milestone_kind: MilestoneKind }): boolean {
  return node.is_key || KEY_MILESTONE_KINDS.includes(node.milestone_kind);
}

@Injectable()
export class NodeTemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async list(kind?: ProjectKind): Promise<NodeTemplateSummary[]> {
    const rows: TemplateRow[] = await this.dataSource.query(
      `${TEMPLATE_SQL} WHERE ($1::text IS NULL OR t.kind = $1 OR t.kind = 'other') ORDER BY array_position($2::text[], t.kind::text), t.code`,
      [kind ?? null, Object.keys(PROJECT_KIND_LABELS)],
    );
    return rows.map(presentTemplate);
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<NodeTemplateResponse> {
    const template = await this.findTemplate(manager, id);
    const versions: VersionRow[] = await manager.query(`${VERSION_SQL} WHERE v.template_id = $1 ORDER BY v.number DESC`, [id]);
    const current = versions.find((version) => version.is_current);
    return {
      ...presentTemplate(template),
      versions: versions.map(presentVersion),
      current: current ? { ...presentVersion(current), templateId: id, nodes: (await loadVersionNodes(manager, current.id)).map(presentNode) } : null,
    };
  }

  async version(id: string, number: number, manager: EntityManager = this.dataSource.manager): Promise<NodeTemplateVersionResponse> {
    await this.findTemplate(manager, id);
    const [version]: VersionRow[] = await manager.query(`${VERSION_SQL} WHERE v.template_id = $1 AND v.number = $2`, [id, number]);
    if (!version) throw NodeTemplateErrors.versionNotFound(number);
    return { ...presentVersion(version), templateId: id, nodes: (await loadVersionNodes(manager, version.id)).map(presentNode) };
  }

  async createTemplate(principal: Principal, dto: CreateNodeTemplateDto): Promise<NodeTemplateResponse> {
    assertValidNodes(dto);
    return this.dataSource.transaction(async (manager) => {
      let id: string;
      try {
        [{ id }] = await manager.query(`INSERT INTO node_templates (code, name, kind, source) VALUES ($1, $2, $3, 'office') RETURNING id`, [
          dto.code,
          dto.name,
          dto.kind,
        ]);
      } catch (error) {
        if (isUniqueViolation(error, 'uq_node_templates_code')) throw NodeTemplateErrors.codeTaken(dto.code);
        throw error;
      }
      await this.writeVersion(manager, principal, id, { ...dto, makeCurrent: true });
      const created = await this.get(id, manager);
      await this.audit.record(manager, principal, { action: 'create', entityType: 'node_template', entityId: id, before: null, after: created });
      return created;
    });
  }

  async createVersion(principal: Principal, id: string, dto: CreateNodeTemplateVersionDto): Promise<NodeTemplateVersionResponse> {
    assertValidNodes(dto);
    return this.dataSource.transaction(async (manager) => {
      // Serialises version numbers of one template.
      const [locked] = await manager.query(`SELECT id FROM node_templates WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw NodeTemplateErrors.notFound(id);
      const number = await this.writeVersion(manager, principal, id, dto);
      const created = await this.version(id, number, manager);
      await this.audit.record(manager, principal, { action: 'create', entityType: 'node_template_version', entityId: created.id, before: null, after: created });
      return created;
    });
  }

  async setCurrent(principal: Principal, id: string, dto: SetCurrentVersionDto): Promise<NodeTemplateResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [locked]: Array<{ current_version_id: string | null }> = await manager.query(
        `SELECT current_version_id FROM node_templates WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!locked) throw NodeTemplateErrors.notFound(id);
      const [version]: Array<{ id: string }> = await manager.query(`SELECT id FROM node_template_versions WHERE template_id = $1 AND number = $2`, [id, dto.number]);
      if (!version) throw NodeTemplateErrors.versionNotFound(dto.number);
      if (locked.current_version_id === version.id) return this.get(id, manager);
      await manager.query(`UPDATE node_templates SET current_version_id = $2, updated_at = now() WHERE id = $1`, [id, version.id]);
      await this.audit.record(manager, principal, {
        action: 'set_current_version',
        entityType: 'node_template',
        entityId: id,
        before: { currentVersionId: locked.current_version_id },
        after: { currentVersionId: version.id, number: dto.number },
      });
      return this.get(id, manager);
    });
  }

  /** The dates a project starting on `startDate` would get (从模板创建's preview); the same computation as the creation. */
  async schedule(id: string, query: TemplateScheduleQuery): Promise<TemplateScheduleResponse> {
    const manager = this.dataSource.manager;
    const template = await this.findTemplate(manager, id);
    const versionId = query.version !== undefined ? await this.versionId(manager, id, query.version) : template.current_version_id;
    if (!versionId) throw NodeTemplateErrors.noCurrentVersion();
    const [{ number }]: Array<{ number: number }> = await manager.query(`SELECT number FROM node_template_versions WHERE id = $1`, [versionId]);
    const nodes = await loadVersionNodes(manager, versionId);
    const shapes = nodes.map((node) => ({ code: node.code, name: node.name, durationWorkingDays: node.duration_working_days, dependsOn: node.depends_on }));
    const planned = scheduleNodes(this.calendar, shapes, query.startDate);
    const scheduled = nodes.map((node) => {
      let start = query.startDate;
      for (const code of node.depends_on) if (planned.get(code)! > start) start = planned.get(code)!;
      return {
        code: node.code,
        name: node.name,
        startDate: start,
        plannedDate: planned.get(node.code)!,
        durationWorkingDays: node.duration_working_days,
        isKey: nodeIsKey(node),
        requiresDocument: node.requires_document,
        dependsOn: node.depends_on,
      };
    });
    const endDate = scheduled.reduce((latest, node) => (node.plannedDate > latest ? node.plannedDate : latest), query.startDate);
    return { templateId: id, versionNumber: number, startDate: query.startDate, endDate, nodes: scheduled };
  }

  private async versionId(manager: EntityManager, templateId: string, number: number): Promise<string> {
    const [version]: Array<{ id: string }> = await manager.query(`SELECT id FROM node_template_versions WHERE template_id = $1 AND number = $2`, [templateId, number]);
    if (!version) throw NodeTemplateErrors.versionNotFound(number);
    return version.id;
  }

  /** Inserts the next version with its nodes and dependencies; returns its number. */
  private async writeVersion(manager: EntityManager, principal: Principal, templateId: string, dto: CreateNodeTemplateVersionDto): Promise<number> {
    const [{ id: versionId, number }]: Array<{ id: string; number: number }> = await manager.query(
      `INSERT INTO node_template_versions (template_id, number, is_seed_default, note, created_by_id, created_by_name)
       SELECT $1, COALESCE(max(number), 0) + 1, false, $2, $3, $4 FROM node_template_versions WHERE template_id = $1
       RETURNING id, number`,
      [templateId, dto.note?.trim() || null, principal.kind === 'user' ? principal.id : null, await actorName(manager, principal)],
    );
    const nodes: NodeRow[] = await manager.query(
      `INSERT INTO node_template_nodes (version_id, code, name, milestone_kind, duration_working_days, is_key, requires_document, sort_order)
       SELECT $1, n.code, n.name, n.milestone_kind, n.duration, n.is_key, n.requires_document, n.ord::int
         FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::boolean[], $7::boolean[]) WITH ORDINALITY
              AS n(code, name, milestone_kind, duration, is_key, requires_document, ord)
       RETURNING id, code`,
      [
        versionId,
        dto.nodes.map((node) => node.code),
        dto.nodes.map((node) => node.name.trim()),
        dto.nodes.map((node) => node.milestoneKind),
        dto.nodes.map((node) => node.durationWorkingDays),
        dto.nodes.map((node) => node.isKey ?? false),
        dto.nodes.map((node) => node.requiresDocument ?? false),
      ],
    );
    const idOf = new Map(nodes.map((node) => [node.code, node.id]));
    const from: string[] = [];
    const to: string[] = [];
    for (const node of dto.nodes) for (const code of node.dependsOn) (from.push(idOf.get(node.code)!), to.push(idOf.get(code)!));
    if (from.length > 0) {
      await manager.query(`INSERT INTO node_template_dependencies (node_id, depends_on_node_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [from, to]);
    }
    if (dto.makeCurrent ?? true) await manager.query(`UPDATE node_templates SET current_version_id = $2, updated_at = now() WHERE id = $1`, [templateId, versionId]);
    else await manager.query(`UPDATE node_templates SET updated_at = now() WHERE id = $1`, [templateId]);
    return number;
  }

  private async findTemplate(manager: EntityManager, id: string): Promise<TemplateRow> {
    const [row]: TemplateRow[] = await manager.query(`${TEMPLATE_SQL} WHERE t.id = $1`, [id]);
    if (!row) throw NodeTemplateErrors.notFound(id);
    return row;
  }
}

function assertValidNodes(dto: CreateNodeTemplateVersionDto): void {
  const errors = nodeSetErrors(dto.nodes.map((node) => ({ code: node.code, name: node.name, durationWorkingDays: node.durationWorkingDays, dependsOn: node.dependsOn })));
  if (errors.length > 0) throw NodeTemplateErrors.invalidNodes(errors);
}

function presentTemplate(row: TemplateRow): NodeTemplateSummary {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    kindLabel: PROJECT_KIND_LABELS[row.kind],
    source: row.source,
    currentVersionNumber: row.current_version_number,
    nodeCount: row.node_count,
    versionCount: row.version_count,
    updatedAt: row.updated_at.toISOString(),
  };
}

function presentVersion(row: VersionRow): NodeTemplateVersionSummary {
  return {
    id: row.id,
    number: row.number,
    isSeedDefault: row.is_seed_default,
    isCurrent: row.is_current,
    note: row.note,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    nodeCount: row.node_count,
    projectCount: row.project_count,
  };
}

function presentNode(row: NodeRow): NodeTemplateNodeResponse {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    milestoneKind: row.milestone_kind,
    milestoneKindLabel: MILESTONE_KIND_LABELS[row.milestone_kind],
    durationWorkingDays: row.duration_working_days,
    isKey: nodeIsKey(row),
    requiresDocument: row.requires_document,
    sortOrder: row.sort_order,
    dependsOn: row.depends_on,
  };
}
