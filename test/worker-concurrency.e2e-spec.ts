import { createDepartment, createMilestone, createProject, createUser } from './support/factories';
import { testQueuePrefix } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, reminderStatuses, TestWorker, waitFor } from './support/worker-app';
import { REMINDER_NOW } from './support/worker-fixtures';

/** Per project on Tue 2026-10-13: due soon, due today, 1 late, 5 late (E1), 10 late (E2). */
const PLANNED = ['2026-10-16', '2026-10-13', '2026-10-12', '2026-09-30', '2026-09-22'];
const PER_PROJECT = 2 + 2 + 2 + 3 + 5; // 2 editors each; + lead at E1; + lead and 2 supervisors at E2
const PROJECTS = 40;

describe('two workers at once deliver every reminder exactly once', () => {
  let database: TestDatabase;
  let first: TestWorker;
  let second: TestWorker;
  const prefix = testQueuePrefix('two-workers');

  beforeAll(async () => {
    database = await createTestDatabase();
    const lead = await createUser(database.dataSource, 'viewer');
    await createUser(database.dataSource, 'supervisor');
    await createUser(database.dataSource, 'supervisor');
    const departments = [];
    for (let d = 0; d < 4; d++) {
      const department = await createDepartment(database.dataSource);
      await createUser(database.dataSource, 'department_editor', { departmentId: department.id });
      await createUser(database.dataSource, 'department_editor', { departmentId: department.id });
      departments.push(department);
    }
    for (let p = 0; p < PROJECTS; p++) {
      const project = await createProject(database.dataSource, { ownerDepartmentId: departments[p % 4].id, leadOfficialUserId: lead.id });
      for (const plannedDate of PLANNED) await createMilestone(database.dataSource, project.id, { plannedDate });
    }
    // Small pages, so the two scans interleave many times.
    const env = { QUEUE_PREFIX: prefix, REMINDER_SCAN_BATCH_SIZE: '25', REMINDER_SEND_CONCURRENCY: '4' };
    first = await createTestWorker(database, { now: REMINDER_NOW, env });
    second = await createTestWorker(database, { now: REMINDER_NOW, env });
  });

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await obliterateQueues(prefix);
    await database?.drop();
  });

  it('both scan and deliver at the same time; one reminder row, one job, one inbox message per occurrence', async () => {
    const expected = PROJECTS * PER_PROJECT;
    // Two scans as BullMQ jobs (each worker's scan queue takes one) and two direct runs, all at once.
    await Promise.all([
      first.queues.add('reminder-scan', { trigger: 'manual' }, { jobId: 'manual-scan-a' }),
      second.queues.add('reminder-scan', { trigger: 'manual' }, { jobId: 'manual-scan-b' }),
    ]);
    const [a, b] = await Promise.all([first.scan(), second.scan()]);
    expect(a.reminders).toBe(expected);
    expect(b.reminders).toBe(expected);

    await waitFor(async () => (await reminderStatuses(database)).sent === expected, { timeoutMs: 60_000, what: `${expected} reminders sent` });
    const scans = await Promise.all(['manual-scan-a', 'manual-scan-b'].map((id) => first.queues.queue('reminder-scan').getJob(id)));
    for (const scan of scans) await waitFor(async () => (await scan!.isCompleted()) && scan, { what: 'manual scan done' });

    await expect(reminderStatuses(database)).resolves.toEqual({ sent: expected });
    const [counts] = await database.dataSource.query(
      `SELECT count(*)::int AS notifications, count(DISTINCT reminder_id)::int AS reminders,
              (SELECT count(*)::int FROM reminders) AS rows,
              (SELECT max(attempts) FROM reminders) AS max_attempts
         FROM notifications`,
    );
    expect(counts).toEqual({ notifications: expected, reminders: expected, rows: expected, max_attempts: 1 });
    const sends = first.queues.queue('reminders');
    const jobCounts = await sends.getJobCounts('completed', 'failed', 'waiting', 'active', 'delayed');
    expect(jobCounts).toMatchObject({ failed: 0, waiting: 0, active: 0, delayed: 0 });
    // Every job that ran either delivered or found its reminder already delivered.
    const results = (await sends.getJobs(['completed'], 0, -1)).map((job) => job.returnvalue);
    expect(results.filter((result) => result === 'sent')).toHaveLength(expected);
    expect(results.every((result) => result === 'sent' || result === 'skipped')).toBe(true);
  });
});
