/**
 * Issue 3 benchmark: the reminder pipeline (催办).
 *
 * A synthetic portfolio of BENCH_MILESTONES milestones (default 1,000,000, in
 * 100,000 projects of 100 owner units) is generated with SQL in a database of
 * its own; about 3 % are pending and overdue, 3 % due within the next ten days,
 * 10 % done, the rest planned later. The clock is fixed on Tue 2026-10-13 09:00
 * (Asia/Shanghai), a working day. The real worker (WorkerModule) runs in this
 * process against the shared Redis under a prefix of its own.
 *
 * 1. One full scan (keyset pages over the open-milestones index, occurrences,
 *    recipients, reminder rows, addBulk) with the send queue paused, beside the
 *    unavoidable work done raw: one SQL select of the same milestones and one
 *    BullMQ addBulk of the same number of jobs (same ids, same options).
 * 2. Delivery to the in-app inbox: reminders sent per second by one worker
 *    process (REMINDER_SEND_CONCURRENCY, default 8), one job each (a read with
 *    send-time re-checks, one statement claiming the reminder and writing the
 *    inbox row), beside one raw SQL INSERT … SELECT of the same rows into a copy
 *    of the notifications table — and beside a bare BullMQ Worker doing one
 *    INSERT per job, the floor of any one-job-per-reminder design.
 *
 * Writes nothing itself; the runner prints and records the results.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { Client, Pool } from 'pg';
import { WorkingDayCalendar } from '@app/calendar';
import { DEFAULT_JOB_OPTIONS, deleteKeysWithPrefix, QueueRegistry } from '@app/queue';
import { DEFAULT_REMINDER_RULES } from '@app/domain';
import { scanHorizon } from '../apps/worker/src/reminders/reminder-occurrence';
import { ReminderScanProcessor } from '../apps/worker/src/reminders/reminder-scan.processor';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { BenchResult, durationRatio, throughputRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';

const DATABASE = 'kpt_bench_reminders';
const TODAY = '2026-10-13';
const NOW = '2026-10-13T01:00:00Z'; // 09:00 in Shanghai, after the 08:30 scan time
const ENQUEUE_CHUNK = 1000;

function log(message: string): void {
  console.log(`[reminders] ${message}`);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The synthetic portfolio, all in SQL (generate_series), deterministic. */
export async function generatePortfolio(client: Client, milestones: number): Promise<void> {
  const projects = Math.max(1, Math.ceil(milestones / 10));
  await client.query(`INSERT INTO plans (code, title, start_year, end_year) VALUES ('bench-reminders', '基准规划', 2026, 2030)`);
  await client.query(`INSERT INTO plan_columns (plan_id, number, title) SELECT id, 2, '基准专栏' FROM plans WHERE code = 'bench-reminders'`);
  await client.query(`INSERT INTO plan_groups (column_id, number, title) SELECT id, 1, '基准工程组' FROM plan_columns`);
  await client.query(`INSERT INTO departments (code, name, kind) SELECT 'bench-' || lpad(g::text, 3, '0'), '基准责任单位' || g, 'department' FROM generate_series(1, 100) g`);
  // Two editors per unit, 20 lead officials, 2 people in the 督查室.
  await client.query(
    `INSERT INTO users (username, display_name, password_hash, role, department_id)
     SELECT 'editor-' || d.code || '-' || k, d.name || '填报员' || k, 'x', 'department_editor', d.id FROM departments d, generate_series(1, 2) k`,
  );
  await client.query(`INSERT INTO users (username, display_name, password_hash, role) SELECT 'lead-' || g, '包联领导' || g, 'x', 'viewer' FROM generate_series(1, 20) g`);
  await client.query(`INSERT INTO users (username, display_name, password_hash, role) SELECT 'supervisor-' || g, '督查室' || g, 'x', 'supervisor' FROM generate_series(1, 2) g`);
  // Projects: every second one names its lead official's account; one in fifty is suspended.
  await client.query(
    `WITH depts AS (SELECT array_agg(id ORDER BY code) AS ids FROM departments),
          leads AS (SELECT array_agg(id ORDER BY username) AS ids FROM users WHERE username LIKE 'lead-%')
     INSERT INTO projects (name, column_id, group_id, sort_order, kind, owner_department_id, lead_official_user_id, status)
     SELECT '基准项目' || g, gr.column_id, gr.id, g, 'other', depts.ids[1 + g % 100],
            CASE WHEN g % 2 = 0 THEN leads.ids[1 + g % 20] END,
            CASE WHEN g % 50 = 0 THEN 'suspended' ELSE 'under_construction' END
       FROM generate_series(1, $1::int) g, plan_groups gr, depts, leads`,
    [projects],
  );
  // Milestones, ten per project. r in [0, 1000): < 30 pending and 1–120 days overdue; < 60 pending and due
  // within 10 days; < 160 done in the past; else pending, 11–1510 days ahead.
  await client.query(
    `WITH p AS (SELECT id, sort_order AS n FROM projects)
     INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date, actual_date, status)
     SELECT p.id, 'custom', '节点' || g, d.planned, d.planned, d.actual, d.status
       FROM generate_series(0, $1::int - 1) g
       JOIN p ON p.n = g / 10 + 1
       CROSS JOIN LATERAL (SELECT (g::bigint * 761) % 1000 AS r, (g::bigint * 40503) % 997 AS s) h
       CROSS JOIN LATERAL (
         SELECT CASE
                  WHEN h.r < 30 THEN $2::date - (1 + h.s % 120)::int
                  WHEN h.r < 60 THEN $2::date + (h.s % 11)::int
                  WHEN h.r < 160 THEN $2::date - (121 + h.s % 600)::int
                  ELSE $2::date + (11 + (h.s * 7 + g) % 1500)::int
                END AS planned
       ) pd
       CROSS JOIN LATERAL (
         SELECT pd.planned,
                CASE WHEN h.r >= 60 AND h.r < 160 THEN pd.planned END AS actual,
                CASE WHEN h.r >= 60 AND h.r < 160 THEN 'done' ELSE 'pending' END AS status
       ) d`,
    [milestones, TODAY],
  );
  await client.query('ANALYZE');
}

