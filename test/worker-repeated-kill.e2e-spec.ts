import { Queue } from 'bullmq';
import { createDepartment, createProject, createUser } from './support/factories';
import { TEST_REDIS_URL } from './support/services';
import { testQueuePrefix } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { obliterateQueues, waitFor } from './support/worker-app';
import { REMINDER_DAY, REMINDER_NOW } from './support/worker-fixtures';
import { spawnWorker, WorkerProcess } from './support/worker-process';

/**
 * The failure of issue #11, reproduced: a day of thousands of reminders, the worker process killed with SIGKILL five
 * times — twice inside the day's scan (which made BullMQ fail the scan as stalled, and nothing ran it again), three
 * times during delivery — and restarted each time. Every reminder the rules demand for the day must arrive exactly once.
 *
 * On Tue 2026-10-13 with the default rules, per project:
 */
const RULES_BY_PLANNED_DATE: Record<string, { rule: string; level: 0 | 1 | 2 }> = {
  '2026-10-16': { rule: 'due-soon-3', level: 0 }, // 3 working days ahead
  '2026-10-13': { rule: 'due-today', level: 0 },
  '2026-10-12': { rule: 'overdue', level: 0 }, // 1 working day late
  '2026-09-30': { rule: 'overdue', level: 1 }, // 5 working days late (National Day in between): + the lead official
  '2026-09-22': { rule: 'overdue', level: 2 }, // 10 working days late: + the lead official and the 督查室
};
const PROJECTS = 600;
const DEPARTMENTS = 3;

