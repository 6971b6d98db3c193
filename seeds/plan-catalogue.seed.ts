/**
 * Loads the plan catalogue — the plan, its 专栏 1 indicators, 专栏 2–11 with their
 * groups and named projects, and the sub-districts the plan names as owner units —
 * into the database. Not demo data: everything here is read from the plan.
 *
 * Idempotent: every row is upserted by its natural key (plan code; column by plan
 * and number; group by column and number; project by its plan position plan_ref;
 * indicator by plan and number; department by code), so a second run changes
 * nothing and keeps every id. Catalogue facts (titles, positions, indicator values)
 * follow the data; what people manage in the app (attributes, owner, status, dates)
 * is written when a project is first inserted and never overwritten — a missing
 * owner or location is filled in, nothing else. The kind follows the data too while
 * no person has changed it (the audit trail says), so a corrected rule reaches
 * databases seeded before it.
 *
 * When the splitter's rules change (plan-enumeration.ts), a group may read into other
 * names at other positions. A group is then reconciled, not upserted blindly by
 * position (which would give a project's milestones to whatever name now stands at
 * its position):
 * - a project whose exact name is still in the group keeps its row (and id, and data),
 *   moved to its new position;
 * - a name that is new pairs with a row whose name is no longer in the plan when one
 *   name contains the other (「内蒙古大学南校区教学仪器」 → 「…教学仪器，实验设备购置项目」;
 *   a joint row split in two keeps its data with the first part): the row is renamed;
 * - any other new name is inserted;
 * - a row left over is deleted when nobody attached anything to it (no milestones,
 *   reports, investment figures, deadline changes, notices, reminders, and no audit
 *   row of a person), and otherwise kept, detached from the plan (plan_ref NULL) and
 *   named in the run's result, its audit row and the CLI's output, for an admin to
 *   merge or delete in the app — never dropped silently.
 */
import { DataSource, EntityManager } from 'typeorm';
import { YUQUAN_15TH_FYP } from './data/yuquan-15th-fyp';
import type { PlanCatalogue } from './plan-catalogue.types';
import { classifyProject } from './project-kind-rules';
import { SeedInputError } from './seed-error';

export interface ColumnSeedCount {
  number: number;
  title: string;
  groups: number;
  projects: number;
}

export interface SeedCounts {
  planId: string;
  planCode: string;
  /** What the database holds for the plan after the run, column by column. */
  columns: ColumnSeedCount[];
  groups: number;
  projects: number;
  indicators: number;
  subdistricts: number;
  /** Rows this run inserted, updated, or found already as the data says. */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Project rows that took another name because the plan reads differently now. */
  renamed: Array<{ id: string; planRef: string; from: string; to: string }>;
  /** Rows no longer in the plan that nobody had attached anything to: deleted. */
  removed: Array<{ id: string; name: string; planRef: string }>;
  /** Rows no longer in the plan that carry people's data: kept, plan_ref cleared. */
  detached: Array<{ id: string; name: string; planRef: string }>;
}

type Change = 'inserted' | 'updated' | 'unchanged';

