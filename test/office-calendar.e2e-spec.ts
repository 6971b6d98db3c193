import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, FixedClock } from '@app/calendar';
import { createDepartment, createMilestone, createProject, createUser, signIn } from './support/factories';
import { auditRowsOf } from './support/portfolio';
import { createTestApp, testQueuePrefix } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker } from './support/worker-app';

/**
 * The official calendar kept by the office (PUT/GET /api/v1/calendar/years/:year). chinese-days has no 2027 schedule,
 * so 2027 counts Monday–Friday until an admin publishes one. The schedule used here is illustrative (元旦 Fri
 * 2027-01-01 off, Sat 2027-01-09 worked), not the State Council's.
 *
 * Today is Thu 2026-12-31 (09:00 in Shanghai) for the API and the worker:
 * - milestone "due Monday" (2027-01-04): 2 working days away under Monday–Friday, 1 once 01-01 is a holiday → the
 *   worker's 1-day due-soon reminder (default offsets 5/3/1) is due today only under the published calendar;
 * - milestone "due today" (2026-12-31): on Tue 2027-01-05 it is 3 working days late under Monday–Friday (01-01,
 *   01-04, 01-05), 2 under the published calendar;
 * - milestone "due on 元旦" (2027-01-01): its due date turns from a working day into a day off (affectedDueDates 1).
 */
const NOW = '2026-12-31T01:00:00Z';
const NEXT_TUESDAY = '2027-01-05T01:00:00Z';
const SCHEDULE_2027 = { holidays: ['2027-01-01'], workdays: ['2027-01-09'] };