describe('a worker killed five times during a day’s scan and delivery still delivers every reminder exactly once', () => {
  let database: TestDatabase;
  const prefix = testQueuePrefix('kill-loop');
  let current: WorkerProcess | undefined;
  let scans: Queue;
  /** `${milestoneId} ${rule} ${userId}` of every inbox reminder the rules demand today, worked out from the data as built. */
  const expected: string[] = [];

  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    KPT_FIXED_NOW: REMINDER_NOW, // 09:00, after the 08:30 send time: the worker catches today's scan up at start
    REMINDER_CATCH_UP: 'true',
    JOB_WATCHDOG_INTERVAL_MS: '1000',
    REMINDER_SEND_CONCURRENCY: '1',
    REMINDER_SCAN_BATCH_SIZE: '10',
    QUEUE_LOCK_DURATION_MS: '3000',
    QUEUE_BACKOFF_MS: '200',
    OUTBOX_POLL_INTERVAL_MS: '500',
  });
  const count = async (sql: string) => Number((await database.dataSource.query(sql))[0].n);
  const scanRun = async (): Promise<{ status: string; attempts: number } | undefined> =>
    (await database.dataSource.query(`SELECT status, attempts FROM job_runs WHERE job = 'reminder-scan' AND occurrence = $1 AND kind = 'scheduled'`, [REMINDER_DAY]))[0];
  const kill = async () => {
    current!.child.kill('SIGKILL');
    await current!.exited;
    current = undefined;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const ds = database.dataSource;
    const lead = await createUser(ds, 'viewer');
    const supervisors = [await createUser(ds, 'supervisor'), await createUser(ds, 'supervisor')];
    const departments: Array<{ id: string; editors: string[] }> = [];
    for (let d = 0; d < DEPARTMENTS; d++) {
      const department = await createDepartment(ds);
      const editors = [await createUser(ds, 'department_editor', { departmentId: department.id }), await createUser(ds, 'department_editor', { departmentId: department.id })];
      departments.push({ id: department.id, editors: editors.map((editor) => editor.id) });
    }
    // One project through the factory (plan column and group), the rest cloned from it in SQL.
    const template = await createProject(ds, { ownerDepartmentId: departments[0].id, leadOfficialUserId: lead.id });
    await ds.query(
      `INSERT INTO projects (name, column_id, group_id, kind, attributes, status, owner_department_id, lead_official_user_id)
       SELECT $1 || '-' || n, column_id, group_id, kind, attributes, status, ($2::uuid[])[1 + n % $3], lead_official_user_id
         FROM projects, generate_series(1, $4 - 1) AS n WHERE id = $5`,
      [template.name, departments.map((department) => department.id), DEPARTMENTS, PROJECTS, template.id],
    );
    await ds.query(
      `INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date, status)
       SELECT p.id, 'custom', '节点' || d, d::date, d::date, 'pending' FROM projects p, unnest($1::text[]) AS d`,
      [Object.keys(RULES_BY_PLANNED_DATE)],
    );
    const milestones: Array<{ id: string; planned_date: string; owner_department_id: string }> = await ds.query(
      `SELECT m.id, to_char(m.planned_date, 'YYYY-MM-DD') AS planned_date, p.owner_department_id FROM milestones m JOIN projects p ON p.id = m.project_id`,
    );
    for (const milestone of milestones) {
      const { rule, level } = RULES_BY_PLANNED_DATE[milestone.planned_date];
      const users = [...departments.find((department) => department.id === milestone.owner_department_id)!.editors];
      if (level >= 1) users.push(lead.id);
      if (level >= 2) users.push(...supervisors.map((supervisor) => supervisor.id));
      for (const user of users) expected.push(`${milestone.id} ${rule} ${user}`);
    }
    expected.sort();
    scans = new Queue('reminder-scan', { prefix, connection: { url: TEST_REDIS_URL } as never });
  }, 180_000);

  afterAll(async () => {
    if (current) await kill();
    await scans?.close();
    await obliterateQueues(prefix);
    await database?.drop();
  });

  it('kills it twice inside the scan and three times during delivery; the inbox holds exactly the day’s reminders', async () => {
    expect(expected.length).toBeGreaterThanOrEqual(8000);
    const log: string[] = [];
    const state = async () => ({ run: await scanRun(), reminders: await count(`SELECT count(*) AS n FROM reminders`), delivered: await count(`SELECT count(*) AS n FROM notifications`) });

    // Kills 1 and 2: inside the scan — its run started and has planned part of the day, not all of it.
    current = await spawnWorker(env());
    await waitFor(async () => (await scanRun())?.status === 'running' && (await count(`SELECT count(*) AS n FROM reminders`)) >= expected.length * 0.15, {
      intervalMs: 20,
      timeoutMs: 120_000,
      what: 'the scan under way',
    });
    await kill();
    let seen = await state();
    log.push(`kill 1: ${JSON.stringify(seen)}`);
    expect(seen.run).toMatchObject({ status: 'running', attempts: 1 });
    expect(seen.reminders).toBeLessThan(expected.length);

    current = await spawnWorker(env());
    await waitFor(
      async () => {
        const run = await scanRun();
        return run?.status === 'running' && run.attempts >= 2 && (await count(`SELECT count(*) AS n FROM reminders`)) >= Math.max(seen.reminders + 200, expected.length * 0.4);
      },
      { intervalMs: 20, timeoutMs: 120_000, what: `the scan under way again (${log.join('; ')})` },
    );
    await kill();
    seen = await state();
    log.push(`kill 2: ${JSON.stringify(seen)}`);
    expect(seen.run?.status).toBe('running');
    expect(seen.reminders).toBeLessThan(expected.length);

    // Kills 3–5: the scan has completed; delivery is under way.
    for (let k = 3; k <= 5; k++) {
      current = await spawnWorker(env());
      const from = await count(`SELECT count(*) AS n FROM notifications`);
      await waitFor(async () => (await scanRun())?.status === 'done' && (await count(`SELECT count(*) AS n FROM notifications`)) >= from + 200, {
        intervalMs: 20,
        timeoutMs: 180_000,
        what: `delivery under way after restart ${k - 1} (${log.join('; ')})`,
      });
      await kill();
      seen = await state();
      log.push(`kill ${k}: ${JSON.stringify(seen)}`);
      expect(seen.delivered).toBeLessThan(expected.length);
    }

    // The second kill inside the scan made BullMQ fail the scan job as stalled; the watchdog ran the day again.
    const failedScans = await scans.getFailed();
    expect(failedScans.map((job) => job.failedReason).join(' ')).toMatch(/stalled/);

    current = await spawnWorker(env());
    await waitFor(async () => (await count(`SELECT count(*) AS n FROM reminders WHERE status <> 'sent'`)) === 0 && (await count(`SELECT count(*) AS n FROM reminders`)) >= expected.length, {
      intervalMs: 250,
      timeoutMs: 300_000,
      what: `every reminder sent (${log.join('; ')})`,
    });
    const delivered: Array<{ key: string }> = await database.dataSource.query(
      `SELECT r.milestone_id || ' ' || r.rule || ' ' || n.user_id AS key FROM notifications n JOIN reminders r ON r.id = n.reminder_id ORDER BY key`,
    );
    // Exactly the expected set, each once (a duplicate would make the list longer than the set).
    expect(delivered.length).toBe(expected.length);
    expect(delivered.map((row) => row.key)).toEqual(expected);
    await expect(scanRun()).resolves.toMatchObject({ status: 'done' });
    expect((await scanRun())!.attempts).toBeGreaterThanOrEqual(3);

    current.child.kill('SIGTERM');
    await current.exited;
    current = undefined;
  }, 900_000);
});