interface Tally {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Serialises concurrent seed runs (two replicas starting at once). */
const SEED_LOCK_KEY = 'kpt-seed-plan-catalogue';

/**
 * INSERT … ON CONFLICT (key) DO UPDATE … WHERE something differs. A row left as it
 * was comes back from no statement, so its id is read by the key afterwards.
 */
async function upsert(
  manager: EntityManager,
  sql: { insert: string; selectId: string },
  params: unknown[],
  keyParams: unknown[],
): Promise<{ id: string; change: Change }> {
  const rows: Array<{ id: string; inserted: boolean }> = await manager.query(sql.insert, params);
  if (rows.length > 0) return { id: rows[0].id, change: rows[0].inserted ? 'inserted' : 'updated' };
  const existing: Array<{ id: string }> = await manager.query(sql.selectId, keyParams);
  if (existing.length === 0) throw new Error(`upsert found no row after a conflict: ${sql.selectId} ${JSON.stringify(keyParams)}`);
  return { id: existing[0].id, change: 'unchanged' };
}

// `xmax = 0` holds for a row this statement inserted, not for one it updated.
const UPSERT_PLAN = {
  insert: `INSERT INTO plans (code, title, start_year, end_year) VALUES ($1, $2, $3, $4)
    ON CONFLICT (code) DO UPDATE SET title = EXCLUDED.title, start_year = EXCLUDED.start_year, end_year = EXCLUDED.end_year
    WHERE (plans.title, plans.start_year, plans.end_year) IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.start_year, EXCLUDED.end_year)
    RETURNING id, (xmax = 0) AS inserted`,
  selectId: `SELECT id FROM plans WHERE code = $1`,
};

const UPSERT_COLUMN = {
  insert: `INSERT INTO plan_columns (plan_id, number, title) VALUES ($1, $2, $3)
    ON CONFLICT (plan_id, number) DO UPDATE SET title = EXCLUDED.title
    WHERE plan_columns.title IS DISTINCT FROM EXCLUDED.title
    RETURNING id, (xmax = 0) AS inserted`,
  selectId: `SELECT id FROM plan_columns WHERE plan_id = $1 AND number = $2`,
};

const UPSERT_GROUP = {
  insert: `INSERT INTO plan_groups (column_id, number, title) VALUES ($1, $2, $3)
    ON CONFLICT (column_id, number) DO UPDATE SET title = EXCLUDED.title
    WHERE plan_groups.title IS DISTINCT FROM EXCLUDED.title
    RETURNING id, (xmax = 0) AS inserted`,
  selectId: `SELECT id FROM plan_groups WHERE column_id = $1 AND number = $2`,
};

const UPSERT_INDICATOR = {
  insert: `INSERT INTO plan_indicators (plan_id, number, category, name, unit, value2025, target2030, annual_or_cumulative, nature)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
    ON CONFLICT (plan_id, number) DO UPDATE SET category = EXCLUDED.category, name = EXCLUDED.name, unit = EXCLUDED.unit,
      value2025 = EXCLUDED.value2025, target2030 = EXCLUDED.target2030,
      annual_or_cumulative = EXCLUDED.annual_or_cumulative, nature = EXCLUDED.nature
    WHERE (plan_indicators.category, plan_indicators.name, plan_indicators.unit, plan_indicators.value2025,
           plan_indicators.target2030, plan_indicators.annual_or_cumulative, plan_indicators.nature)
      IS DISTINCT FROM (EXCLUDED.category, EXCLUDED.name, EXCLUDED.unit, EXCLUDED.value2025,
           EXCLUDED.target2030, EXCLUDED.annual_or_cumulative, EXCLUDED.nature)
    RETURNING id, (xmax = 0) AS inserted`,
  selectId: `SELECT id FROM plan_indicators WHERE plan_id = $1 AND number = $2`,
};

// A changed project gets a new version and updated_at, as any other write does,
// so ETags people hold go stale. The kind (with its attributes) follows the data
// unless a person changed it ($11: true when the audit trail shows one did).
const UPDATE_PLAN_PROJECT = `UPDATE projects SET
      group_id = $2, name = $3, column_id = $4, sort_order = $5, plan_ref = $10,
      kind = CASE WHEN $11::boolean THEN projects.kind ELSE $6 END,
      attributes = CASE WHEN $11::boolean OR projects.kind = $6 THEN projects.attributes ELSE $7::jsonb END,
      owner_department_id = COALESCE(projects.owner_department_id, $8),
      location = COALESCE(projects.location, $9),
      description = COALESCE(projects.description, $12),
      version = projects.version + 1,
      updated_at = now()
    WHERE id = $1 AND (
          (projects.group_id, projects.name, projects.column_id, projects.sort_order, projects.plan_ref)
            IS DISTINCT FROM ($2::uuid, $3::text, $4::uuid, $5::int, $10::varchar)
       OR (NOT $11::boolean AND projects.kind <> $6)
       OR (projects.owner_department_id IS NULL AND $8::uuid IS NOT NULL)
       OR (projects.location IS NULL AND $9::text IS NOT NULL)
       OR (projects.description IS NULL AND $12::text IS NOT NULL))
    RETURNING id`;

const INSERT_PLAN_PROJECT = `INSERT INTO projects (group_id, name, column_id, sort_order, kind, attributes, owner_department_id, location, description, plan_ref)
    VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10) RETURNING id`;

/** Projects whose kind a person (not a seed) changed: their kind is theirs. */
const KIND_CHANGED_BY_A_PERSON = `SELECT DISTINCT entity_id AS id FROM audit_log
    WHERE entity_type = 'project' AND actor_type <> 'system' AND before IS NOT NULL AND before->>'kind' IS DISTINCT FROM after->>'kind'`;

/** Whether anything people use hangs on a project: then it is never deleted by a seed. */
const HAS_ATTACHED_DATA = `SELECT p.id,
      EXISTS (SELECT 1 FROM milestones x WHERE x.project_id = p.id)
   OR EXISTS (SELECT 1 FROM progress_reports x WHERE x.project_id = p.id)
   OR EXISTS (SELECT 1 FROM project_annual_plans x WHERE x.project_id = p.id)
   OR EXISTS (SELECT 1 FROM project_monthly_investments x WHERE x.project_id = p.id)
   OR EXISTS (SELECT 1 FROM deadline_change_requests x WHERE x.project_id = p.id)
   OR EXISTS (SELECT 1 FROM supervision_notice_items x WHERE x.project_id = p.id)
   OR EXISTS (SELECT 1 FROM reminders x WHERE x.project_id = p.id)
   OR EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'project' AND a.entity_id = p.id::text AND a.actor_type <> 'system') AS attached
    FROM projects p WHERE p.id = ANY($1::uuid[])`;

interface ExistingProjectRow {
  id: string;
  name: string;
  plan_ref: string;
  owner_department_id: string | null;
}

/** One project as the catalogue says it, at its plan position. */
interface PlannedProject {
  planRef: string;
  sortOrder: number;
  name: string;
  kind: string;
  attributes: Record<string, unknown>;
  owner: { id: string; name: string } | null;
  description: string | null;
}

/**
 * Which existing row each planned project is (or null: a new row), and the rows left
 * over. Exact names first (same position, then same owner, then anywhere in the
 * group), then containment for renamed and split rows (same position first).
 */
export function matchGroupProjects(
  planned: ReadonlyArray<Pick<PlannedProject, 'planRef' | 'name' | 'owner'>>,
  existing: readonly ExistingProjectRow[],
): { matches: Array<ExistingProjectRow | null>; leftOver: ExistingProjectRow[]; renamed: Set<number> } {
  const matches: Array<ExistingProjectRow | null> = planned.map(() => null);
  const free = new Set(existing);
  const renamed = new Set<number>();
  const pass = (accept: (p: (typeof planned)[number], row: ExistingProjectRow) => boolean, isRename = false) => {
    planned.forEach((project, index) => {
      if (matches[index]) return;
      const row = [...free].find((candidate) => accept(project, candidate));
      if (!row) return;
      matches[index] = row;
      free.delete(row);
      if (isRename) renamed.add(index);
    });
  };
  const stillPlanned = new Set(planned.map((p) => p.name));
  const contains = (a: string, b: string) => a.includes(b) || b.includes(a);
  pass((p, row) => row.name === p.name && row.plan_ref === p.planRef);
  pass((p, row) => row.name === p.name && (p.owner === null || row.owner_department_id === p.owner.id));
  pass((p, row) => row.name === p.name);
  pass((p, row) => !stillPlanned.has(row.name) && row.plan_ref === p.planRef && contains(row.name, p.name), true);
  pass((p, row) => !stillPlanned.has(row.name) && contains(row.name, p.name), true);
  return { matches, leftOver: [...free], renamed };
}

interface GroupResult {
  renamed: SeedCounts['renamed'];
  removed: SeedCounts['removed'];
  detached: SeedCounts['detached'];
}

/** Brings one group's project rows to what the catalogue says (see the module comment). */
async function reconcileGroup(
  manager: EntityManager,
  ids: { columnId: string; groupId: string },
  planRefPrefix: string,
  planned: PlannedProject[],
  kindChangedByPerson: Set<string>,
  tally: Tally,
): Promise<GroupResult> {
  const result: GroupResult = { renamed: [], removed: [], detached: [] };
  const existing: ExistingProjectRow[] = await manager.query(
    `SELECT id, name, plan_ref, owner_department_id FROM projects WHERE left(plan_ref, length($1)) = $1 ORDER BY plan_ref`,
    [planRefPrefix],
  );
  const { matches, leftOver, renamed } = matchGroupProjects(planned, existing);

  // Free the positions that change hands first: plan_ref is unique.
  const moving = [...matches.filter((row, i): row is ExistingProjectRow => row !== null && row.plan_ref !== planned[i].planRef), ...leftOver];
  if (moving.length > 0) await manager.query(`UPDATE projects SET plan_ref = NULL WHERE id = ANY($1::uuid[])`, [moving.map((row) => row.id)]);

  if (leftOver.length > 0) {
    const attached: Array<{ id: string; attached: boolean }> = await manager.query(HAS_ATTACHED_DATA, [leftOver.map((row) => row.id)]);
    const keep = new Set(attached.filter((row) => row.attached).map((row) => row.id));
    for (const row of leftOver) {
      const entry = { id: row.id, name: row.name, planRef: row.plan_ref };
      if (keep.has(row.id)) {
        result.detached.push(entry);
        tally.updated += 1;
      } else {
        await manager.query(`DELETE FROM projects WHERE id = $1`, [row.id]);
        result.removed.push(entry);
        tally.updated += 1;
      }
    }
  }

  for (const [index, project] of planned.entries()) {
    const row = matches[index];
    if (row === null) {
      await manager.query(INSERT_PLAN_PROJECT, [
        ids.groupId,
        project.name,
        ids.columnId,
        project.sortOrder,
        project.kind,
        JSON.stringify(project.attributes),
        project.owner?.id ?? null,
        project.owner?.name ?? null,
        project.description,
        project.planRef,
      ]);
      tally.inserted += 1;
      continue;
    }
    // For an UPDATE, TypeORM's Postgres driver answers [rows, affected count].
    const [, affected]: [unknown[], number] = await manager.query(UPDATE_PLAN_PROJECT, [
      row.id,
      ids.groupId,
      project.name,
      ids.columnId,
      project.sortOrder,
      project.kind,
      JSON.stringify(project.attributes),
      project.owner?.id ?? null,
      project.owner?.name ?? null,
      project.planRef,
      kindChangedByPerson.has(row.id),
      project.description,
    ]);
    tally[affected > 0 ? 'updated' : 'unchanged'] += 1;
    if (renamed.has(index)) result.renamed.push({ id: row.id, planRef: project.planRef, from: row.name, to: project.name });
  }
  return result;
}

/**
 * A sub-district by code; one that already exists under another code with the
 * same name (made by hand in the app) is used as it is.
 */
async function upsertSubdistrict(manager: EntityManager, code: string, name: string): Promise<{ id: string; change: Change }> {
  const sameName: Array<{ id: string; code: string }> = await manager.query(`SELECT id, code FROM departments WHERE name = $1`, [name]);
  if (sameName.length > 0 && sameName[0].code !== code) return { id: sameName[0].id, change: 'unchanged' };
  return upsert(
    manager,
    {
      insert: `INSERT INTO departments (code, name, kind, is_demo) VALUES ($1, $2, 'subdistrict', false)
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind
        WHERE (departments.name, departments.kind) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind)
        RETURNING id, (xmax = 0) AS inserted`,
      selectId: `SELECT id FROM departments WHERE code = $1`,
    },
    [code, name],
    [code],
  );
}

function checkCatalogue(catalogue: PlanCatalogue): void {
  const subdistrictCodes = new Set(catalogue.subdistricts.map((s) => s.code));
  for (const column of catalogue.columns) {
    for (const group of column.groups) {
      const names = new Set<string>();
      for (const project of group.projects) {
        // The same name may stand twice in a group for two owners (专栏 7 group 7), never for one.
        const key = `${project.owner ?? ''}/${project.name}`;
        if (names.has(key)) throw new SeedInputError(`专栏 ${column.number} group ${group.number} lists 「${project.name}」 twice for the same owner`);
        names.add(key);
        if (project.owner && !subdistrictCodes.has(project.owner)) {
          throw new SeedInputError(`「${project.name}」 names owner ${project.owner}, which is not a sub-district of the catalogue`);
        }
      }
    }
  }
}

/** Upserts the catalogue in one transaction and returns what the plan holds afterwards. */
export async function seedPlanCatalogue(dataSource: DataSource, catalogue: PlanCatalogue = YUQUAN_15TH_FYP): Promise<SeedCounts> {
  checkCatalogue(catalogue);
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SEED_LOCK_KEY]);
    const tally: Tally = { inserted: 0, updated: 0, unchanged: 0 };
    const count = (result: { id: string; change: Change }) => {
      tally[result.change] += 1;
      return result.id;
    };

    const { code, title, startYear, endYear } = catalogue.plan;
    const planId = count(await upsert(manager, UPSERT_PLAN, [code, title, startYear, endYear], [code]));

    const subdistricts = new Map<string, { id: string; name: string }>();
    for (const subdistrict of catalogue.subdistricts) {
      const id = count(await upsertSubdistrict(manager, subdistrict.code, subdistrict.name));
      subdistricts.set(subdistrict.code, { id, name: subdistrict.name });
    }

    for (const indicator of catalogue.indicators) {
      const params = [
        planId,
        indicator.number,
        indicator.category,
        indicator.name,
        indicator.unit,
        indicator.value2025,
        indicator.target2030,
        indicator.annualOrCumulative,
        indicator.nature,
      ];
      count(await upsert(manager, UPSERT_INDICATOR, params, [planId, indicator.number]));
    }

    const kindChangedByPerson = new Set<string>((await manager.query(KIND_CHANGED_BY_A_PERSON)).map((row: { id: string }) => row.id));
    const reconciled: GroupResult = { renamed: [], removed: [], detached: [] };
    for (const column of catalogue.columns) {
      const columnId = count(await upsert(manager, UPSERT_COLUMN, [planId, column.number, column.title], [planId, column.number]));
      for (const group of column.groups) {
        const groupId = count(await upsert(manager, UPSERT_GROUP, [columnId, group.number, group.title], [columnId, group.number]));
        const planned = group.projects.map((project, index): PlannedProject => {
          const classified = classifyProject(project.name);
          const kind = project.kind ?? classified.kind;
          return {
            // The plan position is the natural key: the plan lists one name twice (专栏 7 group 7).
            planRef: `${column.number}.${group.number}.${index + 1}`,
            sortOrder: index + 1,
            name: project.name,
            kind,
            // Attributes the rules read from the name belong to the kind they gave.
            attributes: project.attributes ?? (kind === classified.kind ? classified.attributes : {}),
            owner: project.owner ? subdistricts.get(project.owner)! : null,
            description: project.description ?? null,
          };
        });
        const result = await reconcileGroup(manager, { columnId, groupId }, `${column.number}.${group.number}.`, planned, kindChangedByPerson, tally);
        reconciled.renamed.push(...result.renamed);
        reconciled.removed.push(...result.removed);
        reconciled.detached.push(...result.detached);
      }
    }

    const columns: Array<{ number: number; title: string; groups: string; projects: string }> = await manager.query(
      `SELECT c.number, c.title,
              (SELECT count(*) FROM plan_groups g WHERE g.column_id = c.id) AS groups,
              (SELECT count(*) FROM projects p WHERE p.column_id = c.id) AS projects
         FROM plan_columns c WHERE c.plan_id = $1 ORDER BY c.number`,
      [planId],
    );
    const [{ indicators }]: Array<{ indicators: string }> = await manager.query(
      `SELECT count(*) AS indicators FROM plan_indicators WHERE plan_id = $1`,
      [planId],
    );
    const perColumn = columns.map((c) => ({ number: c.number, title: c.title, groups: Number(c.groups), projects: Number(c.projects) }));
    if (tally.inserted + tally.updated > 0) {
      // One audit row per run that changed something, not one per row: the seed is a system write.
      await manager.query(
        `INSERT INTO audit_log (actor_type, actor_name, action, entity_type, entity_id, after) VALUES ('system', 'seed:plan-catalogue', 'seed', 'plan', $1, $2)`,
        [planId, JSON.stringify({ code, ...tally, ...reconciled })],
      );
    }
    return {
      planId,
      planCode: code,
      columns: perColumn,
      groups: perColumn.reduce((sum, c) => sum + c.groups, 0),
      projects: perColumn.reduce((sum, c) => sum + c.projects, 0),
      indicators: Number(indicators),
      subdistricts: subdistricts.size,
      ...tally,
      ...reconciled,
    };
  });
}
