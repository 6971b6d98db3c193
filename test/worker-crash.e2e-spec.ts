import { Queue } from 'bullmq';
import { testQueuePrefix } from './support/test-app';
import { createDepartment, createMilestone, createProject, createUser } from './support/factories';
import { TEST_REDIS_URL } from './support/services';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { obliterateQueues, reminderStatuses, waitFor } from './support/worker-app';
import { REMINDER_NOW } from './support/worker-fixtures';
import { spawnWorker, WorkerProcess } from './support/worker-process';

const PLANNED = ['2026-10-16', '2026-10-13', '2026-10-12', '2026-09-30', '2026-09-22'];
const PER_PROJECT = 2 + 2 + 2 + 3 + 5;
const PROJECTS = 60;

describe('a worker process killed (SIGKILL) in the middle of a batch and restarted delivers every reminder exactly once', () => {
  let database: TestDatabase;
  const prefix = testQueuePrefix('crash');
  const workers: WorkerProcess[] = [];
  let scans: Queue;

  const env = () => ({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: prefix,
    KPT_FIXED_NOW: REMINDER_NOW,
    REMINDER_SEND_CONCURRENCY: '4',
    REMINDER_SCAN_BATCH_SIZE: '20',
    QUEUE_LOCK_DURATION_MS: '3000',
    QUEUE_BACKOFF_MS: '500',
    OUTBOX_POLL_INTERVAL_MS: '200',
    REMINDER_CATCH_UP: 'false', // the test adds the scans
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    const lead = await createUser(database.dataSource, 'viewer');
    await createUser(database.dataSource, 'supervisor');
    await createUser(database.dataSource, 'supervisor');
    const departments = [];
    for (let d = 0; d < 3; d++) {
      const department = await createDepartment(database.dataSource);
      await createUser(database.dataSource, 'department_editor', { departmentId: department.id });
      await createUser(database.dataSource, 'department_editor', { departmentId: department.id });
      departments.push(department);
    }
    for (let p = 0; p < PROJECTS; p++) {
      const project = await createProject(database.dataSource, { ownerDepartmentId: departments[p % 3].id, leadOfficialUserId: lead.id });
      for (const plannedDate of PLANNED) await createMilestone(database.dataSource, project.id, { plannedDate });
    }
    scans = new Queue('reminder-scan', { prefix, connection: { url: TEST_REDIS_URL } as never });
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill('SIGKILL');
    await scans?.close();
    await obliterateQueues(prefix);
    await database?.drop();
  });

  const count = async (sql: string) => Number((await database.dataSource.query(sql))[0].n);

  it('kills the first worker mid-delivery; the second finishes; no reminder is lost or doubled', async () => {
    const expected = PROJECTS * PER_PROJECT;
    const first = await spawnWorker(env());
    workers.push(first);
    await scans.add('reminder-scan', { trigger: 'manual' }, { jobId: 'manual-scan-1' });

    await waitFor(async () => (await count(`SELECT count(*) AS n FROM notifications`)) >= 40, { intervalMs: 10, timeoutMs: 60_000, what: 'first deliveries' });
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = { reminders: await count(`SELECT count(*) AS n FROM reminders`), notifications: await count(`SELECT count(*) AS n FROM notifications`) };
    // Killed in the middle: some reminders delivered, not all.
    expect(atKill.notifications).toBeLessThan(expected);
    expect(atKill.notifications).toBeGreaterThan(0);

    const second = await spawnWorker(env());
    workers.push(second);
    // The scheduler (or an operator) runs the scan again too: planning is idempotent.
    await scans.add('reminder-scan', { trigger: 'manual' }, { jobId: 'manual-scan-2' });

    await waitFor(async () => (await reminderStatuses(database)).sent === expected, {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `${expected} reminders sent (at kill: ${JSON.stringify(atKill)})`,
    });
    await expect(reminderStatuses(database)).resolves.toEqual({ sent: expected });
    await expect(count(`SELECT count(*) AS n FROM notifications`)).resolves.toBe(expected);
    await expect(count(`SELECT count(DISTINCT reminder_id) AS n FROM notifications`)).resolves.toBe(expected);
    await expect(count(`SELECT count(*) AS n FROM reminders r WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.reminder_id = r.id AND n.user_id = r.recipient_user_id)`)).resolves.toBe(0);

    // SIGTERM: the graceful shutdown ends the process by itself.
    second.child.kill('SIGTERM');
    const exit = await second.exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
  }, 180_000);
});
