import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/calendar';
import { DeadlineChangeRequest, DeadlineChangeRequestDependent, Milestone, MilestoneDateChange } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import { listScope, requireRecordRead } from '../access/access';
import type { Principal } from '../auth/principal';
import { MilestoneErrors } from '../milestones/milestone.errors';
import { MilestoneOutbox } from '../milestones/milestone-outbox';
import { applyMilestoneRemoval } from '../milestones/milestone-removal';
import { touchProjectVersion } from '../projects/project-version';
import { actorName } from './actor-name';
import { DeadlineChangeErrors } from './deadline-change.errors';
import { DeadlineChangeRules, requestsWithNames } from './deadline-change-rules';
import { DecideDeadlineChangeDto } from './dto/decide-deadline-change.dto';
import { DeadlineChangeRequestPage, DeadlineChangeRequestResponse } from './dto/deadline-change-request.response';
import { ListDeadlineChangeRequestsQuery } from './dto/list-deadline-change-requests.query';
import { MilestoneDateChangeResponse, MilestoneDateHistoryResponse } from './dto/milestone-date-history.response';

type RequestWithNames = Parameters<typeof DeadlineChangeRequestResponse.from>[0] & { project: { ownerDepartmentId: string | null } };

/**
 * 节点延期: the 督查室's queue of requests to move milestones, its decisions,
 * and the date history of each milestone. Approving applies the new planned
 * date with the usual audit row and 'milestone.changed' outbox event, in one
 * transaction; the baseline date never moves.
 */
