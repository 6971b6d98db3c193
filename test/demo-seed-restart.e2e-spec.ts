import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../seeds/demo.seed';
import { demoSeedDecision } from '../seeds/cli/seed-demo';
import { seedPlanCatalogue } from '../seeds/plan-catalogue.seed';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * `npm run start:all` (and compose's migrate service) runs the plan and demo seeds
 * on every start. The demo goes into the empty database of the first start only:
 * a restart must leave what people created and edited exactly as they left it.
 */

const run = promisify(execFile);
const repositoryRoot = join(__dirname, '..');
const TODAY = '2026-06-15';

/** Runs a seed CLI from its TypeScript source, as `npm run db:seed` / `db:seed:demo` run the compiled one. */
function runCli(script: string, env: Record<string, string>) {
  return run(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', '-r', 'tsconfig-paths/register', script], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', KPT_FIXED_NOW: `${TODAY}T09:00:00+08:00`, ...env },
    timeout: 90_000,
  });
}

// Each seed CLI run compiles the seeds with ts-node; on a busy machine that takes a while.
jest.setTimeout(300_000);

describe('the demo seed on restart: never into what people made', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => database.dataSource.query(sql, params);

  /** The projects' rows and everything hanging off them, as text: equal means unchanged. */
  async function stateOf(projectIds: string[]) {
    const rows = async (table: string, key: string) =>
      (await query<{ row: string }>(`SELECT t.*::text AS row FROM ${table} t WHERE ${key} = ANY($1::uuid[]) ORDER BY 1`, [projectIds])).map((r) => r.row);
    return {
      projects: await rows('projects', 'id'),
      milestones: await rows('milestones', 'project_id'),
      annualPlans: await rows('project_annual_plans', 'project_id'),
      monthly: await rows('project_monthly_investments', 'project_id'),
      reports: await rows('progress_reports', 'project_id'),
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('a project created and one edited through the API are unchanged after the seeds run again, as start:all runs them', async () => {
    // First start: catalogue and demo into the empty database.
    await seedPlanCatalogue(database.dataSource);
    const first = await seedDemo(database.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: TODAY });
    expect(first).toMatchObject({ placed: true, milestones: { added: expect.any(Number) } });

    app = await createTestApp(database);
    const admin = await signIn(app, 'admin', DEFAULT_DEMO_PASSWORD);

    // A project of the department's own, in a plan column, with none of what the demo fills in.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/projects',
      headers: admin,
      payload: { name: '玉泉区测试新建道路工程', columnNumber: 2, groupNumber: 1, kind: 'road' },
    });
    expect(created.statusCode).toBe(201);
    const createdId: string = created.json().id;

    // A catalogue project whose lead official and total investment a person cleared.
    const [catalogue] = await query<{ id: string; version: number }>(`SELECT id, version FROM projects WHERE name = '昭君路小学新建项目'`);
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/projects/${catalogue.id}`,
      headers: { ...admin, 'if-match': `"${catalogue.version}"` },
      payload: { leadOfficial: null, totalInvestmentWan: null },
    });
    expect(edited.statusCode).toBe(200);
    // …and one of its demo milestones removed by hand.
    const [gone] = await query<{ id: string }>(`DELETE FROM milestones WHERE project_id = $1 AND status = 'pending' AND id = (SELECT id FROM milestones WHERE project_id = $1 AND status = 'pending' ORDER BY kind LIMIT 1) RETURNING id`, [catalogue.id]);
    expect(gone).toBeDefined();

    const before = await stateOf([createdId, catalogue.id]);
    const demoRowsBefore = await query(`SELECT (SELECT count(*) FROM milestones) AS m, (SELECT count(*) FROM progress_reports) AS r, (SELECT count(*) FROM audit_log) AS a`);

    // Restart: `npm run db:setup` runs the plan seed and then the demo seed.
    await runCli('seeds/cli/seed-plan.ts', { DATABASE_URL: database.url });
    const demo = await runCli('seeds/cli/seed-demo.ts', { DATABASE_URL: database.url });
    expect(demo.stdout).toContain('No demo data added: The demo data is already in this database');

    await expect(stateOf([createdId, catalogue.id])).resolves.toEqual(before);
    await expect(query(`SELECT (SELECT count(*) FROM milestones) AS m, (SELECT count(*) FROM progress_reports) AS r, (SELECT count(*) FROM audit_log) AS a`)).resolves.toEqual(demoRowsBefore);
    const [project] = await query(`SELECT owner_department_id, lead_official, total_investment_yuan FROM projects WHERE id = $1`, [createdId]);
    expect(project).toEqual({ owner_department_id: null, lead_official: null, total_investment_yuan: null });
  });

  it('a database with real work but no demo data gets none either', async () => {
    const other = await createTestDatabase();
    try {
      await seedPlanCatalogue(other.dataSource);
      await other.dataSource.query(
        `INSERT INTO users (username, display_name, password_hash, role) VALUES ('zhang-fgw', '张工', 'x', 'admin')`,
      );
      const result = await seedDemo(other.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: TODAY });
      expect(result).toEqual({ placed: false, reason: 'not-empty', message: expect.stringContaining('1 user(s) that are not demo accounts') });
      await expect(other.dataSource.query(`SELECT count(*)::int AS n FROM milestones`)).resolves.toEqual([{ n: 0 }]);
    } finally {
      await other.drop();
    }
  });

  it('production: refused unless asked (SEED_DEMO=true or --force-demo); SEED_DEMO=false skips anywhere', async () => {
    expect(demoSeedDecision({ NODE_ENV: 'production' }, [])).toBe('refuse');
    expect(demoSeedDecision({ NODE_ENV: 'production', SEED_DEMO: 'true' }, [])).toBe('place');
    expect(demoSeedDecision({ NODE_ENV: 'production' }, ['--force-demo'])).toBe('place');
    expect(demoSeedDecision({ NODE_ENV: 'development' }, [])).toBe('place');
    expect(demoSeedDecision({ NODE_ENV: 'development', SEED_DEMO: 'false' }, [])).toBe('skip');

    const empty = await createTestDatabase();
    try {
      const production = {
        DATABASE_URL: empty.url,
        NODE_ENV: 'production',
        JWT_SECRET: randomBytes(32).toString('hex'),
        SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      };
      const refused = await runCli('seeds/cli/seed-demo.ts', production).catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringContaining('Set SEED_DEMO=true (or pass --force-demo)') });
      await expect(empty.dataSource.query(`SELECT count(*)::int AS n FROM users`)).resolves.toEqual([{ n: 0 }]);

      // What compose's migrate service does on the first start of a fresh install.
      const placed = await runCli('seeds/cli/seed-demo.ts', { ...production, SEED_DEMO: 'true' });
      expect(placed.stdout).toContain('DEMO DATA');
      expect(placed.stdout).toMatch(/editor-yunzhonglu\s+department_editor\s+云中路街道办事处/);
      // …and on its second start (the CLI's second run is the first test's business).
      await expect(seedDemo(empty.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: TODAY })).resolves.toMatchObject({ placed: false, reason: 'already-placed' });
    } finally {
      await empty.drop();
    }
  });
});
