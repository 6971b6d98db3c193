import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, FixedClock } from '@app/calendar';
import { AuditLog, Department, Milestone, Project, SupervisionNoticeEvent, User } from '@app/domain';
import { createDepartment, createMilestone, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * 督办单 end to end: issue → reply → return → reply → accept (销号), who may do
 * what, validation, wrong-state transitions, and the named lists, on a fixed
 * clock in March 2026 (no holidays: Mon 9 … Fri 13, Mon 16 …).
 */
describe('supervision notices (督办单)', () => {
  const MONDAY_10AM = '2026-03-09T02:00:00Z'; // 10:00 in Asia/Shanghai
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let clock: FixedClock;
  let supervisor: { authorization: string };
  let admin: { authorization: string };
  let viewer: { authorization: string };
  let supervisorUser: User;

  /** A unit of its own per test, so lists filtered by owner unit see only the test's notices. */
  interface Unit {
    department: Department;
    editor: { authorization: string };
    project: Project;
    otherProject: Project;
    milestone: Milestone;
  }

  async function arrangeUnit(): Promise<Unit> {
    const department = await createDepartment(database.dataSource);
    const editorUser = await createUser(database.dataSource, 'department_editor', { departmentId: department.id });
    const project = await createProject(database.dataSource, { ownerDepartmentId: department.id, name: `玉泉变 220 千伏变电站工程${department.code}` });
    const otherProject = await createProject(database.dataSource, { ownerDepartmentId: department.id });
    const milestone = await createMilestone(database.dataSource, project.id, { plannedDate: '2026-02-27', kind: 'construction_start' });
    return { department, editor: await signIn(app, editorUser.username), project, otherProject, milestone };
  }

  function post(url: string, headers: { authorization: string }, payload: object = {}, extra: Record<string, string> = {}) {
    return app.inject({ method: 'POST', url: `/api/v1/supervision-notices${url}`, headers: { ...headers, ...extra }, payload });
  }

  function get(url: string, headers: { authorization: string }) {
    return app.inject({ method: 'GET', url: `/api/v1/supervision-notices${url}`, headers });
  }

  async function issue(unit: Unit, overrides: object = {}, as = supervisor) {
    const response = await post('', as, {
      ownerUnitId: unit.department.id,
      title: '关于玉泉变 220 千伏变电站工程开工节点滞后的督办通知',
      body: '该项目开工节点已逾期，请于回复期限前报送整改措施及完成时限。',
      items: [{ projectId: unit.project.id, milestoneId: unit.milestone.id }, { projectId: unit.otherProject.id }],
      ...overrides,
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  async function replyTo(unit: Unit, notice: { id: string; items: Array<{ id: string }> }, committedDate = '2026-04-30') {
    const response = await post(`/${notice.id}/reply`, unit.editor, {
      measures: '已协调供电公司完成用地手续，施工单位 3 月 20 日进场，倒排工期。',
      items: notice.items.map((item) => ({ itemId: item.id, committedDate })),
    });
    expect(response.statusCode).toBe(200);
    return response.json();
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: MONDAY_10AM });
    clock = app.get(Clock) as FixedClock;
    supervisorUser = await createUser(database.dataSource, 'supervisor', { displayName: '督查室张科长' });
    supervisor = await signIn(app, supervisorUser.username);
    admin = await signIn(app, (await createUser(database.dataSource, 'admin')).username);
    viewer = await signIn(app, (await createUser(database.dataSource, 'viewer')).username);
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('issue → reply → return → reply → accept (销号): closed_at recorded, the history complete', async () => {
    const unit = await arrangeUnit();

    const issued = await issue(unit);
    expect(issued).toMatchObject({
      number: expect.stringMatching(/^玉督〔2026〕\d+号$/),
      ownerUnit: { id: unit.department.id, name: unit.department.name },
      status: 'issued',
      statusLabel: '已下发',
      // No replyDueDate given: 5 working days from Monday 9 March.
      replyDueDate: '2026-03-16',
      issuedBy: { id: supervisorUser.id, name: '督查室张科长' },
      issuedAt: '2026-03-09T02:00:00.000Z',
      closedAt: null,
      version: 1,
      items: [
        { position: 0, projectId: unit.project.id, projectName: unit.project.name, milestoneId: unit.milestone.id, milestoneName: '开工', milestonePlannedDate: '2026-02-27', committedDate: null },
        { position: 1, projectId: unit.otherProject.id, milestoneId: null, committedDate: null },
      ],
    });

    clock.set('2026-03-11T03:00:00Z');
    const replied = await replyTo(unit, issued, '2026-04-30');
    expect(replied).toMatchObject({ status: 'replied', repliedAt: '2026-03-11T03:00:00.000Z', version: 2 });
    expect(replied.items.map((item: { committedDate: string }) => item.committedDate)).toEqual(['2026-04-30', '2026-04-30']);

    clock.set('2026-03-12T03:00:00Z');
    const returned = await post(`/${issued.id}/return`, supervisor, { comment: '整改措施不具体，请明确施工许可办理时限。', replyDueDate: '2026-03-19' });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', replyDueDate: '2026-03-19', version: 3 });

    clock.set('2026-03-13T03:00:00Z');
    const repliedAgain = await post(`/${issued.id}/reply`, unit.editor, {
      measures: '施工许可 3 月 25 日前办结，责任人：区住建局李某。',
      items: [
        { itemId: issued.items[0].id, committedDate: '2026-04-15' },
        { itemId: issued.items[1].id, committedDate: '2026-05-15' },
      ],
    });
    expect(repliedAgain.statusCode).toBe(200);
    expect(repliedAgain.json().items.map((item: { committedDate: string }) => item.committedDate)).toEqual(['2026-04-15', '2026-05-15']);

    clock.set('2026-03-16T06:30:00Z');
    const accepted = await post(`/${issued.id}/accept`, supervisor, { comment: '同意销号。' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.headers.etag).toBe('"5"');
    expect(accepted.json()).toMatchObject({
      status: 'closed',
      statusLabel: '已销号',
      closedAt: '2026-03-16T06:30:00.000Z',
      closedBy: { id: supervisorUser.id, name: '督查室张科长' },
      version: 5,
    });

    const detail = await get(`/${issued.id}`, unit.editor);
    expect(detail.statusCode).toBe(200);
    const events = detail.json().events;
    expect(events.map((event: { type: string }) => event.type)).toEqual(['issued', 'replied', 'returned', 'replied', 'closed']);
    expect(events[0]).toMatchObject({ fromStatus: null, toStatus: 'issued', actor: { id: supervisorUser.id, name: '督查室张科长' }, at: '2026-03-09T02:00:00.000Z', replyDueDate: '2026-03-16' });
    expect(events[1]).toMatchObject({
      fromStatus: 'issued',
      toStatus: 'replied',
      measures: expect.stringContaining('倒排工期'),
      commitments: [
        { itemId: issued.items[0].id, projectId: unit.project.id, milestoneId: unit.milestone.id, committedDate: '2026-04-30' },
        { itemId: issued.items[1].id, projectId: unit.otherProject.id, milestoneId: null, committedDate: '2026-04-30' },
      ],
    });
    expect(events[2]).toMatchObject({
      fromStatus: 'replied',
      toStatus: 'returned',
      comment: '整改措施不具体，请明确施工许可办理时限。',
      replyDueDate: '2026-03-19',
      previousReplyDueDate: '2026-03-16',
    });
    expect(events[3]).toMatchObject({ fromStatus: 'returned', toStatus: 'replied', commitments: [{ committedDate: '2026-04-15' }, { committedDate: '2026-05-15' }] });
    expect(events[4]).toMatchObject({ fromStatus: 'replied', toStatus: 'closed', comment: '同意销号。', at: '2026-03-16T06:30:00.000Z' });

    const audit = await database.dataSource.getRepository(AuditLog).find({ where: { entityType: 'supervision_notice', entityId: issued.id }, order: { id: 'ASC' } });
    expect(audit.map((row) => row.action)).toEqual(['create', 'reply', 'return', 'reply', 'close']);

    // The history is append-only.
    await expect(database.dataSource.query(`UPDATE supervision_notice_events SET comment = 'x' WHERE notice_id = $1`, [issued.id])).rejects.toThrow(/append-only/);
  });

  it('numbers notices one after another within the year', async () => {
    const unit = await arrangeUnit();
    const first = await issue(unit);
    const second = await issue(unit);
    const sequence = (number: string) => Number(/〔2026〕(\d+)号/.exec(number)![1]);
    expect(sequence(second.number)).toBe(sequence(first.number) + 1);
  });

  describe('who may do what', () => {
    it('an editor of another unit can neither see nor reply (403 NOT_OWN_DEPARTMENT); the own editor can', async () => {
      const unit = await arrangeUnit();
      const stranger = await arrangeUnit();
      const notice = await issue(unit);

      const seen = await get(`/${notice.id}`, stranger.editor);
      expect({ status: seen.statusCode, code: seen.json().code }).toEqual({ status: 403, code: 'NOT_OWN_DEPARTMENT' });
      const list = await get(`?ownerUnit=${unit.department.id}`, stranger.editor);
      expect(list.json()).toMatchObject({ items: [], total: 0 });
      const reply = await post(`/${notice.id}/reply`, stranger.editor, { measures: '措施', items: [{ itemId: notice.items[0].id, committedDate: '2026-04-30' }] });
      expect({ status: reply.statusCode, code: reply.json().code }).toEqual({ status: 403, code: 'NOT_OWN_DEPARTMENT' });

      const own = await get('', unit.editor);
      expect(own.json().items.map((item: { id: string }) => item.id)).toEqual([notice.id]);
    });

    it('an editor cannot accept or return, a viewer cannot issue or reply, a supervisor cannot reply (403)', async () => {
      const unit = await arrangeUnit();
      const notice = await issue(unit);
      await replyTo(unit, notice);

      await expect(post(`/${notice.id}/accept`, unit.editor)).resolves.toMatchObject({ statusCode: 403 });
      await expect(post(`/${notice.id}/return`, unit.editor, { comment: '不行' })).resolves.toMatchObject({ statusCode: 403 });
      const byViewer = await post('', viewer, { ownerUnitId: unit.department.id, title: 't', body: 'b', items: [{ projectId: unit.project.id }] });
      expect(byViewer.statusCode).toBe(403);
      expect(byViewer.json()).toMatchObject({ code: 'FORBIDDEN' });
      await expect(post(`/${notice.id}/reply`, viewer, { measures: 'm', items: [] })).resolves.toMatchObject({ statusCode: 403 });
      await expect(post(`/${notice.id}/reply`, supervisor, { measures: 'm', items: [] })).resolves.toMatchObject({ statusCode: 403 });

      // Viewers and admins read everything; an admin may also issue and reply.
      await expect(get(`/${notice.id}`, viewer)).resolves.toMatchObject({ statusCode: 200 });
      await issue(unit, {}, admin);
    });
  });

  describe('validation', () => {
    it('refuses a project of another owner unit, naming items[i].projectId', async () => {
      const unit = await arrangeUnit();
      const other = await arrangeUnit();
      const response = await post('', supervisor, {
        ownerUnitId: unit.department.id,
        title: '督办',
        body: '督办事项',
        items: [{ projectId: unit.project.id }, { projectId: other.project.id }],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'items[1].projectId', reason: expect.stringContaining('another owner unit') }] });
    });

    it('refuses a milestone of another project, naming items[i].milestoneId', async () => {
      const unit = await arrangeUnit();
      const response = await post('', supervisor, {
        ownerUnitId: unit.department.id,
        title: '督办',
        body: '督办事项',
        items: [{ projectId: unit.otherProject.id, milestoneId: unit.milestone.id }],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'items[0].milestoneId' })]);
    });

    it('refuses a reply due date in the past or on a day off, naming replyDueDate', async () => {
      const unit = await arrangeUnit();
      for (const replyDueDate of ['2026-03-06', '2026-03-14']) {
        const response = await post('', supervisor, { ownerUnitId: unit.department.id, title: '督办', body: '事项', replyDueDate, items: [{ projectId: unit.project.id }] });
        expect(response.statusCode).toBe(400);
        expect(response.json().details).toEqual([expect.objectContaining({ field: 'replyDueDate' })]);
      }
      // Today itself is allowed.
      await issue(unit, { replyDueDate: '2026-03-09' });
    });

    it('refuses an unknown owner unit, no items, a return without comment, an incomplete reply and a malformed id', async () => {
      const unit = await arrangeUnit();
      const unknownUnit = await post('', supervisor, { ownerUnitId: '00000000-0000-4000-8000-000000000000', title: 't', body: 'b', items: [{ projectId: unit.project.id }] });
      expect(unknownUnit.json()).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'ownerUnitId' })] });
      const noItems = await post('', supervisor, { ownerUnitId: unit.department.id, title: 't', body: 'b', items: [] });
      expect(noItems.json()).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'items' })] });

      const notice = await issue(unit);
      const incomplete = await post(`/${notice.id}/reply`, unit.editor, { measures: '措施', items: [{ itemId: notice.items[0].id, committedDate: '2026-04-30' }] });
      expect(incomplete.json()).toMatchObject({ statusCode: 400, details: [expect.objectContaining({ field: 'items' })] });
      const pastCommitment = await post(`/${notice.id}/reply`, unit.editor, {
        measures: '措施',
        items: notice.items.map((item: { id: string }) => ({ itemId: item.id, committedDate: '2026-03-01' })),
      });
      expect(pastCommitment.json()).toMatchObject({ statusCode: 400, details: expect.arrayContaining([expect.objectContaining({ field: 'items[0].committedDate' })]) });

      await replyTo(unit, notice);
      for (const body of [{}, { comment: '   ' }]) {
        const response = await post(`/${notice.id}/return`, supervisor, body);
        expect(response.statusCode).toBe(400);
        expect(response.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'comment' })]));
      }
      await expect(get('/not-a-uuid', supervisor)).resolves.toMatchObject({ statusCode: 400 });
    });
  });

  describe('state', () => {
    it('answers a transition the status does not allow with 409', async () => {
      const unit = await arrangeUnit();
      const notice = await issue(unit);

      const acceptIssued = await post(`/${notice.id}/accept`, supervisor);
      expect(acceptIssued.statusCode).toBe(409);
      expect(acceptIssued.json()).toMatchObject({ code: 'NOTICE_NOT_REPLIED' });
      await expect(post(`/${notice.id}/return`, supervisor, { comment: '退回' })).resolves.toMatchObject({ statusCode: 409 });

      await replyTo(unit, notice);
      const replyTwice = await post(`/${notice.id}/reply`, unit.editor, { measures: '再次', items: notice.items.map((item: { id: string }) => ({ itemId: item.id, committedDate: '2026-04-30' })) });
      expect(replyTwice.statusCode).toBe(409);
      expect(replyTwice.json()).toMatchObject({ code: 'NOTICE_NOT_AWAITING_REPLY' });

      // Accepting needs no body at all.
      const accepted = await app.inject({ method: 'POST', url: `/api/v1/supervision-notices/${notice.id}/accept`, headers: supervisor });
      expect(accepted.statusCode).toBe(200);
      await expect(post(`/${notice.id}/accept`, supervisor)).resolves.toMatchObject({ statusCode: 409 });
      await expect(post(`/${notice.id}/return`, supervisor, { comment: '退回' })).resolves.toMatchObject({ statusCode: 409 });
      const replyClosed = await post(`/${notice.id}/reply`, unit.editor, { measures: 'x', items: notice.items.map((item: { id: string }) => ({ itemId: item.id, committedDate: '2026-04-30' })) });
      expect(replyClosed.statusCode).toBe(409);
    });

    it('refuses a stale If-Match with 412 and lets only one of two simultaneous decisions through', async () => {
      const unit = await arrangeUnit();
      const notice = await issue(unit);
      const replied = await replyTo(unit, notice);
      expect(replied.version).toBe(2);

      const stale = await post(`/${notice.id}/accept`, supervisor, {}, { 'if-match': '"1"' });
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'STALE_VERSION' });

      const [accept, sendBack] = await Promise.all([
        post(`/${notice.id}/accept`, supervisor),
        post(`/${notice.id}/return`, admin, { comment: '退回重报' }),
      ]);
      expect([accept.statusCode, sendBack.statusCode].sort()).toEqual([200, 409]);
      const events = await database.dataSource.getRepository(SupervisionNoticeEvent).findBy({ noticeId: notice.id });
      expect(events.filter((event) => event.type === 'closed' || event.type === 'returned')).toHaveLength(1);
    });
  });

  it('sets the reply deadline in working days (replyWorkingDays), and marks a reply after its deadline as late', async () => {
    const unit = await arrangeUnit();
    // Monday 9 March + 3 working days = Thursday 12 March.
    const notice = await issue(unit, { replyWorkingDays: 3 });
    expect(notice.replyDueDate).toBe('2026-03-12');
    const both = await post('', supervisor, {
      ownerUnitId: unit.department.id,
      title: '督办',
      body: '请回复',
      replyDueDate: '2026-03-13',
      replyWorkingDays: 3,
      items: [{ projectId: unit.project.id }],
    });
    expect(both.statusCode).toBe(400);
    expect(both.json()).toMatchObject({ details: [{ field: 'replyWorkingDays' }] });
    const tooMany = await post('', supervisor, { ownerUnitId: unit.department.id, title: '督办', body: '请回复', replyWorkingDays: 0, items: [{ projectId: unit.project.id }] });
    expect(tooMany.statusCode).toBe(400);

    // Replied on the due date (Thursday 23:30 in Shanghai): on time. Returned with a new deadline of Monday 16, replied on Tuesday 17: late.
    clock.set('2026-03-12T15:30:00Z');
    await replyTo(unit, notice);
    clock.set('2026-03-13T02:00:00Z');
    expect((await post(`/${notice.id}/return`, supervisor, { comment: '请补充责任人', replyDueDate: '2026-03-16' })).statusCode).toBe(200);
    clock.set('2026-03-17T02:00:00Z');
    await replyTo(unit, notice);
    const events = (await get(`/${notice.id}`, supervisor)).json().events;
    expect(events.map((event: { type: string; late?: boolean; replyDueDate?: string }) => [event.type, event.replyDueDate, event.late])).toEqual([
      ['issued', '2026-03-12', undefined],
      ['replied', '2026-03-12', false],
      ['returned', '2026-03-16', undefined],
      ['replied', '2026-03-16', true],
    ]);
  });

  describe('named lists', () => {
    it('late-replies: awaiting a reply past the due date; open: not closed', async () => {
      const unit = await arrangeUnit();
      const dueFriday = await issue(unit, { replyDueDate: '2026-03-13' });
      const dueLater = await issue(unit, { replyDueDate: '2026-03-20' });
      const repliedInTime = await issue(unit, { replyDueDate: '2026-03-13' });
      await replyTo(unit, repliedInTime);
      const closed = await issue(unit, { replyDueDate: '2026-03-13' });
      await replyTo(unit, closed);
      await post(`/${closed.id}/accept`, supervisor);

      const ids = async (query: string) => {
        const response = await get(`?ownerUnit=${unit.department.id}&${query}`, supervisor);
        expect(response.statusCode).toBe(200);
        return response.json().items.map((item: { id: string }) => item.id);
      };

      // Friday 13 March: due today is not late yet.
      clock.set('2026-03-13T09:00:00Z');
      await expect(ids('view=late-replies')).resolves.toEqual([]);

      // Monday 16 March: the one due Friday and never replied is late.
      clock.set('2026-03-16T01:00:00Z');
      await expect(ids('view=late-replies')).resolves.toEqual([dueFriday.id]);
      const page = await get(`?ownerUnit=${unit.department.id}&view=late-replies`, supervisor);
      expect(page.json()).toMatchObject({ total: 1, page: 1, pageSize: 20, items: [{ replyOverdue: true }] });

      // Returned and past due counts too; replied does not.
      await replyTo(unit, dueLater);
      clock.set('2026-03-23T01:00:00Z');
      await expect(ids('view=late-replies')).resolves.toEqual([dueFriday.id]);
      await post(`/${dueLater.id}/return`, supervisor, { comment: '请补充' });
      await expect(ids('view=late-replies')).resolves.toEqual([dueFriday.id, dueLater.id]);

      await expect(ids('view=open')).resolves.toHaveLength(3);
      // awaiting-reply (待回复): issued or returned, whatever the due date, soonest due first.
      await expect(ids('view=awaiting-reply')).resolves.toEqual([dueFriday.id, dueLater.id]);
      await expect(ids('view=open')).resolves.not.toContain(closed.id);
      await expect(ids('status=closed')).resolves.toEqual([closed.id]);
    });

    it('closed-this-week: closed in the current Monday–Sunday week of Asia/Shanghai', async () => {
      const unit = await arrangeUnit();
      const closeAt = async (instant: string) => {
        const notice = await issue(unit, { replyDueDate: '2026-03-13' });
        await replyTo(unit, notice);
        clock.set(instant);
        await post(`/${notice.id}/accept`, supervisor);
        clock.set(MONDAY_10AM);
        return notice.id as string;
      };
      // Sunday 15 March 23:30 in Shanghai is still that week (15:30 UTC).
      const sundayNight = await closeAt('2026-03-15T15:30:00Z');
      // Monday 16 March 00:30 in Shanghai is the next week, though still Sunday in UTC.
      const mondayEarly = await closeAt('2026-03-15T16:30:00Z');
      const lastWeek = await closeAt('2026-03-08T15:00:00Z'); // Sunday 8 March 23:00 Shanghai

      const closedThisWeek = async (now: string) => {
        clock.set(now);
        const response = await get(`?ownerUnit=${unit.department.id}&view=closed-this-week`, supervisor);
        return response.json().items.map((item: { id: string }) => item.id);
      };
      await expect(closedThisWeek('2026-03-15T15:45:00Z')).resolves.toEqual([sundayNight]);
      await expect(closedThisWeek('2026-03-16T02:00:00Z')).resolves.toEqual([mondayEarly]);
      await expect(closedThisWeek('2026-03-22T15:59:00Z')).resolves.toEqual([mondayEarly]); // Sunday 22 March 23:59
      await expect(closedThisWeek('2026-03-22T16:00:00Z')).resolves.toEqual([]); // Monday 23 March 00:00
      await expect(closedThisWeek('2026-03-08T15:30:00Z')).resolves.toEqual([lastWeek]); // Sunday 8 March 23:30
    });
  });
});
