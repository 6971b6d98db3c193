import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import {
  addCalendarDays,
  Department,
  DISTRICT_TIME_ZONE,
  districtDate,
  EventAudience,
  eventKey,
  EventNotificationKind,
  Milestone,
  Project,
  SUPERVISION_NOTICE_STATUS_LABELS,
  SupervisionNotice,
  SupervisionNoticeEvent,
  SupervisionNoticeEventPayload,
  SupervisionNoticeItem,
  SupervisionNoticeStatus,
  User,
} from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { announceEvent } from '../inbox/announce-event';
import { Errors, FieldError } from '../common/app-error';
import { expectedVersion } from '../common/etag';
import { Page } from '../common/pagination';
import { AcceptSupervisionNoticeDto } from './dto/accept-supervision-notice.dto';
import { CreateSupervisionNoticeDto } from './dto/create-supervision-notice.dto';
import { ListSupervisionNoticesQuery } from './dto/list-supervision-notices.query';
import { ReplySupervisionNoticeDto } from './dto/reply-supervision-notice.dto';
import { ReturnSupervisionNoticeDto } from './dto/return-supervision-notice.dto';
import {
  SupervisionNoticeEventResponse,
  SupervisionNoticeItemResponse,
  SupervisionNoticeResponse,
  SupervisionNoticeSummaryResponse,
} from './dto/supervision-notice.response';
import { checkNoticeCommitments } from './notice-commitments';
import { formatNoticeNumber } from './notice-number';
import { listScope } from '../access/access';
import { leadOfficialOfNotice, requireNoticeRead } from './notice-access';
import { SupervisionNoticeErrors } from './supervision-notice.errors';

/** Default reply deadline when the office gives none: 5 working days (the usual 督办 period). */
export const DEFAULT_REPLY_WORKING_DAYS = 5;

const AWAITING_REPLY: readonly SupervisionNoticeStatus[] = ['issued', 'returned'];
const ENTITY_TYPE = 'supervision_notice';

/**
 * 督办单: the 督查室 issues a notice about late projects to their owner unit; the
 * unit replies with measures and committed dates; the office closes it (销号) or
 * returns it. Every transition locks the notice row, checks the status it finds
 * there, and writes the change, an event and an audit row in one transaction.
 */
@Injectable()
export class SupervisionNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async create(principal: Principal, dto: CreateSupervisionNoticeDto): Promise<SupervisionNoticeResponse> {
    const today = this.clock.today();
    if (dto.replyDueDate !== undefined && dto.replyWorkingDays !== undefined) {
      throw Errors.validation([{ field: 'replyWorkingDays', reason: 'give either replyDueDate or replyWorkingDays, not both' }]);
    }
    const replyDueDate = dto.replyDueDate ?? this.calendar.addWorkingDays(today, dto.replyWorkingDays ?? DEFAULT_REPLY_WORKING_DAYS);
    this.checkReplyDueDate(replyDueDate, today, 'replyDueDate');

