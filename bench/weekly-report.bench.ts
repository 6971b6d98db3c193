/**
 * Issue 4 benchmark: the 周报.
 *
 * 1. Building one weekly report for 10,000 projects and 200,000 milestones
 *    (the synthetic portfolio, plus slips, cancellations, investment, progress
 *    reports and 督办单 generated with SQL in a database of its own), beside the
 *    single best raw SQL aggregation of the same per-unit figures
 *    (weekly-report-raw-sql.ts), measured in the same run — and checked to give
 *    the same numbers.
 * 2. GET /api/v1/reports/weekly/latest under load (autocannon): with
 *    If-None-Match (304, nothing rendered or sent) and without (the stored
 *    snapshot, several MB of JSON), each beside a bare Node + pg handler doing
 *    the same (weekly-report-raw-server.ts).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { AuditWriter, dataSourceOptions, systemActor } from '@app/database';
import { addCalendarDays, districtDate } from '@app/domain';
import {
  contentHash,
  lastCompletedIsoWeek,
  PortfolioReader,
  WeeklyReportBuilder,
  WeeklyReportContent,
  WeeklyReportStore,
} from '@app/reporting';
import { generateApiKey } from '../apps/api/src/auth/api-key-secret';
import { BenchResult, durationRatio, throughputRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { LoadFigures, measureLoad } from './support/load';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { generateSyntheticPortfolio } from './support/synthetic-portfolio';
import { calendarArrays, compareWithReport, runRawWeeklyAggregation } from './weekly-report-raw-sql';

const DATABASE = 'kpt_bench_weekly_report';
const API_PORT = 3902;
const RAW_PORT = 3903;
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);

/** Slips, cancellations, a year of investment, progress reports and 督办单 on top of the synthetic portfolio. */
export async function addReportData(databaseUrl: string, year: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A tenth of the open milestones moved 5–30 days after their baseline; one in fifty cancelled; 1 % of projects cancelled.
    await client.query(`UPDATE milestones SET planned_date = planned_date + (5 + abs(hashtext(id::text)) % 26) WHERE status = 'pending' AND abs(hashtext(id::text)) % 10 = 0`);
    await client.query(`UPDATE milestones SET status = 'cancelled' WHERE status = 'pending' AND abs(hashtext(id::text)) % 50 = 1`);
    await client.query(`UPDATE projects SET status = 'cancelled' WHERE abs(hashtext(id::text)) % 100 = 7`);
    await client.query(
      `INSERT INTO project_annual_plans (project_id, year, amount_yuan)
       SELECT id, y, COALESCE(total_investment_yuan, 0) / 3 + y FROM projects, (VALUES ($1::int), ($1::int - 1)) years(y)`,
      [year],
    );
    await client.query(
      `INSERT INTO project_monthly_investments (project_id, month, amount_yuan)
       SELECT p.id, to_char(make_date($1, mth, 1), 'YYYY-MM'), COALESCE(p.total_investment_yuan, 0) / 40 + mth
         FROM projects p, generate_series(1, 12) mth`,
      [year],
    );
    await client.query(
      `INSERT INTO progress_reports (project_id, period, text, percent_complete, author_id, author_name, created_at)
       SELECT p.id, to_char(now() - make_interval(days => k * 10), 'YYYY-MM'), '基准测试进展', LEAST(100, COALESCE(p.percent_complete, 0) + k),
              u.id, 'bench', now() - make_interval(days => k * 10)
         FROM projects p CROSS JOIN generate_series(0, 2) k CROSS JOIN (SELECT id FROM users LIMIT 1) u
        WHERE abs(hashtext(p.id::text)) % 2 = 0`,
    );
    await client.query(
      `INSERT INTO supervision_notices (number, year, sequence, owner_department_id, title, body, reply_due_date, status, issued_by_id, issued_at, closed_at, closed_by_id)
       SELECT '基准督〔' || $1::int || '〕' || i || '号', $1::int, i, d.id, '基准督办单', '请报送整改措施', (now() + interval '10 days')::date,
              CASE WHEN i % 2 = 0 THEN 'closed' ELSE 'issued' END, u.id, now() - make_interval(hours => i * 2),
              CASE WHEN i % 2 = 0 THEN now() - make_interval(hours => i) END, CASE WHEN i % 2 = 0 THEN u.id END
         FROM generate_series(1, 600) i
         JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS idx FROM departments) d ON d.idx = i % 30
        CROSS JOIN (SELECT id FROM users LIMIT 1) u`,
      [year],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

function loadResults(name: string, api: LoadFigures, raw: LoadFigures, notes: string): BenchResult[] {
  const failures = (f: LoadFigures) => (f.errors ? ` [${f.errors} errors]` : '');
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
    { name: `${name}: p99 latency`, value: api.p99Ms, unit: 'ms', limitName: 'bare Node + pg', limitValue: raw.p99Ms, ratio: durationRatio(api.p99Ms, raw.p99Ms) },
  ];
}

export async function runWeeklyReportBenchmark(): Promise<BenchResult[]> {
  const projects = Number(process.env.BENCH_PROJECTS ?? 10_000);
  const milestonesPerProject = Number(process.env.BENCH_MILESTONES_PER_PROJECT ?? 20);
  const week = lastCompletedIsoWeek(districtDate(new Date()));
  const databaseUrl = await createBenchDatabase(DATABASE);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 4 } })).initialize();
  const results: BenchResult[] = [];
  try {
    await generateSyntheticPortfolio(databaseUrl, { projects, milestonesPerProject });
    await addReportData(databaseUrl, Number(week.end.slice(0, 4)));
    const [{ count: milestoneCount }] = await dataSource.query(`SELECT count(*)::int AS count FROM milestones`);

    // --- 1. build vs raw SQL -------------------------------------------------------------
    const calendar = new WorkingDayCalendar();
    const reader = new PortfolioReader(dataSource, calendar);
    const builder = new WeeklyReportBuilder(dataSource, reader);
    const rules = await reader.rules();
    const [range] = await dataSource.query(
      `SELECT LEAST(min(baseline_date), min(planned_date))::text AS low, GREATEST(max(baseline_date), max(planned_date))::text AS high FROM milestones`,
    );
    const calendarRange = calendarArrays(calendar, addCalendarDays(range.low < week.start ? range.low : week.start, -1), range.high > week.end ? range.high : week.end);

    await builder.build(week); // warm-up: plans, the working-day index
    await runRawWeeklyAggregation(dataSource, week, rules, calendarRange);
    const buildTimes: number[] = [];
    const rawTimes: number[] = [];
    let report!: WeeklyReportContent;
    let raw!: Awaited<ReturnType<typeof runRawWeeklyAggregation>>;
    for (let run = 0; run < RUNS; run++) {
      const built = await timed(() => builder.build(week));
      buildTimes.push(built.ms);
      report = built.result;
      const aggregated = await timed(() => runRawWeeklyAggregation(dataSource, week, rules, calendarRange));
      rawTimes.push(aggregated.ms);
      raw = aggregated.result;
    }
    const differences = compareWithReport(report, raw);
    const json = JSON.stringify(report);
    const store = new WeeklyReportStore(dataSource, builder, new AuditWriter());
    const stored = await timed(() => store.buildOnce(week, { source: 'on_demand', builtBy: 'bench', actor: systemActor('bench') }));
    const buildMs = median(buildTimes);
    const rawMs = median(rawTimes);
    results.push({
      name: `weekly report ${week.name}: build (${projects} projects, ${milestoneCount} milestones)`,
      value: buildMs,
      unit: 'ms',
      limitName: 'one raw SQL aggregation, same per-unit figures',
      limitValue: rawMs,
      ratio: durationRatio(buildMs, rawMs),
      notes:
        `median of ${RUNS}; figures ${differences.length === 0 ? 'identical' : `DIFFER: ${differences.slice(0, 3).join('; ')}`}; ` +
        `the build also lists ${report.overdueMilestones.length} overdue milestones and ${report.projectLights.length} lit projects, ` +
        `${(Buffer.byteLength(json) / 2 ** 20).toFixed(1)} MiB JSON; build + hash + store ${stored.ms.toFixed(0)} ms (hash ${contentHash(report).slice(0, 8)})`,
    });

    // --- 2. GET /reports/weekly/latest under load --------------------------------------
    const { key, prefix, hash } = generateApiKey();
    await dataSource.query(`INSERT INTO api_keys (name, prefix, key_hash, scopes) VALUES ('bench', $1, $2, '{reports:read}')`, [prefix, hash]);
    const etag = `"${stored.result.report.contentHash.trim()}-json"`;
    const api = startNode('apps/api/src/main.js', {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(API_PORT),
      ...freshProductionSecrets(),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      REPORT_RATE_LIMIT_PER_MINUTE: '100000000',
      QUEUE_PREFIX: 'kpt-bench-weekly-report',
    });
    const rawServer = startNode('bench/weekly-report-raw-server.js', { DATABASE_URL: databaseUrl, PORT: String(RAW_PORT) });
    try {
      await waitForHttp(`http://127.0.0.1:${API_PORT}/health`);
      await new Promise<void>((resolve) => rawServer.once('message', () => resolve()));
      const apiUrl = `http://127.0.0.1:${API_PORT}/api/v1/reports/weekly/latest`;
      const rawUrl = `http://127.0.0.1:${RAW_PORT}/reports/weekly/latest`;

      const cachedApi = await measureLoad({ url: apiUrl, headers: { 'x-api-key': key, 'if-none-match': etag } });
      const cachedRaw = await measureLoad({ url: rawUrl, headers: { 'if-none-match': etag } });
      results.push(
        ...loadResults('GET /reports/weekly/latest, If-None-Match (304)', cachedApi, cachedRaw, `every answer a 304 (counted as non-2xx by autocannon: ${cachedApi.non2xx})`),
      );
      const fullApi = await measureLoad({ url: apiUrl, headers: { 'x-api-key': key } });
      const fullRaw = await measureLoad({ url: rawUrl });
      results.push(
        ...loadResults(
          'GET /reports/weekly/latest, no validator (200, full JSON)',
          fullApi,
          fullRaw,
          `${(Buffer.byteLength(json) / 2 ** 20).toFixed(1)} MiB per answer; the API keeps rendered bodies by ETag, the bare handler reads the jsonb each time` +
            (fullApi.non2xx ? ` [${fullApi.non2xx} non-2xx]` : ''),
        ),
      );
    } finally {
      await Promise.all([stop(api), stop(rawServer)]);
    }
    return results;
  } finally {
    await dataSource.destroy();
    await dropBenchDatabase(DATABASE);
  }
}

if (require.main === module) {
  runWeeklyReportBenchmark()
    .then((results) => console.table(results))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
