/**
 * Issue 12 part 2 benchmark: GET /api/v1/node-templates/:id/statistics (手续办结率 per node) on the 10,000-project
 * bench portfolio, every project created from the shipped template of its kind (≈ 16 template milestones each, done
 * in order up to a point that varies by project), one client at a time — what an office opening the page waits for —
 * beside the same SQL statement run bare through pg in the same run.
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { dataSourceOptions } from '@app/database';
import { calendarDays, NODE_STATISTICS_SQL } from '../apps/api/src/node-templates/node-statistics.service';
import { seedNodeTemplates } from '../seeds/node-templates.seed';
import { BenchResult, durationRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { measureLoad } from './support/load';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { BENCH_PASSWORD, generateSyntheticPortfolio } from './support/synthetic-portfolio';

const DATABASE = 'kpt_bench_node_statistics';
const API_PORT = 3930;
const TARGET_P50_MS = 100;

/** Every project made from its kind's template: the project keeps the version, each node becomes a milestone. */
async function templatePortfolio(databaseUrl: string): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 2 } })).initialize();
  try {
    await seedNodeTemplates(dataSource);
  } finally {
    await dataSource.destroy();
  }
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE projects p SET template_version_id = t.current_version_id FROM node_templates t WHERE t.kind = p.kind`);
    // Node k is planned 25 days after node k−1 from the project start; a project has met its nodes up to a point
    // that depends on it (some none, some all), each a few days early or late.
    await client.query(`
      INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date, actual_date, status, template_node_id, is_key_node, requires_document)
      SELECT p.id, n.milestone_kind, n.name, d.planned, d.planned,
             CASE WHEN d.met THEN least(d.planned + d.skew, CURRENT_DATE) END,
             CASE WHEN d.met THEN 'done' ELSE 'pending' END,
             n.id, n.is_key, n.requires_document
        FROM projects p
        JOIN node_template_nodes n ON n.version_id = p.template_version_id
        CROSS JOIN LATERAL (
          SELECT (p.planned_start_date - 200 + n.sort_order * 25)::date AS planned,
                 n.sort_order <= abs(hashtext(p.id::text)) % 18 AS met,
                 (abs(hashtext(p.id::text || n.code)) % 15 - 5) AS skew
        ) d`);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function rawSqlP50(databaseUrl: string, templateId: string, runs: number): Promise<{ p50: number; p99: number }> {
  const days = calendarDays(new WorkingDayCalendar());
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const params = [templateId, null, null, null, days.holidays, days.workdays, days.from, days.to, new Date().toISOString().slice(0, 10)];
    await client.query(NODE_STATISTICS_SQL, params);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = process.hrtime.bigint();
      await client.query(NODE_STATISTICS_SQL, params);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(times.length / 2)], p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] };
  } finally {
    await client.end();
  }
}

export async function runNodeStatisticsBenchmark(): Promise<BenchResult[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 10_000);
  const databaseUrl = await createBenchDatabase(DATABASE);
  await generateSyntheticPortfolio(databaseUrl, { projects, milestonesPerProject: 20 });
  await templatePortfolio(databaseUrl);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const [{ id: templateId, count }] = (
    await client.query<{ id: string; count: number }>(
      `SELECT t.id, (SELECT count(*)::int FROM milestones m JOIN node_template_nodes n ON n.id = m.template_node_id WHERE n.version_id = t.current_version_id) AS count
         FROM node_templates t ORDER BY (SELECT count(*) FROM projects p WHERE p.template_version_id = t.current_version_id) DESC, t.code LIMIT 1`,
    )
  ).rows;
  const [{ total }] = (await client.query<{ total: number }>(`SELECT count(*)::int AS total FROM milestones WHERE template_node_id IS NOT NULL`)).rows;
  await client.end();

  const api = startNode('apps/api/src/main.js', {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    ...freshProductionSecrets(),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  try {
    await waitForHttp(`http://127.0.0.1:${API_PORT}/health`);
    const login = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: BENCH_PASSWORD }),
    });
    const authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const results: BenchResult[] = [];
    for (const [label, query] of [
      ['whole portfolio', ''],
      ['one 专栏', '?column=5'],
    ] as const) {
      const url = `http://127.0.0.1:${API_PORT}/api/v1/node-templates/${templateId}/statistics${query}`;
      const first = Date.now();
      const firstAnswer = await fetch(url, { headers: { authorization } });
      if (firstAnswer.status !== 200) throw new Error(`statistics answered ${firstAnswer.status}: ${await firstAnswer.text()}`);
      const cold = Date.now() - first;
      const steady = await measureLoad({ url, headers: { authorization }, connections: 1, durationSeconds: 5 });
      results.push({
        name: `GET /node-templates/:id/statistics (${label}): p50 latency, one client`,
        value: steady.p50Ms,
        unit: 'ms',
        limitName: 'issue 12 target p50',
        limitValue: TARGET_P50_MS,
        ratio: durationRatio(steady.p50Ms, TARGET_P50_MS),
        notes: `p99 ${steady.p99Ms} ms; first answer ${cold} ms; ${count} milestones of the template, ${total} template milestones in ${projects} projects`,
      });
    }
    const raw = await rawSqlP50(databaseUrl, templateId, 30);
    const apiWhole = results[0].value;
    results.push({
      name: 'statistics SQL through the API vs bare pg (whole portfolio): p50',
      value: apiWhole,
      unit: 'ms',
      limitName: 'same SQL through pg, one client',
      limitValue: raw.p50,
      ratio: durationRatio(apiWhole, raw.p50),
      notes: `bare pg p99 ${raw.p99.toFixed(1)} ms`,
    });
    return results;
  } finally {
    await stop(api);
    await dropBenchDatabase(DATABASE);
  }
}
