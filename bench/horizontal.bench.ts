/**
 * Issue 17, horizontal: two API processes and two workers on one Postgres and one Redis. The list and the PATCH
 * are loaded through one API, then the same number of connections spread over both (the limit: twice the
 * one-process figure); then both workers run a reminder scan triggered through the API, and every in-app reminder
 * must be in the inbox exactly once. On a 2-core machine the second process competes with the first and with
 * Postgres for the same cores, so the figure says how far from 2× that leaves us, not what more cores would give.
 */
import { Client } from 'pg';
import { BenchResult, throughputRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { LoadFigures, measureLoad } from './support/load';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { BENCH_PASSWORD, generateSyntheticPortfolio } from './support/synthetic-portfolio';

const DATABASE = 'kpt_bench_horizontal';
const API_PORTS = [3970, 3971];
const WORKER_HEALTH_PORTS = [3972, 3973];

function log(message: string): void {
  process.stderr.write(`[horizontal] ${message}\n`);
}

async function signIn(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-admin', password: BENCH_PASSWORD }),
  });
  return `Bearer ${((await response.json()) as { accessToken: string }).accessToken}`;
}

/** Throughput through one API with 20 connections, then through both with 10 each, summed. */
async function oneAgainstTwo(load: (port: number, connections: number, pool: number) => Promise<LoadFigures>): Promise<{ one: number; two: number; failures: number }> {
  const one = await load(API_PORTS[0], 20, 0);
  const both = await Promise.all([load(API_PORTS[0], 10, 1), load(API_PORTS[1], 10, 2)]);
  const failures = [one, ...both].reduce((sum, f) => sum + f.non2xx + f.errors, 0);
  return { one: one.requestsPerSecond, two: both[0].requestsPerSecond + both[1].requestsPerSecond, failures };
}

async function waitForDeliveries(client: Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const [{ waiting, total }] = (
      await client.query(`SELECT count(*) FILTER (WHERE status = 'queued')::int AS waiting, count(*)::int AS total FROM reminders`)
    ).rows;
    if (total > 0 && waiting === 0 && total === last) return;
    last = total;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('reminders still queued after the timeout');
}