@Injectable()
export class DeadlineChangesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: DeadlineChangeRules,
    private readonly audit: AuditService,
    private readonly outbox: MilestoneOutbox,
    private readonly clock: Clock,
  ) {}

  /** The 督查室 and admins see every request; a department editor those of its own department's projects. */
  async list(principal: Principal, query: ListDeadlineChangeRequestsQuery): Promise<DeadlineChangeRequestPage> {
    const builder = requestsWithNames(this.dataSource.manager)
      .orderBy('request.createdAt', 'DESC')
      .addOrderBy('request.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (query.status) builder.andWhere('request.status = :status', { status: query.status });
    if (query.projectId) builder.andWhere('request.projectId = :projectId', { projectId: query.projectId });
    if (query.milestoneId) builder.andWhere('request.milestoneId = :milestoneId', { milestoneId: query.milestoneId });
    const scope = listScope(principal, 'deadline-change');
    if (scope.kind === 'own-unit') builder.andWhere('project.ownerDepartmentId = :departmentId', { departmentId: scope.unitId });
    const [requests, total] = await builder.getManyAndCount();
    return {
      items: requests.map((request) => DeadlineChangeRequestResponse.from(request as RequestWithNames)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(principal: Principal, id: string): Promise<DeadlineChangeRequestResponse> {
    const request = (await requestsWithNames(this.dataSource.manager).where('request.id = :id', { id }).getOne()) as RequestWithNames | null;
    if (!request) throw DeadlineChangeErrors.notFound(id);
    await requireRecordRead(principal, 'deadline-change', request.project.ownerDepartmentId);
    return DeadlineChangeRequestResponse.from(request);
  }

  async approve(principal: Principal, id: string, dto: DecideDeadlineChangeDto): Promise<DeadlineChangeRequestResponse> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.lockPendingRequest(manager, id);
      const before = await manager.findOne(Milestone, { where: { id: request.milestoneId }, lock: { mode: 'pessimistic_write' } });
      if (!before) throw MilestoneErrors.milestoneNotFound(request.milestoneId);
      if (request.kind === 'removal') {
        // Removed as it was when asked: unchanged since, and still without an actual date.
        if (before.version !== request.milestoneVersion || before.status === 'done' || before.status === 'removed') throw DeadlineChangeErrors.stale();
        const decided = await this.decide(manager, principal, request, 'approved', dto);
        await applyMilestoneRemoval(manager, { audit: this.audit, outbox: this.outbox }, principal, before, {
          reason: request.reason,
          removedById: request.requestedById,
          removedByName: request.requestedByName,
          changeRequestId: decided.id,
        });
        return this.rules.requestResponse(manager, id);
      }
      const newDate = request.newDate!;
      // The supervisor decided on the milestone as it was; if it changed since, that decision is about something else.
      if (before.version !== request.milestoneVersion || before.plannedDate !== request.oldDate || before.status !== 'pending') {
        throw DeadlineChangeErrors.stale();
      }

      await manager.update(Milestone, { id: before.id }, { plannedDate: newDate });
      const after = await manager.findOneByOrFail(Milestone, { id: before.id });
      const decided = await this.decide(manager, principal, request, 'approved', dto);
      await this.rules.recordDateChange(manager, after.id, {
        field: 'planned_date',
        oldDate: before.plannedDate,
        newDate: after.plannedDate,
        reason: request.reason,
        requestedById: request.requestedById,
        requestedByName: request.requestedByName,
        decidedById: decided.decidedById,
        decidedByName: decided.decidedByName,
        decidedAt: decided.decidedAt,
        changeRequestId: request.id,
      });
      await this.audit.record(manager, principal, { action: 'reschedule', entityType: 'milestone', entityId: after.id, before, after });
      await this.outbox.milestoneChanged(manager, after, 'rescheduled');
      // 一并调整: the dependents move with it, each as it was when asked, or none does.
      const dependents = await manager.find(DeadlineChangeRequestDependent, { where: { requestId: request.id }, order: { newDate: 'ASC' } });
      for (const dependent of dependents) {
        const previous = await manager.findOne(Milestone, { where: { id: dependent.milestoneId }, lock: { mode: 'pessimistic_write' } });
        if (!previous || previous.version !== dependent.milestoneVersion || previous.plannedDate !== dependent.oldDate || previous.status !== 'pending') {
          throw DeadlineChangeErrors.stale();
        }
        await manager.update(Milestone, { id: previous.id }, { plannedDate: dependent.newDate });
        const moved = await manager.findOneByOrFail(Milestone, { id: previous.id });
        await this.rules.recordDateChange(manager, moved.id, {
          field: 'planned_date',
          oldDate: previous.plannedDate,
          newDate: moved.plannedDate,
          reason: `${request.reason}（随「${before.name}」一并调整）`,
          requestedById: request.requestedById,
          requestedByName: request.requestedByName,
          decidedById: decided.decidedById,
          decidedByName: decided.decidedByName,
          decidedAt: decided.decidedAt,
          changeRequestId: request.id,
        });
        await this.audit.record(manager, principal, { action: 'reschedule', entityType: 'milestone', entityId: moved.id, before: previous, after: moved });
        await this.outbox.milestoneChanged(manager, moved, 'rescheduled');
      }
      await touchProjectVersion(manager, after.projectId);
      return this.rules.requestResponse(manager, id);
    });
  }

  async reject(principal: Principal, id: string, dto: DecideDeadlineChangeDto): Promise<DeadlineChangeRequestResponse> {
    return this.dataSource.transaction(async (manager) => {
      const request = await this.lockPendingRequest(manager, id);
      await this.decide(manager, principal, request, 'rejected', dto);
      return this.rules.requestResponse(manager, id);
    });
  }

  async dateHistory(milestoneId: string): Promise<MilestoneDateHistoryResponse> {
    const manager = this.dataSource.manager;
    const milestone = await manager.findOneBy(Milestone, { id: milestoneId });
    if (!milestone) throw MilestoneErrors.milestoneNotFound(milestoneId);
    const changes = await manager.find(MilestoneDateChange, { where: { milestoneId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const pending = await manager.findOne(DeadlineChangeRequest, { select: { id: true }, where: { milestoneId, status: 'pending' } });
    return {
      milestoneId,
      baselineDate: milestone.baselineDate,
      plannedDate: milestone.plannedDate,
      actualDate: milestone.actualDate,
      changes: changes.map(MilestoneDateChangeResponse.from),
      pendingRequest: pending ? await this.rules.requestResponse(manager, pending.id) : null,
    };
  }

  private async lockPendingRequest(manager: EntityManager, id: string): Promise<DeadlineChangeRequest> {
    const request = await manager.findOne(DeadlineChangeRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw DeadlineChangeErrors.notFound(id);
    if (request.status !== 'pending') throw DeadlineChangeErrors.alreadyDecided(request.status);
    return request;
  }

  private async decide(
    manager: EntityManager,
    principal: Principal,
    request: DeadlineChangeRequest,
    status: 'approved' | 'rejected',
    dto: DecideDeadlineChangeDto,
  ): Promise<DeadlineChangeRequest> {
    await manager.update(
      DeadlineChangeRequest,
      { id: request.id },
      {
        status,
        decidedById: principal.id,
        decidedByName: await actorName(manager, principal),
        decidedAt: this.clock.now(),
        decisionComment: dto.comment ?? null,
      },
    );
    const decided = await manager.findOneByOrFail(DeadlineChangeRequest, { id: request.id });
    await this.audit.record(manager, principal, {
      action: status === 'approved' ? 'approve' : 'reject',
      entityType: 'deadline_change_request',
      entityId: request.id,
      before: request,
      after: decided,
    });
    await this.rules.announce(manager, decided, status === 'approved' ? 'deadline_change_approved' : 'deadline_change_rejected');
    return decided;
  }
}