describe('official calendar published by the office', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let worker: TestWorker;
  let admin: { authorization: string };
  let editor: { authorization: string };
  let viewer: { authorization: string };
  let adminId: string;
  const ids = {} as Record<'dueMonday' | 'dueToday' | 'dueOnHoliday', string>;
  const prefix = testQueuePrefix('calendar');
  const url = '/api/v1/calendar/years/2027';

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: NOW, QUEUE_PREFIX: prefix });
    const unit = await createDepartment(database.dataSource);
    const adminUser = await createUser(database.dataSource, 'admin');
    adminId = adminUser.id;
    admin = await signIn(app, adminUser.username);
    editor = await signIn(app, (await createUser(database.dataSource, 'department_editor', { departmentId: unit.id })).username);
    viewer = await signIn(app, (await createUser(database.dataSource, 'viewer')).username);
    const project = await createProject(database.dataSource, { ownerDepartmentId: unit.id, plannedStartDate: '2026-03-01', plannedEndDate: '2027-12-31' });
    ids.dueMonday = (await createMilestone(database.dataSource, project.id, { kind: 'construction_start', plannedDate: '2027-01-04' })).id;
    ids.dueToday = (await createMilestone(database.dataSource, project.id, { kind: 'construction_permit', plannedDate: '2026-12-31' })).id;
    ids.dueOnHoliday = (await createMilestone(database.dataSource, project.id, { kind: 'land_planning_permit', plannedDate: '2027-01-01' })).id;
    worker = await createTestWorker(database, { now: NOW, env: { QUEUE_PREFIX: prefix } });
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await obliterateQueues(prefix);
    await database?.drop();
  });

  const apiClock = () => app.get(Clock) as FixedClock;

  async function workingDaysLateOnTuesday(milestoneId: string): Promise<number | undefined> {
    apiClock().set(NEXT_TUESDAY);
    try {
      const response = await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue?pageSize=100', headers: admin });
      expect(response.statusCode).toBe(200);
      return response.json().items.find((item: { milestoneId: string }) => item.milestoneId === milestoneId)?.workingDaysLate;
    } finally {
      apiClock().set(NOW);
    }
  }

  const dueSoonToday = async (milestoneId: string) =>
    (await database.dataSource.query(`SELECT id FROM reminders WHERE milestone_id = $1 AND kind = 'due_soon' AND occurrence_date = '2026-12-31'`, [milestoneId])).length;

  it('before publication: 2027 is Monday–Friday, both health reports warn, and the admin hears of it once in the bell', async () => {
    const read = await app.inject({ method: 'GET', url, headers: viewer });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ year: 2027, source: 'none', holidays: [], workdays: [], publishedAt: null, publishedBy: null });

    const health = (await app.inject({ method: 'GET', url: '/health' })).json();
    expect(health.calendar).toMatchObject({ nextYear: 2027, nextYearScheduled: false });
    expect(health.calendar.warning).toContain('2027');
    expect((await worker.health.check()).calendar.warning).toContain('2027');

    await worker.scan();
    await worker.scan(); // a second scan (or a second worker) adds nothing
    const inbox = (await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: admin })).json();
    const calendarNotes = (inbox.items as Array<{ kind: string; title: string }>).filter((item) => item.kind === 'calendar_missing');
    expect(calendarNotes).toHaveLength(1);
    expect(calendarNotes[0].title).toContain('2027');
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'calendar_missing'`);
    expect(n).toBe(1); // the admin only: not the editor, not the viewer

    expect(await dueSoonToday(ids.dueMonday)).toBe(0); // two working days away under Monday–Friday
    expect(await workingDaysLateOnTuesday(ids.dueToday)).toBe(3);
  });

  it('refuses what is not a schedule of that year, with the field and the reason, and writes nothing', async () => {
    const put = (payload: unknown, headers = admin, target = url) => app.inject({ method: 'PUT', url: target, headers, payload: payload as object });
    expect((await put(SCHEDULE_2027, editor)).statusCode).toBe(403);
    expect((await put(SCHEDULE_2027, viewer)).statusCode).toBe(403);

    const cases: Array<[unknown, string, string?]> = [
      [{ holidays: ['2028-01-01'], workdays: [] }, 'holidays[0]'],
      [{ holidays: ['2027-02-30'], workdays: [] }, 'holidays[0]'],
      [{ holidays: ['2027-01-01', '2027-01-01'], workdays: [] }, 'holidays'],
      [{ holidays: [], workdays: ['2027-01-04'] }, 'workdays'], // a Monday is a working day anyway
      [{ holidays: ['2027-01-09'], workdays: ['2027-01-09'] }, 'workdays'], // both off and worked
      [{ holidays: '2027-01-01', workdays: [] }, 'holidays'],
      [SCHEDULE_2027, 'year', '/api/v1/calendar/years/1999'],
      [SCHEDULE_2027, 'year', '/api/v1/calendar/years/next'],
    ];
    for (const [payload, field, target] of cases) {
      const response = await put(payload, admin, target);
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
      expect(response.json().details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    expect((await app.inject({ method: 'GET', url, headers: viewer })).json().source).toBe('none');
    expect(await auditRowsOf(database.dataSource, 'calendar_year', '2027')).toHaveLength(0);
  });

  it('published: the API counts with it at once, the worker at its next scan, the warnings stop, and it is audited', async () => {
    const published = await app.inject({ method: 'PUT', url, headers: admin, payload: SCHEDULE_2027 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      year: 2027,
      source: 'office',
      holidays: ['2027-01-01'],
      workdays: ['2027-01-09'],
      affectedDueDates: 1, // the milestone due on 元旦
      publishedBy: expect.any(String),
    });
    expect((await app.inject({ method: 'GET', url, headers: viewer })).json()).toMatchObject({ source: 'office', holidays: ['2027-01-01'] });

    expect(await workingDaysLateOnTuesday(ids.dueToday)).toBe(2);
    expect((await app.inject({ method: 'GET', url: '/health' })).json().calendar).toMatchObject({ nextYearScheduled: true, warning: null });

    await worker.scan();
    expect(await dueSoonToday(ids.dueMonday)).toBe(1); // now one working day away
    expect((await worker.health.check()).calendar.warning).toBeNull();

    const audit = await auditRowsOf(database.dataSource, 'calendar_year', '2027');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorType: 'user', actorId: adminId });
    expect(audit[0].after).toMatchObject({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-09'] });

    // Publishing again (a correction) replaces the year; working days follow again.
    const corrected = await app.inject({ method: 'PUT', url, headers: admin, payload: { holidays: [], workdays: [] } });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json().version).toBeGreaterThan(published.json().version);
    expect(await workingDaysLateOnTuesday(ids.dueToday)).toBe(3);
    expect((await auditRowsOf(database.dataSource, 'calendar_year', '2027')).map((row) => row.action)).toEqual(['create', 'update']);
  });
});