export async function runHorizontalBenchmark(): Promise<BenchResult[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 10_000);
  const databaseUrl = await createBenchDatabase(DATABASE);
  await generateSyntheticPortfolio(databaseUrl, { projects, milestonesPerProject: 20 });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  // Every unit gets an editor, so the scan has someone to remind.
  await client.query(
    `INSERT INTO users (username, display_name, password_hash, role, department_id)
     SELECT 'editor-' || d.code, d.name || '填报员', 'x', 'department_editor', d.id FROM departments d`,
  );
  const secrets = freshProductionSecrets();
  const common = { NODE_ENV: 'production', DATABASE_URL: databaseUrl, ...secrets, LOG_LEVEL: 'warn', QUEUE_PREFIX: `kpt-bench-horizontal-${Date.now()}` };
  const apis = API_PORTS.map((port) => startNode('apps/api/src/main.js', { ...common, PORT: String(port), RATE_LIMIT_PER_MINUTE: '100000000' }));
  const workers = WORKER_HEALTH_PORTS.map((port) =>
    startNode('apps/worker/src/main.js', { ...common, WORKER_HEALTH_PORT: String(port), REMINDER_CATCH_UP: 'false' }),
  );
  try {
    await Promise.all(API_PORTS.map((port) => waitForHttp(`http://127.0.0.1:${port}/health`)));
    const authorization = new Map(await Promise.all(API_PORTS.map(async (port) => [port, await signIn(port)] as const)));
    const results: BenchResult[] = [];

    const query = `q=${encodeURIComponent('220 千伏')}&status=under_construction&page=2&pageSize=20`;
    log('list through one API, then both');
    const list = await oneAgainstTwo((port, connections) =>
      measureLoad({ url: `http://127.0.0.1:${port}/api/v1/projects?${query}`, headers: { authorization: authorization.get(port)! }, connections }),
    );
    results.push({
      name: 'GET /api/v1/projects (search, page 2): two API processes, load spread',
      value: list.two,
      unit: 'req/s',
      limitName: `2 × one process (${list.one.toFixed(0)} req/s)`,
      limitValue: 2 * list.one,
      ratio: throughputRatio(list.two, 2 * list.one),
      notes: `2 cores shared by both APIs and Postgres; ×${(list.two / list.one).toFixed(2)} of one process${list.failures ? ` [${list.failures} failures]` : ''}`,
    });

    const { rows } = await client.query<{ id: string }>(`SELECT id FROM milestones WHERE status = 'pending' ORDER BY id LIMIT 90000`);
    const pools = [0, 1, 2].map((k) => rows.filter((_, i) => i % 3 === k).map((row) => row.id));
    log('PATCH through one API, then both');
    const patch = await oneAgainstTwo((port, connections, poolIndex) => {
      const pool = pools[poolIndex];
      let next = 0;
      return measureLoad({
        url: `http://127.0.0.1:${port}`,
        method: 'PATCH',
        connections,
        nextRequest: () => ({
          path: `/api/v1/milestones/${pool[next++ % pool.length]}`,
          headers: { authorization: authorization.get(port)!, 'content-type': 'application/json', 'if-match': '"1"' },
          body: JSON.stringify({ note: '基准测试备注' }),
        }),
      });
    });
    results.push({
      name: 'PATCH /api/v1/milestones/:id: two API processes, load spread',
      value: patch.two,
      unit: 'req/s',
      limitName: `2 × one process (${patch.one.toFixed(0)} req/s)`,
      limitValue: 2 * patch.one,
      ratio: throughputRatio(patch.two, 2 * patch.one),
      notes: `×${(patch.two / patch.one).toFixed(2)} of one process${patch.failures ? ` [${patch.failures} failures, e.g. a milestone patched twice → 412]` : ''}`,
    });

    log('reminder scan with two workers');
    const started = Date.now();
    const run = await fetch(`http://127.0.0.1:${API_PORTS[0]}/api/v1/admin/jobs/reminder-scan/run`, {
      method: 'POST',
      headers: { authorization: authorization.get(API_PORTS[0])!, 'content-type': 'application/json' },
      body: '{}',
    });
    if (run.status !== 202) throw new Error(`reminder-scan run: ${run.status} ${await run.text()}`);
    await waitForDeliveries(client, 600_000);
    const deliverMs = Date.now() - started;
    const [check] = (
      await client.query(
        `SELECT (SELECT count(*)::int FROM reminders WHERE channel = 'inbox') AS planned,
                (SELECT count(*)::int FROM reminders WHERE channel = 'inbox' AND status = 'sent') AS sent,
                (SELECT count(*)::int FROM notifications WHERE reminder_id IS NOT NULL) AS inbox,
                (SELECT count(DISTINCT (reminder_id, user_id))::int FROM notifications WHERE reminder_id IS NOT NULL) AS distinct_inbox`,
      )
    ).rows;
    const exactlyOnce = check.planned === check.sent && check.sent === check.inbox && check.inbox === check.distinct_inbox;
    results.push({
      name: 'reminder scan + in-app delivery with two workers: inbox rows',
      value: check.inbox,
      unit: 'rows',
      limitName: 'in-app reminders planned (each exactly once)',
      limitValue: check.planned,
      ratio: check.planned === 0 ? 0 : check.inbox / check.planned,
      notes: `${exactlyOnce ? 'exactly once' : 'NOT exactly once'}: ${check.sent} marked sent, ${check.distinct_inbox} distinct (reminder, user); scan to last delivery ${deliverMs} ms`,
    });
    return results;
  } finally {
    await client.end();
    await Promise.all([...apis, ...workers].map((child) => stop(child)));
    await dropBenchDatabase(DATABASE);
  }
}
