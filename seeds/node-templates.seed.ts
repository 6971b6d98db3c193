/**
 * Loads the shipped node templates (seeds/node-templates.data.ts) as each template's 系统默认 version.
 *
 * Idempotent, by the template's code: a template not yet in the database is inserted with version 1 (isSeedDefault,
 * current). One that is there gets a new seed-default version only when the shipped nodes differ from its latest
 * seed-default version — and that version becomes current only while the office still uses the seed's (its current
 * version is the previous seed default): an office's own version is never replaced, and nothing already written is
 * changed (versions are immutable; projects keep theirs). A second run changes nothing.
 */
import { DataSource, EntityManager } from 'typeorm';
import { nodeSetErrors } from '@app/domain';
import { SEED_NODE_TEMPLATES, SeedTemplate, SeedTemplateNode } from './node-templates.data';
import { SeedInputError } from './seed-error';

export interface NodeTemplateSeedCounts {
  templates: number;
  inserted: number;
  newVersions: number;
  unchanged: number;
}

const SEED_LOCK_KEY = 'kpt-seed-node-templates';
export const SEED_AUTHOR = '系统默认';

/** The content a version is compared by: its nodes in order, with their dependencies. */
function signature(nodes: readonly SeedTemplateNode[]): string {
  return JSON.stringify(
    nodes.map((n) => [n.code, n.name, n.milestoneKind, n.durationWorkingDays, n.isKey, n.requiresDocument, [...n.dependsOn].sort()]),
  );
}

/** Writes one version's nodes and dependencies (the version row exists). */
export async function insertVersionNodes(manager: EntityManager, versionId: string, nodes: readonly SeedTemplateNode[]): Promise<void> {
  const rows: Array<{ id: string; code: string }> = await manager.query(
    `INSERT INTO node_template_nodes (version_id, code, name, milestone_kind, duration_working_days, is_key, requires_document, sort_order)
     SELECT $1, n.code, n.name, n.milestone_kind, n.duration, n.is_key, n.requires_document, n.ord::int
       FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::boolean[], $7::boolean[]) WITH ORDINALITY
            AS n(code, name, milestone_kind, duration, is_key, requires_document, ord)
     RETURNING id, code`,
    [
      versionId,
      nodes.map((n) => n.code),
      nodes.map((n) => n.name),
      nodes.map((n) => n.milestoneKind),
      nodes.map((n) => n.durationWorkingDays),
      nodes.map((n) => n.isKey),
      nodes.map((n) => n.requiresDocument),
    ],
  );
  const idOf = new Map(rows.map((row) => [row.code, row.id]));
  const from: string[] = [];
  const to: string[] = [];
  for (const n of nodes) {
    for (const code of n.dependsOn) {
      from.push(idOf.get(n.code)!);
      to.push(idOf.get(code)!);
    }
  }
  if (from.length > 0) {
    await manager.query(`INSERT INTO node_template_dependencies (node_id, depends_on_node_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [from, to]);
  }
}

async function versionNodes(manager: EntityManager, versionId: string): Promise<SeedTemplateNode[]> {
  return manager.query(
    `SELECT n.code, n.name, n.milestone_kind AS "milestoneKind", n.duration_working_days AS "durationWorkingDays", n.is_key AS "isKey",
            n.requires_document AS "requiresDocument",
            COALESCE((SELECT array_agg(p.code ORDER BY p.code) FROM node_template_dependencies d JOIN node_template_nodes p ON p.id = d.depends_on_node_id
                       WHERE d.node_id = n.id), '{}') AS "dependsOn"
       FROM node_template_nodes n WHERE n.version_id = $1 ORDER BY n.sort_order`,
    [versionId],
  );
}

async function seedOne(manager: EntityManager, template: SeedTemplate): Promise<'inserted' | 'new_version' | 'unchanged'> {
  const errors = nodeSetErrors(template.nodes);
  if (errors.length > 0) throw new SeedInputError(`node template ${template.code}: ${errors.map((e) => `${e.field}: ${e.reason}`).join('; ')}`);
  const [existing]: Array<{ id: string; current_version_id: string | null }> = await manager.query(
    `SELECT id, current_version_id FROM node_templates WHERE code = $1 FOR UPDATE`,
    [template.code],
  );
  if (!existing) {
    const [{ id }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO node_templates (code, name, kind, source) VALUES ($1, $2, $3, 'seed') RETURNING id`,
      [template.code, template.name, template.kind],
    );
    const [{ id: versionId }]: Array<{ id: string }> = await manager.query(
      `INSERT INTO node_template_versions (template_id, number, is_seed_default, note, created_by_name) VALUES ($1, 1, true, $2, $3) RETURNING id`,
      [id, '系统默认模板', SEED_AUTHOR],
    );
    await insertVersionNodes(manager, versionId, template.nodes);
    await manager.query(`UPDATE node_templates SET current_version_id = $2 WHERE id = $1`, [id, versionId]);
    return 'inserted';
  }
  const [latestSeed]: Array<{ id: string }> = await manager.query(
    `SELECT id FROM node_template_versions WHERE template_id = $1 AND is_seed_default ORDER BY number DESC LIMIT 1`,
    [existing.id],
  );
  if (latestSeed && signature(await versionNodes(manager, latestSeed.id)) === signature(template.nodes)) return 'unchanged';
  const [{ id: versionId }]: Array<{ id: string }> = await manager.query(
    `INSERT INTO node_template_versions (template_id, number, is_seed_default, note, created_by_name)
     SELECT $1, COALESCE(max(number), 0) + 1, true, $2, $3 FROM node_template_versions WHERE template_id = $1 RETURNING id`,
    [existing.id, '系统默认模板（更新）', SEED_AUTHOR],
  );
  await insertVersionNodes(manager, versionId, template.nodes);
  if (existing.current_version_id === null || existing.current_version_id === latestSeed?.id) {
    await manager.query(`UPDATE node_templates SET current_version_id = $2, updated_at = now() WHERE id = $1`, [existing.id, versionId]);
  }
  return 'new_version';
}

export async function seedNodeTemplates(dataSource: DataSource, templates: readonly SeedTemplate[] = SEED_NODE_TEMPLATES): Promise<NodeTemplateSeedCounts> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SEED_LOCK_KEY]);
    const counts: NodeTemplateSeedCounts = { templates: templates.length, inserted: 0, newVersions: 0, unchanged: 0 };
    for (const template of templates) {
      const outcome = await seedOne(manager, template);
      if (outcome === 'inserted') counts.inserted++;
      else if (outcome === 'new_version') counts.newVersions++;
      else counts.unchanged++;
    }
    return counts;
  });
}
