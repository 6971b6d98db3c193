import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, DepartmentChannel, Milestone, Project, User } from '@app/domain';
import { RedLightScanner } from '../apps/worker/src/event-notifications/red-light.scanner';
import { SmtpSink, startSmtpSink, startWebhookSink, WebhookSink } from './support/channel-sinks';
import { createDepartment, createMilestone, createPlanGroup, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, TestWorker, waitFor } from './support/worker-app';

const NOW = '2026-11-25T02:00:00Z'; // Wednesday 10:00 in Shanghai
const BASE = 'http://localhost:3000';

interface Inbox {
  kind: string;
  title: string;
  body: string;
  link: string;
  event_key: string;
}

/**
 * Every event of the supervision loop reaches the people it concerns, exactly
 * once, in the inbox (with a link of the web app: /notices/<id>, /projects/<id>)
 * and through the unit's robot and the users' own e-mail where set up: the real
 * API writes, the real worker relays (Postgres, Redis, a 钉钉 robot and an SMTP
 * server on loopback).
 */
describe('event notifications', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let worker: TestWorker;
  let robot: WebhookSink;
  let smtp: SmtpSink;
  let unit: Department;
  let otherUnit: Department;
  let project: Project;
  let keyMilestone: Milestone;
  const users = {} as Record<'editor1' | 'editor2' | 'otherEditor' | 'lead' | 'issuer' | 'supervisor2', User>;
  const auth = {} as Record<keyof typeof users, { authorization: string }>;

  beforeAll(async () => {
    database = await createTestDatabase();
    robot = await startWebhookSink();
    smtp = await startSmtpSink();
    const env = { KPT_FIXED_NOW: NOW, SMTP_URL: smtp.url, OUTBOX_POLL_INTERVAL_MS: '100' };
    app = await createTestApp(database, env);
    worker = await createTestWorker(database, { now: NOW, env });
    const ds = database.dataSource;
    const group = await createPlanGroup(ds);
    unit = await createDepartment(ds, { name: '区住房和城乡建设局' });
    otherUnit = await createDepartment(ds, { name: '区教育局' });
    users.editor1 = await createUser(ds, 'department_editor', { departmentId: unit.id });
    users.editor2 = await createUser(ds, 'department_editor', { departmentId: unit.id });
    users.otherEditor = await createUser(ds, 'department_editor', { departmentId: otherUnit.id });
    users.lead = await createUser(ds, 'leader', { displayName: '王某某（副区长）', email: 'wang@yuquan.example.gov.cn' });
    users.issuer = await createUser(ds, 'supervisor', { email: 'duchashi@yuquan.example.gov.cn' });
    users.supervisor2 = await createUser(ds, 'supervisor');
    for (const name of Object.keys(users) as Array<keyof typeof users>) auth[name] = await signIn(app, users[name].username);
    project = await createProject(ds, { groupId: group.id, ownerDepartmentId: unit.id, leadOfficialUserId: users.lead.id, name: '玉泉变 220 千伏变电站工程' });
    keyMilestone = await createMilestone(ds, project.id, { kind: 'construction_start', plannedDate: '2026-12-15' });
    await ds.getRepository(DepartmentChannel).save({ departmentId: unit.id, channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=zjj` });
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await robot?.close();
    await smtp?.close();
    await database?.drop();
  });

  const inboxOf = async (user: User, kind?: string): Promise<Inbox[]> =>
    database.dataSource.query(
      `SELECT kind, title, body, link, event_key FROM notifications WHERE user_id = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY created_at, id`,
      [user.id, kind ?? null],
    );
  /** Waits until the worker has relayed every event the API wrote so far. */
  const relayed = () =>
    waitFor(async () => {
      const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE topic = 'notification.event' AND published_at IS NULL`);
      return n === 0;
    }, { what: 'the event notifications to be relayed' });
  const settled = () =>
    waitFor(async () => {
      const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM event_deliveries WHERE status = 'queued'`);
      return n === 0;
    }, { what: 'the channel deliveries to be sent' });
  const counts = async (kind: string) => {
    const result: Record<string, number> = {};
    for (const name of Object.keys(users) as Array<keyof typeof users>) result[name] = (await inboxOf(users[name], kind)).length;
    return result;
  };
  const none = { editor1: 0, editor2: 0, otherEditor: 0, lead: 0, issuer: 0, supervisor2: 0 };

  let noticeId: string;
  let noticeNumber: string;
  const noticeVersion = async () => (await app.inject({ method: 'GET', url: `/api/v1/supervision-notices/${noticeId}`, headers: auth.issuer })).headers.etag as string;

  it("tells the owner unit's editors and the lead official of a new notice, once, with the notice's page in the web app", async () => {
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/supervision-notices',
      headers: auth.issuer,
      payload: { ownerUnitId: unit.id, title: '关于开工节点滞后的督办通知', body: '请于期限内报送整改措施', items: [{ projectId: project.id }] },
    });
    expect(issued.statusCode).toBe(201);
    noticeId = issued.json().id;
    noticeNumber = issued.json().number;
    await relayed();
    await settled();

    expect(await counts('notice_issued')).toEqual({ ...none, editor1: 1, editor2: 1, lead: 1 });
    const [message] = await inboxOf(users.editor1, 'notice_issued');
    expect(message).toMatchObject({ link: `${BASE}/notices/${noticeId}`, event_key: `event-notice_issued-${noticeId}` });
    expect(message.title).toContain(noticeNumber);
    expect(message.body).toContain('玉泉变 220 千伏变电站工程');
    // The unit's robot once; the lead official's own mailbox once (the default preference is "also channel").
    expect(robot.received.filter((request) => JSON.stringify(request.body).includes(noticeNumber))).toHaveLength(1);
    expect(smtp.received.filter((mail) => mail.to.includes('wang@yuquan.example.gov.cn'))).toHaveLength(1);
    // The editor reads it in the inbox API like any other message.
    const listed = (await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: auth.editor1 })).json();
    expect(listed.items).toEqual([expect.objectContaining({ kind: 'notice_issued', link: `${BASE}/notices/${noticeId}`, eventKey: `event-notice_issued-${noticeId}` })]);
  });

  it('tells the issuing supervisor of a reply, the unit of a return (with the comment) and of the closing (销号)', async () => {
    const itemId = (await app.inject({ method: 'GET', url: `/api/v1/supervision-notices/${noticeId}`, headers: auth.issuer })).json().items[0].id;
    const reply = async () => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/supervision-notices/${noticeId}/reply`,
        headers: { ...auth.editor1, 'if-match': await noticeVersion() },
        payload: { measures: '已组织施工单位进场，倒排工期。', items: [{ itemId, committedDate: '2026-12-31' }] },
      });
      expect(response.statusCode).toBe(200);
    };
    await reply();
    await relayed();
    expect(await counts('notice_replied')).toEqual({ ...none, issuer: 1 });
    expect((await inboxOf(users.issuer, 'notice_replied'))[0].body).toContain('倒排工期');

    const returned = await app.inject({
      method: 'POST',
      url: `/api/v1/supervision-notices/${noticeId}/return`,
      headers: { ...auth.issuer, 'if-match': await noticeVersion() },
      payload: { comment: '请补充具体完成时限' },
    });
    expect(returned.statusCode).toBe(200);
    await relayed();
    expect(await counts('notice_returned')).toEqual({ ...none, editor1: 1, editor2: 1 });
    expect((await inboxOf(users.editor2, 'notice_returned'))[0].body).toContain('请补充具体完成时限');

    // A second reply after the return is a new event: the supervisor hears of it too.
    await reply();
    const accepted = await app.inject({
      method: 'POST',
      url: `/api/v1/supervision-notices/${noticeId}/accept`,
      headers: { ...auth.issuer, 'if-match': await noticeVersion() },
      payload: { comment: '同意销号' },
    });
    expect(accepted.statusCode).toBe(200);
    await relayed();
    expect(await counts('notice_replied')).toEqual({ ...none, issuer: 2 });
    expect(await counts('notice_closed')).toEqual({ ...none, editor1: 1, editor2: 1 });
    expect((await inboxOf(users.editor1, 'notice_closed'))[0].link).toBe(`${BASE}/notices/${noticeId}`);
  });

  it('tells the supervisors of a deadline-change request, and the requester and the unit of the decision', async () => {
    const current = await app.inject({ method: 'GET', url: `/api/v1/milestones/${keyMilestone.id}`, headers: auth.editor1 });
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${keyMilestone.id}`,
      headers: { ...auth.editor1, 'if-match': current.headers.etag as string },
      payload: { plannedDate: '2027-01-15', reason: '征拆未完成，需顺延开工' },
    });
    expect(moved.statusCode).toBe(202);
    const requestId = moved.json().id;
    await relayed();
    expect(await counts('deadline_change_requested')).toEqual({ ...none, issuer: 1, supervisor2: 1 });
    const [filed] = await inboxOf(users.supervisor2, 'deadline_change_requested');
    expect(filed.link).toBe(`${BASE}/projects/${project.id}`);
    expect(filed.body).toContain('2026-12-15 → 2027-01-15');

    const approved = await app.inject({ method: 'POST', url: `/api/v1/deadline-change-requests/${requestId}/approve`, headers: auth.supervisor2, payload: { comment: '同意' } });
    expect(approved.statusCode).toBe(200);
    await relayed();
    // The requester is also an editor of the unit: one message each, not two.
    expect(await counts('deadline_change_approved')).toEqual({ ...none, editor1: 1, editor2: 1 });
  });

  it('tells the unit and the lead official when a project turns red, once per turn, however often the lights are looked at', async () => {
    const scanner = worker.app.get(RedLightScanner);
    const late = await createMilestone(database.dataSource, project.id, { kind: 'custom', name: '管线迁改', plannedDate: '2026-11-20' });
    await Promise.all([scanner.scan(), scanner.scan()]);
    await scanner.scan();
    await relayed();
    expect(await counts('project_red')).toEqual({ ...none, editor1: 1, editor2: 1, lead: 1 });
    const [red] = await inboxOf(users.lead, 'project_red');
    expect(red).toMatchObject({ link: `${BASE}/projects/${project.id}`, event_key: `event-project_red-${project.id}-1` });
    expect(red.body).toContain('管线迁改');

    // Still red the next day: nothing new.
    worker.clock.set('2026-11-26T02:00:00Z');
    await scanner.scan();
    await relayed();
    expect(await counts('project_red')).toEqual({ ...none, editor1: 1, editor2: 1, lead: 1 });

    // Done → no longer red; late again → a new turn, told once more.
    await database.dataSource.query(`UPDATE milestones SET status = 'done', actual_date = '2026-11-25' WHERE id = $1`, [late.id]);
    await scanner.scan();
    await createMilestone(database.dataSource, project.id, { kind: 'custom', name: '临电接入', plannedDate: '2026-11-24' });
    await scanner.scan();
    await scanner.scan();
    await relayed();
    expect(await counts('project_red')).toEqual({ ...none, editor1: 2, editor2: 2, lead: 2 });
    worker.clock.set(NOW);
  });

  it('keeps a user to the inbox for the kinds they choose, and lets them read and set their preferences', async () => {
    const initial = await app.inject({ method: 'GET', url: '/api/v1/notifications/preferences', headers: auth.lead });
    expect(initial.statusCode).toBe(200);
    expect(initial.json().items).toContainEqual({ kind: 'notice_issued', label: '收到督办单', alsoChannel: true });
    const set = await app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      headers: auth.lead,
      payload: { items: [{ kind: 'notice_issued', alsoChannel: false }] },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json().items).toContainEqual({ kind: 'notice_issued', label: '收到督办单', alsoChannel: false });
    expect(set.json().items).toContainEqual(expect.objectContaining({ kind: 'project_red', alsoChannel: true }));
    const bad = await app.inject({ method: 'PUT', url: '/api/v1/notifications/preferences', headers: auth.lead, payload: { items: [{ kind: 'weather', alsoChannel: 'yes' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((detail: { field: string }) => detail.field).sort()).toEqual(['items.0.alsoChannel', 'items.0.kind']);

    await settled();
    const mailsBefore = smtp.received.filter((mail) => mail.to.includes('wang@yuquan.example.gov.cn')).length;
    const issued = await app.inject({
      method: 'POST',
      url: '/api/v1/supervision-notices',
      headers: auth.issuer,
      payload: { ownerUnitId: unit.id, title: '关于竣工节点的督办通知', body: '请报送计划', items: [{ projectId: project.id }] },
    });
    expect(issued.statusCode).toBe(201);
    await relayed();
    await settled();
    expect(await inboxOf(users.lead, 'notice_issued')).toHaveLength(2);
    expect(smtp.received.filter((mail) => mail.to.includes('wang@yuquan.example.gov.cn'))).toHaveLength(mailsBefore);
  });
});
