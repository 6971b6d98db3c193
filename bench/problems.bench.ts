/**
 * Issue 12 benchmark: the problem ledger (问题台账) on the 10,000-project bench portfolio with two problems per
 * project (20,000, a third of them closed): GET /api/v1/coordination-problems as the 督查室 opens it (open ones,
 * oldest first, page 1) and GET /api/v1/coordination-problems/week-counts, under load, beside a bare Node handler
 * running the same SQL (bench/problems-raw-server.ts), measured in the same run.
 */
import { Client } from 'pg';
import { BenchResult, durationRatio, throughputRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { LoadFigures, measureLoad } from './support/load';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { BENCH_PASSWORD, generateSyntheticPortfolio } from './support/synthetic-portfolio';

const DATABASE = 'kpt_bench_problems';
const API_PORT = 3902;
const RAW_PORT = 3903;

function compare(name: string, api: LoadFigures, raw: LoadFigures, notes: string): BenchResult[] {
  const failures = (f: LoadFigures) => (f.non2xx || f.errors ? ` [${f.non2xx} non-2xx, ${f.errors} errors]` : '');
  return [
    {
      name: `${name}: throughput`,
      value: api.requestsPerSecond,
      unit: 'req/s',
      limitName: 'bare Node + pg, same SQL',
      limitValue: raw.requestsPerSecond,
      ratio: throughputRatio(api.requestsPerSecond, raw.requestsPerSecond),
      notes: notes + failures(api) + failures(raw),
    },
    { name: `${name}: p50 latency`, value: api.p50Ms, unit: 'ms', limitName: 'bare Node + pg', limitValue: raw.p50Ms, ratio: durationRatio(api.p50Ms, raw.p50Ms) },
    { name: `${name}: p99 latency`, value: api.p99Ms, unit: 'ms', limitName: 'bare Node + pg', limitValue: raw.p99Ms, ratio: durationRatio(api.p99Ms, raw.p99Ms) },
  ];
}

/** Two problems per project, raised over the last 60 days; every third closed, every seventh coordinating, some suspended. */
async function seedProblems(databaseUrl: string): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      WITH admin AS (SELECT id FROM users WHERE username = 'bench-admin'),
           src AS (SELECT p.id AS project_id, p.owner_department_id, k, row_number() OVER (ORDER BY p.id, k) AS n
                     FROM projects p CROSS JOIN generate_series(1, 2) k WHERE p.owner_department_id IS NOT NULL),
           shaped AS (SELECT src.*, now() - ((n % 60) || ' days')::interval - ((n % 24) || ' hours')::interval AS raised_at,
                             CASE WHEN n % 3 = 0 THEN 'closed' WHEN n % 11 = 0 THEN 'suspended' WHEN n % 7 = 0 THEN 'coordinating' WHEN n % 13 = 0 THEN 'resolved' ELSE 'new' END AS state
                        FROM src)
      INSERT INTO coordination_problems (year, sequence, project_id, raising_department_id, type_code, title, need, needed_by_date, severity, state,
                                         suspended_from_state, raised_by_id, raised_at, last_moved_at, closed_at, closed_by_id)
      SELECT 2026, n, project_id, owner_department_id, (ARRAY['funding','land','approvals','planning','site_conditions','other'])[1 + n % 6],
             '基准测试问题' || n, '需协调解决的事项' || n, (raised_at + interval '20 days')::date, (ARRAY['general','major','critical'])[1 + n % 3], state,
             CASE WHEN state = 'suspended' THEN 'new' END, (SELECT id FROM admin), raised_at, raised_at,
             CASE WHEN state = 'closed' THEN raised_at + interval '5 days' END, CASE WHEN state = 'closed' THEN (SELECT id FROM admin) END
        FROM shaped`);
    await client.query(`
      INSERT INTO coordination_problem_departments (problem_id, department_id, position)
      SELECT cp.id, d.id, 0 FROM coordination_problems cp
        JOIN LATERAL (SELECT id FROM departments WHERE id <> cp.raising_department_id ORDER BY md5(cp.id::text || id::text) LIMIT 1) d ON true`);
    await client.query(`
      INSERT INTO coordination_problem_events (problem_id, type, from_state, to_state, actor_name, occurred_at)
      SELECT id, 'raised', NULL, 'new', 'bench', raised_at FROM coordination_problems`);
    await client.query('ANALYZE');
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM coordination_problems`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

export async function runProblemsBenchmark(): Promise<BenchResult[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 10_000);
  const databaseUrl = await createBenchDatabase(DATABASE);
  await generateSyntheticPortfolio(databaseUrl, { projects, milestonesPerProject: Number(process.env.BENCH_MILESTONES_PER_PROJECT ?? 20) });
  const problems = await seedProblems(databaseUrl);

  const api = startNode('apps/api/src/main.js', {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    ...freshProductionSecrets(),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const raw = startNode('bench/problems-raw-server.js', { DATABASE_URL: databaseUrl, PORT: String(RAW_PORT) });
  try {
    await waitForHttp(`http://127.0.0.1:${API_PORT}/health`);
    await new Promise<void>((resolve) => raw.once('message', () => resolve()));
    const login = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: BENCH_PASSWORD }),
    });
    const authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const notes = `${projects} projects, ${problems} problems`;
    const listQuery = 'state=new,coordinating,resolved&page=1&pageSize=20';
    const listApi = await measureLoad({ url: `http://127.0.0.1:${API_PORT}/api/v1/coordination-problems?${listQuery}&sort=oldest-open`, headers: { authorization } });
    const listRaw = await measureLoad({ url: `http://127.0.0.1:${RAW_PORT}/problems?${listQuery}` });
    const countsApi = await measureLoad({ url: `http://127.0.0.1:${API_PORT}/api/v1/coordination-problems/week-counts`, headers: { authorization } });
    const countsRaw = await measureLoad({ url: `http://127.0.0.1:${RAW_PORT}/problems/week-counts` });
    return [
      ...compare('GET /api/v1/coordination-problems (open, oldest first, page 1)', listApi, listRaw, notes),
      ...compare('GET /api/v1/coordination-problems/week-counts', countsApi, countsRaw, notes),
    ];
  } finally {
    await Promise.all([stop(api), stop(raw)]);
    await dropBenchDatabase(DATABASE);
  }
}
