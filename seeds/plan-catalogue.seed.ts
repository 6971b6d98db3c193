/**
 * Loads the plan catalogue — the plan, its 专栏 1 indicators, 专栏 2–11 with their
 * groups and named projects, and the sub-districts the plan names as owner units —
 * into the database. Not demo data: everything here is read from the plan.
 *
 * Idempotent: every row is upserted by its natural key (plan code; column by plan
 * and number; group by column and number; project by group and name; indicator by
 * plan and number; department by code), so a second run changes nothing and keeps
 * every id. Catalogue facts (titles, positions, indicator values) follow the data;
 * what people manage in the app (a project's kind, attributes, owner, status, dates)
 * is written when a project is first inserted and never overwritten — a missing
 * owner or location is filled in, nothing else. Projects no longer in the data are
 * left alone (they may carry milestones and reports).
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
// so ETags people hold go stale.
const UPSERT_PROJECT = {
  insert: `INSERT INTO projects (group_id, name, column_id, sort_order, kind, attributes, owner_department_id, location, description, plan_ref)
    VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9, $10)
    ON CONFLICT (plan_ref) DO UPDATE SET
      group_id = EXCLUDED.group_id,
      name = EXCLUDED.name,
      column_id = EXCLUDED.column_id,
      sort_order = EXCLUDED.sort_order,
      owner_department_id = COALESCE(projects.owner_department_id, EXCLUDED.owner_department_id),
      location = COALESCE(projects.location, EXCLUDED.location),
      description = COALESCE(projects.description, EXCLUDED.description),
      version = projects.version + 1,
      updated_at = now()
    WHERE (projects.group_id, projects.name, projects.column_id, projects.sort_order)
          IS DISTINCT FROM (EXCLUDED.group_id, EXCLUDED.name, EXCLUDED.column_id, EXCLUDED.sort_order)
       OR (projects.owner_department_id IS NULL AND EXCLUDED.owner_department_id IS NOT NULL)
       OR (projects.location IS NULL AND EXCLUDED.location IS NOT NULL)
       OR (projects.description IS NULL AND EXCLUDED.description IS NOT NULL)
    RETURNING id, (xmax = 0) AS inserted`,
  selectId: `SELECT id FROM projects WHERE plan_ref = $1`,
};

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

    for (const column of catalogue.columns) {
      const columnId = count(await upsert(manager, UPSERT_COLUMN, [planId, column.number, column.title], [planId, column.number]));
      for (const group of column.groups) {
        const groupId = count(await upsert(manager, UPSERT_GROUP, [columnId, group.number, group.title], [columnId, group.number]));
        for (const [index, project] of group.projects.entries()) {
          const classified = classifyProject(project.name);
          const kind = project.kind ?? classified.kind;
          const owner = project.owner ? subdistricts.get(project.owner)! : null;
          // The plan position is the natural key: the plan lists one name twice (专栏 7 group 7).
          const planRef = `${column.number}.${group.number}.${index + 1}`;
          const params = [
            groupId,
            project.name,
            columnId,
            index + 1,
            kind,
            // Attributes the rules read from the name belong to the kind they gave.
            JSON.stringify(project.attributes ?? (kind === classified.kind ? classified.attributes : {})),
            owner?.id ?? null,
            owner?.name ?? null,
            project.description ?? null,
            planRef,
          ];
          count(await upsert(manager, UPSERT_PROJECT, params, [planRef]));
        }
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
        [planId, JSON.stringify({ code, ...tally })],
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
    };
  });
}