    const id = await this.dataSource.transaction(async (manager) => {
      await this.checkOwnerUnitAndItems(manager, dto);
      const year = Number(today.slice(0, 4));
      const sequence = await this.nextSequence(manager, year);
      const now = this.clock.now();
      const notice = await manager.save(
        manager.create(SupervisionNotice, {
          number: formatNoticeNumber(year, sequence),
          year,
          sequence,
          ownerDepartmentId: dto.ownerUnitId,
          title: dto.title.trim(),
          body: dto.body,
          replyDueDate,
          status: 'issued',
          issuedById: principal.id,
          issuedAt: now,
          repliedAt: null,
          closedAt: null,
          closedById: null,
        }),
      );
      const items = dto.items.map((item, position) => ({
        noticeId: notice.id,
        position,
        projectId: item.projectId,
        milestoneId: item.milestoneId ?? null,
      }));
      await manager.insert(SupervisionNoticeItem, items);
      await this.appendEvent(manager, principal, notice.id, {
        type: 'issued',
        fromStatus: null,
        toStatus: 'issued',
        occurredAt: now,
        payload: { replyDueDate },
      });
      await this.audit.record(manager, principal, { action: 'create', entityType: ENTITY_TYPE, entityId: notice.id, after: { ...notice, items } });
      const projectIds = [...new Set(items.map((item) => item.projectId))];
      await this.announce(manager, notice, 'notice_issued', [notice.id], {
        title: `【督办单】${notice.number} ${notice.title}`,
        lines: [`回复期限：${replyDueDate}`, '', notice.body],
        audience: { unitIds: [notice.ownerDepartmentId], leadOfficialsOfProjects: projectIds },
      });
      return notice.id;
    });
    return this.findOne(principal, id);
  }

  async list(principal: Principal, query: ListSupervisionNoticesQuery): Promise<Page<SupervisionNoticeSummaryResponse>> {
    const today = this.clock.today();
    const builder = this.dataSource
      .getRepository(SupervisionNotice)
      .createQueryBuilder('notice')
      .innerJoinAndSelect('notice.ownerDepartment', 'ownerDepartment')
      .innerJoinAndSelect('notice.issuedBy', 'issuedBy')
      .leftJoinAndSelect('notice.closedBy', 'closedBy');

    const scope = listScope(principal, 'supervision-notice');
    if (scope.kind === 'own-unit') builder.andWhere('notice.ownerDepartmentId = :ownDepartment', { ownDepartment: scope.unitId });
    if (scope.kind === 'led-projects') builder.andWhere(`EXISTS (${leadOfficialOfNotice('notice.id', ':leadOfficial')})`, { leadOfficial: scope.userId });
    if (query.status) builder.andWhere('notice.status = :status', { status: query.status });
    if (query.ownerUnit) builder.andWhere('notice.ownerDepartmentId = :ownerUnit', { ownerUnit: query.ownerUnit });

    switch (query.view) {
      case 'awaiting-reply':
        builder.andWhere('notice.status IN (:...awaiting)', { awaiting: AWAITING_REPLY }).orderBy('notice.replyDueDate', 'ASC');
        break;
      case 'open':
        builder.andWhere(`notice.status <> 'closed'`).orderBy('notice.replyDueDate', 'ASC');
        break;
      case 'late-replies':
        builder
          .andWhere('notice.status IN (:...awaiting)', { awaiting: AWAITING_REPLY })
          .andWhere('notice.replyDueDate < :today', { today })
          .orderBy('notice.replyDueDate', 'ASC');
        break;
      case 'closed-this-week': {
        const { monday, nextMonday } = this.currentWeek(today);
        builder
          .andWhere(`notice.status = 'closed'`)
          .andWhere(`notice.closedAt >= (CAST(:monday AS date)::timestamp AT TIME ZONE :zone)`, { monday, zone: DISTRICT_TIME_ZONE })
          .andWhere(`notice.closedAt < (CAST(:nextMonday AS date)::timestamp AT TIME ZONE :zone)`, { nextMonday })
          .orderBy('notice.closedAt', 'DESC');
        break;
      }
      default:
        builder.orderBy('notice.issuedAt', 'DESC');
    }
    builder
      .addOrderBy('notice.year', 'DESC')
      .addOrderBy('notice.sequence', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);

    const [notices, total] = await builder.getManyAndCount();
    const items = await this.itemsOf(
      this.dataSource.manager,
      notices.map((notice) => notice.id),
    );
    return Page.of(
      notices.map((notice) => this.toSummary(notice, items.get(notice.id) ?? [], today)),
      total,
      query,
    );
  }

  async findOne(principal: Principal, id: string): Promise<SupervisionNoticeResponse> {
    const manager = this.dataSource.manager;
    const notice = await manager.findOne(SupervisionNotice, {
      where: { id },
      relations: { ownerDepartment: true, issuedBy: true, closedBy: true },
    });
    if (!notice) throw SupervisionNoticeErrors.notFound(id);
    await requireNoticeRead(manager, principal, notice);
    const items = await this.itemsOf(manager, [id]);
    const events = await manager.find(SupervisionNoticeEvent, { where: { noticeId: id }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return {
      ...this.toSummary(notice, items.get(id) ?? [], this.clock.today()),
      events: this.withLateness(events.map((event) => this.toEvent(event))),
    };
  }

  /** The owner unit answers: 整改措施 and a committed date per item. */
  async reply(principal: Principal, id: string, dto: ReplySupervisionNoticeDto, ifMatch?: string): Promise<SupervisionNoticeResponse> {
    await this.transition(principal, id, ifMatch, async (manager, notice) => {
      if (!AWAITING_REPLY.includes(notice.status)) throw SupervisionNoticeErrors.notAwaitingReply(notice.status);
      const items = await manager.find(SupervisionNoticeItem, { where: { noticeId: id }, order: { position: 'ASC' } });
      const commitments = checkNoticeCommitments(dto.items, items, this.clock.today());
      const now = this.clock.now();
      for (const commitment of commitments) {
        await manager.update(SupervisionNoticeItem, { id: commitment.itemId }, { committedDate: commitment.committedDate });
      }
      await manager.update(SupervisionNotice, { id }, { status: 'replied', repliedAt: now });
      await this.appendEvent(manager, principal, id, {
        type: 'replied',
        fromStatus: notice.status,
        toStatus: 'replied',
        occurredAt: now,
        measures: dto.measures,
        payload: { commitments },
      });
      await this.audit.record(manager, principal, {
        action: 'reply',
        entityType: ENTITY_TYPE,
        entityId: id,
        before: notice,
        after: { ...notice, status: 'replied', repliedAt: now, measures: dto.measures, commitments },
      });
      await this.announce(manager, notice, 'notice_replied', [notice.id, notice.version], {
        title: `【督办单已回复】${notice.number} ${notice.title}`,
        lines: ['整改措施：', dto.measures],
        audience: { userIds: [notice.issuedById] },
      });
    });
    return this.findOne(principal, id);
  }

  /** 销号: the office accepts the reply and closes the notice. */
  async accept(principal: Principal, id: string, dto: AcceptSupervisionNoticeDto, ifMatch?: string): Promise<SupervisionNoticeResponse> {
    await this.transition(principal, id, ifMatch, async (manager, notice) => {
      if (notice.status !== 'replied') throw SupervisionNoticeErrors.notReplied(notice.status, 'accept');
      const now = this.clock.now();
      const comment = dto?.comment?.trim() || null;
      await manager.update(SupervisionNotice, { id }, { status: 'closed', closedAt: now, closedById: principal.id });
      await this.appendEvent(manager, principal, id, { type: 'closed', fromStatus: 'replied', toStatus: 'closed', occurredAt: now, comment });
      await this.audit.record(manager, principal, {
        action: 'close',
        entityType: ENTITY_TYPE,
        entityId: id,
        before: notice,
        after: { ...notice, status: 'closed', closedAt: now, closedById: principal.id, comment },
      });
      await this.announce(manager, notice, 'notice_closed', [notice.id], {
        title: `【督办单已销号】${notice.number} ${notice.title}`,
        lines: comment ? [`意见：${comment}`] : [],
        audience: { unitIds: [notice.ownerDepartmentId] },
      });
    });
    return this.findOne(principal, id);
  }

  /** 退回: the office sends the reply back, with its reasons and optionally a new deadline. */
  async sendBack(principal: Principal, id: string, dto: ReturnSupervisionNoticeDto, ifMatch?: string): Promise<SupervisionNoticeResponse> {
    const today = this.clock.today();
    if (dto.replyDueDate !== undefined) this.checkReplyDueDate(dto.replyDueDate, today, 'replyDueDate');
    await this.transition(principal, id, ifMatch, async (manager, notice) => {
      if (notice.status !== 'replied') throw SupervisionNoticeErrors.notReplied(notice.status, 'return');
      const now = this.clock.now();
      const replyDueDate = dto.replyDueDate ?? notice.replyDueDate;
      await manager.update(SupervisionNotice, { id }, { status: 'returned', replyDueDate });
      const payload: SupervisionNoticeEventPayload = { replyDueDate };
      if (replyDueDate !== notice.replyDueDate) payload.previousReplyDueDate = notice.replyDueDate;
      await this.appendEvent(manager, principal, id, {
        type: 'returned',
        fromStatus: 'replied',
        toStatus: 'returned',
        occurredAt: now,
        comment: dto.comment,
        payload,
      });
      await this.audit.record(manager, principal, {
        action: 'return',
        entityType: ENTITY_TYPE,
        entityId: id,
        before: notice,
        after: { ...notice, status: 'returned', replyDueDate, comment: dto.comment },
      });
      await this.announce(manager, notice, 'notice_returned', [notice.id, notice.version], {
        title: `【督办单被退回】${notice.number} ${notice.title}`,
        lines: [`退回意见：${dto.comment}`, `回复期限：${replyDueDate}`],
        audience: { unitIds: [notice.ownerDepartmentId] },
      });
    });
    return this.findOne(principal, id);
  }

  /**
   * Runs one transition on the locked notice row: whoever comes second waits for
   * the first to commit and then sees its status, so two supervisors cannot
   * accept and return the same reply at once.
   */
  private async transition(
    principal: Principal,
    id: string,
    ifMatch: string | undefined,
    work: (manager: EntityManager, notice: SupervisionNotice) => Promise<void>,
  ): Promise<void> {
    const expected = ifMatch !== undefined && ifMatch !== '' ? expectedVersion(ifMatch, undefined) : undefined;
    await this.dataSource.transaction(async (manager) => {
      const notice = await manager.findOne(SupervisionNotice, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!notice) throw SupervisionNoticeErrors.notFound(id);
      await requireNoticeRead(manager, principal, notice);
      if (expected !== undefined && expected !== notice.version) throw SupervisionNoticeErrors.staleVersion(expected, notice.version);
      await work(manager, notice);
    });
  }

  /**
   * Tells the people a transition concerns (outbox, same transaction). The key
   * holds the notice's version before the transition, so a second reply after a
   * return is a new event while a retried delivery of the same one is not.
   */
  private async announce(
    manager: EntityManager,
    notice: SupervisionNotice,
    kind: EventNotificationKind,
    keyParts: Array<string | number>,
    message: { title: string; lines: string[]; audience: EventAudience },
  ): Promise<void> {
    const [unit] = await manager.query(`SELECT name FROM departments WHERE id = $1`, [notice.ownerDepartmentId]);
    const projects: Array<{ id: string; name: string }> = await manager.query(
      `SELECT DISTINCT p.id, p.name FROM supervision_notice_items i JOIN projects p ON p.id = i.project_id WHERE i.notice_id = $1 ORDER BY p.name`,
      [notice.id],
    );
    await announceEvent(manager, ENTITY_TYPE, notice.id, {
      eventKey: eventKey(kind, ...keyParts),
      kind,
      title: message.title,
      text: [`责任单位：${unit?.name ?? ''}`, `涉及项目：${projects.map((project) => project.name).join('、')}`, ...message.lines].join('\n'),
      path: `/notices/${notice.id}`,
      projectId: projects.length === 1 ? projects[0].id : null,
      milestoneId: null,
      audience: message.audience,
    });
  }

  private checkReplyDueDate(date: string, today: string, field: string): void {
    if (date < today) throw Errors.validation([{ field, reason: `${field} must not be before today (${today})` }]);
    if (!this.calendar.isWorkingDay(date)) {
      throw Errors.validation([
        { field, reason: `${field} must be a working day; ${date} is not (next working day: ${this.calendar.onOrAfter(date)})` },
      ]);
    }
  }

  private async checkOwnerUnitAndItems(manager: EntityManager, dto: CreateSupervisionNoticeDto): Promise<void> {
    const department = await manager.findOneBy(Department, { id: dto.ownerUnitId });
    if (!department) throw Errors.validation([{ field: 'ownerUnitId', reason: 'no owner unit with this id' }]);

    const projectIds = [...new Set(dto.items.map((item) => item.projectId))];
    const milestoneIds = [...new Set(dto.items.flatMap((item) => (item.milestoneId ? [item.milestoneId] : [])))];
    const projects = new Map(
      (await manager.find(Project, { where: { id: In(projectIds) }, select: { id: true, ownerDepartmentId: true } })).map((p) => [p.id, p]),
    );
    const milestones = new Map(
      milestoneIds.length === 0
        ? []
        : (await manager.find(Milestone, { where: { id: In(milestoneIds) }, select: { id: true, projectId: true } })).map((m) => [m.id, m]),
    );

    const problems: FieldError[] = [];
    const seen = new Set<string>();
    dto.items.forEach((item, i) => {
      const project = projects.get(item.projectId);
      if (!project) {
        problems.push({ field: `items[${i}].projectId`, reason: 'no project with this id' });
      } else if (project.ownerDepartmentId !== dto.ownerUnitId) {
        problems.push({ field: `items[${i}].projectId`, reason: 'the project belongs to another owner unit than ownerUnitId' });
      }
      if (item.milestoneId) {
        const milestone = milestones.get(item.milestoneId);
        if (!milestone) problems.push({ field: `items[${i}].milestoneId`, reason: 'no milestone with this id' });
        else if (milestone.projectId !== item.projectId) {
          problems.push({ field: `items[${i}].milestoneId`, reason: 'the milestone belongs to another project than items[].projectId' });
        }
      }
      const key = `${item.projectId}/${item.milestoneId ?? ''}`;
      if (seen.has(key)) problems.push({ field: `items[${i}]`, reason: 'the same project and milestone are listed twice' });
      seen.add(key);
    });
    if (problems.length > 0) throw Errors.validation(problems);
  }



  /**
   * The next number of the year. A transaction-scoped advisory lock per year
   * serialises issuers, so two notices issued at once get consecutive numbers
   * (the unique constraint on (year, sequence) is the backstop).
   */
  private async nextSequence(manager: EntityManager, year: number): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('supervision_notices.sequence'), $1)`, [year]);
    const [row]: Array<{ next: number }> = await manager.query(
      `SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM supervision_notices WHERE year = $1`,
      [year],
    );
    return Number(row.next);
  }

  private async appendEvent(
    manager: EntityManager,
    principal: Principal,
    noticeId: string,
    event: Pick<SupervisionNoticeEvent, 'type' | 'fromStatus' | 'toStatus' | 'occurredAt'> &
      Partial<Pick<SupervisionNoticeEvent, 'measures' | 'comment' | 'payload'>>,
  ): Promise<void> {
    // The history shows people by the name colleagues know them by, kept as it was at the time.
    const user = principal.kind === 'user' ? await manager.findOne(User, { where: { id: principal.id }, select: { id: true, displayName: true } }) : null;
    await manager.insert(SupervisionNoticeEvent, {
      noticeId,
      actorId: principal.kind === 'user' ? principal.id : null,
      actorName: user?.displayName ?? principal.name,
      measures: null,
      comment: null,
      payload: {},
      ...event,
    });
  }

  private async itemsOf(manager: EntityManager, noticeIds: string[]): Promise<Map<string, SupervisionNoticeItem[]>> {
    const byNotice = new Map<string, SupervisionNoticeItem[]>();
    if (noticeIds.length === 0) return byNotice;
    const items = await manager.find(SupervisionNoticeItem, {
      where: { noticeId: In(noticeIds) },
      relations: { project: true, milestone: true },
      order: { position: 'ASC' },
    });
    for (const item of items) byNotice.set(item.noticeId, [...(byNotice.get(item.noticeId) ?? []), item]);
    return byNotice;
  }

  /** Monday and the next Monday of the Monday–Sunday week (Asia/Shanghai) that contains `today`. */
  private currentWeek(today: string): { monday: string; nextMonday: string } {
    const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    const monday = addCalendarDays(today, -((weekday + 6) % 7));
    return { monday, nextMonday: addCalendarDays(monday, 7) };
  }

  private toSummary(notice: SupervisionNotice, items: SupervisionNoticeItem[], today: string): SupervisionNoticeSummaryResponse {
    return {
      id: notice.id,
      number: notice.number,
      ownerUnit: { id: notice.ownerDepartmentId, name: notice.ownerDepartment?.name ?? '' },
      title: notice.title,
      body: notice.body,
      replyDueDate: notice.replyDueDate,
      status: notice.status,
      statusLabel: SUPERVISION_NOTICE_STATUS_LABELS[notice.status],
      replyOverdue: AWAITING_REPLY.includes(notice.status) && notice.replyDueDate < today,
      issuedBy: { id: notice.issuedById, name: notice.issuedBy?.displayName ?? '' },
      issuedAt: notice.issuedAt.toISOString(),
      repliedAt: notice.repliedAt?.toISOString() ?? null,
      closedAt: notice.closedAt?.toISOString() ?? null,
      closedBy: notice.closedById ? { id: notice.closedById, name: notice.closedBy?.displayName ?? '' } : null,
      version: notice.version,
      items: items.map((item) => this.toItem(item)),
    };
  }

  private toItem(item: SupervisionNoticeItem): SupervisionNoticeItemResponse {
    return {
      id: item.id,
      position: item.position,
      projectId: item.projectId,
      projectName: item.project?.name ?? '',
      milestoneId: item.milestoneId,
      milestoneName: item.milestone?.name ?? null,
      milestonePlannedDate: item.milestone?.plannedDate ?? null,
      committedDate: item.committedDate,
    };
  }

  /**
   * Marks each reply with the reply due date in force when it was made (the last one issued or returned before
   * it) and whether it came after that date — in the Asia/Shanghai calendar, as the deadline is a calendar date.
   */
  private withLateness(events: SupervisionNoticeEventResponse[]): SupervisionNoticeEventResponse[] {
    let due: string | undefined;
    return events.map((event) => {
      if (event.type !== 'replied') {
        if (event.replyDueDate) due = event.replyDueDate;
        return event;
      }
      if (!due) return event;
      const repliedOn = districtDate(new Date(event.at));
      return { ...event, replyDueDate: due, late: repliedOn > due };
    });
  }

  private toEvent(event: SupervisionNoticeEvent): SupervisionNoticeEventResponse {
    return {
      id: event.id,
      type: event.type,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      actor: { id: event.actorId, name: event.actorName },
      at: event.occurredAt.toISOString(),
      measures: event.measures,
      comment: event.comment,
      ...event.payload,
    };
  }
}