async function countSent(client: Client): Promise<number> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM reminders WHERE status <> 'queued'`);
  return rows[0].n;
}

export async function runReminderBenchmark(): Promise<BenchResult[]> {
  const milestones = Number(process.env.BENCH_MILESTONES ?? 1_000_000);
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `kpt-bench-reminders-${randomBytes(3).toString('hex')}`;
  const rawPrefix = `${prefix}-raw`;

  log(`database ${DATABASE}: migrating, then ${milestones.toLocaleString('en')} milestones`);
  const databaseUrl = await createBenchDatabase(DATABASE);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let app: INestApplicationContext | undefined;
  try {
    let started = Date.now();
    await generatePortfolio(client, milestones);
    log(`portfolio generated in ${seconds(Date.now() - started)}`);

    Object.assign(process.env, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      KPT_FIXED_NOW: NOW,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      WORKER_HEALTH_PORT: '0',
      REMINDER_CATCH_UP: 'false', // the benchmark runs the scan itself
    });
    app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
    const queues = app.get(QueueRegistry);
    const sends = queues.queue('reminders');
    await sends.pause();

    // 1. One full scan, deliveries held back.
    started = Date.now();
    const scan = await app.get(ReminderScanProcessor).scan();
    const scanMs = Date.now() - started;
    const reminders = scan.reminders ?? 0;
    log(`scan: ${scan.milestones} milestones read, ${reminders} reminders planned and enqueued in ${seconds(scanMs)}`);

    const horizon = scanHorizon(TODAY, DEFAULT_REMINDER_RULES, new WorkingDayCalendar());
    started = Date.now();
    const selected = await client.query(
      `SELECT m.id, m.project_id, m.planned_date, p.owner_department_id, p.lead_official_user_id, p.status
         FROM milestones m JOIN projects p ON p.id = m.project_id
        WHERE m.status = 'pending' AND m.planned_date <= $1`,
      [horizon],
    );
    const selectMs = Date.now() - started;

    const ids: string[] = (await client.query(`SELECT id FROM reminders ORDER BY id`)).rows.map((row: { id: string }) => row.id);
    const raw = new Queue('reminders-raw', { prefix: rawPrefix, connection: { url: redisUrl } as never, defaultJobOptions: DEFAULT_JOB_OPTIONS });
    started = Date.now();
    for (let start = 0; start < ids.length; start += ENQUEUE_CHUNK) {
      await raw.addBulk(ids.slice(start, start + ENQUEUE_CHUNK).map((id) => ({ name: 'send-reminder', data: { reminderId: id }, opts: { jobId: id } })));
    }
    const addBulkMs = Date.now() - started;
    await raw.close();
    // Context, not part of the limit: writing the same reminder rows raw (no foreign-key checks, one statement).
    await client.query(`CREATE TABLE reminders_raw (LIKE reminders INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    started = Date.now();
    await client.query(`INSERT INTO reminders_raw SELECT * FROM reminders`);
    const rowsInsertMs = Date.now() - started;
    log(`raw: select of ${selected.rowCount} milestones ${seconds(selectMs)}, addBulk of ${ids.length} jobs ${seconds(addBulkMs)}`);

    // 2. Delivery to the inbox.
    started = Date.now();
    await sends.resume();
    let sent = 0;
    while (sent < reminders) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      sent = await countSent(client);
    }
    const deliverMs = Date.now() - started;
    const perSecond = (reminders / deliverMs) * 1000;
    const { rows: check } = await client.query(
      `SELECT (SELECT count(*)::int FROM notifications) AS notifications, (SELECT count(*)::int FROM reminders WHERE status = 'sent') AS sent`,
    );
    log(`delivery: ${reminders} reminders in ${seconds(deliverMs)} (${perSecond.toFixed(0)}/s); inbox rows ${check[0].notifications}`);

    await client.query(`CREATE TABLE notifications_raw (LIKE notifications INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    started = Date.now();
    const inserted = await client.query(
      `INSERT INTO notifications_raw (user_id, reminder_id, kind, escalation_level, title, body, link, project_id, milestone_id)
       SELECT r.recipient_user_id, r.id, r.kind, r.escalation_level, n.title, n.body, n.link, r.project_id, r.milestone_id
         FROM reminders r JOIN notifications n ON n.reminder_id = r.id AND n.user_id = r.recipient_user_id`,
    );
    const rawInsertMs = Date.now() - started;
    const rawPerSecond = ((inserted.rowCount ?? 0) / Math.max(1, rawInsertMs)) * 1000;
    log(`raw insert of ${inserted.rowCount} inbox rows in ${seconds(rawInsertMs)} (${rawPerSecond.toFixed(0)}/s)`);

    // 3. The per-job floor: a bare BullMQ Worker (same concurrency) taking the raw queue's jobs and writing one row each.
    await client.query(`CREATE TABLE notifications_per_job (LIKE notifications INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    const concurrency = Number(process.env.REMINDER_SEND_CONCURRENCY ?? 8);
    const pool = new Pool({ connectionString: databaseUrl, max: concurrency });
    started = Date.now();
    const bare = new Worker(
      'reminders-raw',
      async (job) => {
        await pool.query(
          `INSERT INTO notifications_per_job (user_id, reminder_id, kind, escalation_level, title, body, link, project_id, milestone_id)
           SELECT recipient_user_id, id, kind, escalation_level, '【逾期催办】基准项目 · 节点', '**基准**', 'http://localhost/projects/x', project_id, milestone_id
             FROM reminders WHERE id = $1`,
          [job.data.reminderId],
        );
      },
      { prefix: rawPrefix, connection: { url: redisUrl, maxRetriesPerRequest: null } as never, concurrency },
    );
    let bareDone = 0;
    while (bareDone < ids.length) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      bareDone = (await client.query(`SELECT count(*)::int AS n FROM notifications_per_job`)).rows[0].n;
    }
    const bareMs = Date.now() - started;
    await bare.close();
    await pool.end();
    const barePerSecond = (ids.length / bareMs) * 1000;
    log(`bare BullMQ worker, one INSERT per job: ${ids.length} in ${seconds(bareMs)} (${barePerSecond.toFixed(0)}/s)`);

    const limitMs = selectMs + addBulkMs;
    const portfolio = `${milestones.toLocaleString('en')} milestones, ${(scan.milestones ?? 0).toLocaleString('en')} in the scan window`;
    return [
      {
        name: `reminder scan to enqueue (${portfolio}, ${reminders.toLocaleString('en')} reminders)`,
        value: scanMs,
        unit: 'ms',
        limitName: 'raw SQL select of the same milestones + raw BullMQ addBulk of as many jobs',
        limitValue: limitMs,
        ratio: durationRatio(scanMs, limitMs),
        notes: `raw select ${selectMs} ms (${selected.rowCount} rows), raw addBulk ${addBulkMs} ms; the scan also resolves recipients and writes one reminders row per job first (ON CONFLICT DO NOTHING, foreign keys checked) — the same rows written raw in one INSERT … SELECT take ${rowsInsertMs} ms`,
      },
      {
        name: 'reminders delivered to the in-app inbox',
        value: perSecond,
        unit: 'reminders/s',
        limitName: 'raw SQL INSERT … SELECT of the same inbox rows',
        limitValue: rawPerSecond,
        ratio: throughputRatio(perSecond, rawPerSecond),
        notes: `one worker process, concurrency ${concurrency}: one BullMQ job per reminder, a read with send-time re-checks and one statement that marks it sent and writes the inbox row; ${check[0].notifications} inbox rows written, ${check[0].sent} marked sent`,
      },
      {
        name: 'reminders delivered to the in-app inbox, against the per-job floor',
        value: perSecond,
        unit: 'reminders/s',
        limitName: 'bare BullMQ Worker (same concurrency) doing one INSERT per job',
        limitValue: barePerSecond,
        ratio: throughputRatio(perSecond, barePerSecond),
        notes: 'the floor of any one-job-per-reminder design on this machine: BullMQ fetch/complete round trips plus one insert',
      },
    ];
  } finally {
    await app?.close();
    await client.end();
    await deleteKeysWithPrefix(prefix, redisUrl);
    await deleteKeysWithPrefix(rawPrefix, redisUrl);
    await dropBenchDatabase(DATABASE);
  }
}

if (require.main === module) {
  runReminderBenchmark()
    .then((results) => console.table(results))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
