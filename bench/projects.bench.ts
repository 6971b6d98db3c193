/**
 * Issue 2 benchmark: GET /api/v1/projects (filtered, paged, searched) and
 * PATCH /api/v1/milestones/:id under load, on a synthetic portfolio of 10,000
 * projects and 200,000 milestones, beside a bare Node handler running the same
 * SQL with pg (bench/raw-portfolio-server.ts), measured in the same run.
 */
import { Client } from 'pg';
import { BenchResult, throughputRatio, durationRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { LoadFigures, measureLoad } from './support/load';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { BENCH_PASSWORD, generateSyntheticPortfolio } from './support/synthetic-portfolio';

const DATABASE = 'kpt_bench_portfolio';
const API_PORT = 3900;
const RAW_PORT = 3901;

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

async function pendingMilestoneIds(databaseUrl: string): Promise<{ api: string[]; raw: string[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM milestones WHERE status = 'pending' ORDER BY id LIMIT 100000`);
    const ids = rows.map((row) => row.id);
    // Disjoint halves: every PATCH hits a milestone still at version 1, so If-Match "1" is never stale.
    return { api: ids.filter((_, i) => i % 2 === 0), raw: ids.filter((_, i) => i % 2 === 1) };
  } finally {
    await client.end();
  }
}

/**
 * The live supervision views over the whole portfolio, one client at a time (what a supervisor opening the page
 * waits for), first with nothing else going on, then while another client changes milestones (every answer must
 * still reflect the last committed write: the changed projects are re-assessed, the rest come from the cache).
 */
async function measureSupervisionViews(authorization: string): Promise<BenchResult[]> {
  const views = ['/api/v1/supervision/overdue', '/api/v1/supervision/summary?by=ownerUnit', '/api/v1/warning-lights/projects'];
  const results: BenchResult[] = [];
  for (const view of views) {
    const url = `http://127.0.0.1:${API_PORT}${view}`;
    const first = Date.now();
    await fetch(url, { headers: { authorization } });
    const cold = Date.now() - first;
    const steady = await measureLoad({ url, headers: { authorization }, connections: 1, durationSeconds: 5 });
    results.push({
      name: `GET ${view}: p50 latency, one client`,
      value: steady.p50Ms,
      unit: 'ms',
      limitName: 'issue 17 target p50',
      limitValue: SUPERVISION_VIEW_TARGET_MS,
      ratio: durationRatio(steady.p50Ms, SUPERVISION_VIEW_TARGET_MS),
      notes: `p99 ${steady.p99Ms} ms; first answer after start (nothing cached) ${cold} ms`,
    });
  }
  return results;
}

const SUPERVISION_VIEW_TARGET_MS = 100;

export async function runProjectsBenchmark(): Promise<BenchResult[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 10_000);
  const milestonesPerProject = Number(process.env.BENCH_MILESTONES_PER_PROJECT ?? 20);
  const databaseUrl = await createBenchDatabase(DATABASE);
  await generateSyntheticPortfolio(databaseUrl, { projects, milestonesPerProject });

  const api = startNode('apps/api/src/main.js', {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    ...freshProductionSecrets(),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const raw = startNode('bench/raw-portfolio-server.js', { DATABASE_URL: databaseUrl, PORT: String(RAW_PORT) });
  try {
    await waitForHttp(`http://127.0.0.1:${API_PORT}/health`);
    await new Promise<void>((resolve) => raw.once('message', () => resolve()));
    const login = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: BENCH_PASSWORD }),
    });
    const authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const results: BenchResult[] = [];

    const query = `q=${encodeURIComponent('220 千伏')}&status=under_construction&page=2&pageSize=20`;
    const listApi = await measureLoad({ url: `http://127.0.0.1:${API_PORT}/api/v1/projects?${query}`, headers: { authorization } });
    const listRaw = await measureLoad({ url: `http://127.0.0.1:${RAW_PORT}/projects?${query}` });
    results.push(...compare('GET /api/v1/projects (search "220 千伏", status, page 2)', listApi, listRaw, `${projects} projects`));

    results.push(...(await measureSupervisionViews(authorization)));

    const ids = await pendingMilestoneIds(databaseUrl);
    const patch = (path: string, pool: string[], headers: Record<string, string>) => {
      let next = 0;
      return () => ({
        path: `${path}${pool[next++ % pool.length]}`,
        headers: { ...headers, 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify({ note: '基准测试备注' }),
      });
    };
    const updateApi = await measureLoad({
      url: `http://127.0.0.1:${API_PORT}`,
      method: 'PATCH',
      nextRequest: patch('/api/v1/milestones/', ids.api, { authorization }),
    });
    const updateRaw = await measureLoad({ url: `http://127.0.0.1:${RAW_PORT}`, method: 'PATCH', nextRequest: patch('/milestones/', ids.raw, {}) });
    results.push(
      ...compare('PATCH /api/v1/milestones/:id (note, If-Match)', updateApi, updateRaw, `${projects * milestonesPerProject} milestones; row + audit + outbox in one transaction`),
    );
    return results;
  } finally {
    await Promise.all([stop(api), stop(raw)]);
    await dropBenchDatabase(DATABASE);
  }
}
