import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import {
  DeadlineChangeRequest,
  DeadlineChangeRequestDependent,
  DeadlineChangeSettings,
  DeadlineChangeTrigger,
  eventKey,
  KEY_MILESTONE_KINDS,
  Milestone,
  MilestoneDateChange,
  MilestoneDateField,
} from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { announceEvent } from '../inbox/announce-event';
import { actorName } from './actor-name';
import { DeadlineChangeErrors } from './deadline-change.errors';
import { DeadlineChangeRequestResponse } from './dto/deadline-change-request.response';

/** Used when the settings row is missing (the migration inserts it). */
export const DEFAULT_MAX_WORKING_DAYS_WITHOUT_APPROVAL = 10;

export interface MoveAssessment {
  /** Working days from the current planned date to the new one (negative when earlier). */
  workingDays: number;
  threshold: number;
  /** Why the move needs the 督查室, or null when it may apply at once. */
  requiredBecause: DeadlineChangeTrigger | null;
}

export interface DateChangeEntry {
  field: MilestoneDateField;
  oldDate: string | null;
  newDate: string | null;
  reason: string | null;
  requestedById: string | null;
  requestedByName: string;
  decidedById?: string | null;
  decidedByName?: string | null;
  decidedAt?: Date | null;
  changeRequestId?: string | null;
}

/**
 * The rules of moving a milestone's planned date (节点延期), used inside the
 * caller's transaction by the milestone PATCH and by the 督查室's decisions:
 *
 * - a key milestone (开工, 竣工验收, 交付, 投产) never moves without approval;
 * - another moves at once when the move is at most N working days (either way),
 *   N = deadline_change_settings.max_working_days_without_approval (default 10);
 * - otherwise the move becomes a pending request and the old date stands;
 * - every date that does change is written to milestone_date_changes.
 */
@Injectable()
export class DeadlineChangeRules {
  constructor(
    private readonly calendar: WorkingDayCalendar,
    private readonly audit: AuditService,
  ) {}

  async threshold(manager: EntityManager): Promise<number> {
    const settings = await manager.findOneBy(DeadlineChangeSettings, { id: 1 });
    return settings?.maxWorkingDaysWithoutApproval ?? DEFAULT_MAX_WORKING_DAYS_WITHOUT_APPROVAL;
  }

  async assess(manager: EntityManager, milestone: Milestone, newDate: string): Promise<MoveAssessment> {
    const workingDays = this.calendar.workingDaysBetween(milestone.plannedDate, newDate);
    const threshold = await this.threshold(manager);
    let requiredBecause: DeadlineChangeTrigger | null = null;
    if (KEY_MILESTONE_KINDS.includes(milestone.kind) || milestone.isKeyNode) requiredBecause = 'key_milestone';
    else if (Math.abs(workingDays) > threshold) requiredBecause = 'over_threshold';
    return { workingDays, threshold, requiredBecause };
  }

  /** A milestone with a request waiting for the 督查室 cannot move again until it is decided. */
  async assertNoPendingRequest(manager: EntityManager, milestoneId: string): Promise<void> {
    const pending = await manager.findOne(DeadlineChangeRequest, { select: { id: true }, where: { milestoneId, status: 'pending' } });
    if (pending) throw DeadlineChangeErrors.pending(pending.id);
    // 一并调整: a milestone carried as a dependent by a pending request waits for it too.
    const [carried]: Array<{ id: string }> = await manager.query(
      `SELECT r.id FROM deadline_change_request_dependents d JOIN deadline_change_requests r ON r.id = d.request_id
        WHERE d.milestone_id = $1 AND r.status = 'pending' LIMIT 1`,
      [milestoneId],
    );
    if (carried) throw DeadlineChangeErrors.pending(carried.id);
  }

  async fileRequest(
    manager: EntityManager,
    principal: Principal,
    milestone: Milestone,
    newDate: string | null,
    reason: string,
    assessment: MoveAssessment & { requiredBecause: DeadlineChangeTrigger },
    /** 一并调整: dependents moved with it, decided with it. */
    dependents: ReadonlyArray<{ milestoneId: string; oldDate: string; newDate: string; workingDays: number; version: number }> = [],
  ): Promise<DeadlineChangeRequestResponse> {
    const { identifiers } = await manager.insert(DeadlineChangeRequest, {
      // No new date: the request is to remove the milestone (删除节点).
      kind: newDate === null ? 'removal' : 'reschedule',
      milestoneId: milestone.id,
      projectId: milestone.projectId,
      oldDate: milestone.plannedDate,
      newDate,
      workingDays: assessment.workingDays,
      requiredBecause: assessment.requiredBecause,
      thresholdWorkingDays: assessment.threshold,
      reason,
      milestoneVersion: milestone.version,
      status: 'pending',
      requestedById: principal.id,
      requestedByName: await actorName(manager, principal),
    });
    const id = identifiers[0].id as string;
    if (dependents.length > 0) {
      await manager.insert(
        DeadlineChangeRequestDependent,
        dependents.map((dependent) => ({
          requestId: id,
          milestoneId: dependent.milestoneId,
          oldDate: dependent.oldDate,
          newDate: dependent.newDate,
          workingDays: dependent.workingDays,
          milestoneVersion: dependent.version,
        })),
      );
    }
    const request = await manager.findOneByOrFail(DeadlineChangeRequest, { id });
    await this.audit.record(manager, principal, { action: 'create', entityType: 'deadline_change_request', entityId: id, after: request });
    await this.announce(manager, request, 'deadline_change_requested');
    return this.requestResponse(manager, id);
  }

  /** A key milestone's removal is the 督查室's decision, like its moves: filed as a request of kind 'removal'. */
  async fileRemovalRequest(manager: EntityManager, principal: Principal, milestone: Milestone, reason: string): Promise<DeadlineChangeRequestResponse> {
    return this.fileRequest(manager, principal, milestone, null, reason, { workingDays: 0, threshold: await this.threshold(manager), requiredBecause: 'key_milestone' });
  }

  /**
   * Tells who a request concerns, in the request's transaction (outbox): filed →
   * every 督查室 user; approved or rejected → the requesting editor and the owner unit.
   */
  async announce(
    manager: EntityManager,
    request: DeadlineChangeRequest,
    kind: 'deadline_change_requested' | 'deadline_change_approved' | 'deadline_change_rejected',
  ): Promise<void> {
    const [about]: Array<{ project_name: string; milestone_name: string; owner_department_id: string | null; unit_name: string | null }> =
      await manager.query(
        `SELECT p.name AS project_name, m.name AS milestone_name, p.owner_department_id, d.name AS unit_name
           FROM milestones m JOIN projects p ON p.id = m.project_id LEFT JOIN departments d ON d.id = p.owner_department_id
          WHERE m.id = $1`,
        [request.milestoneId],
      );
    const heading = { deadline_change_requested: '节点调整申请待审批', deadline_change_approved: '节点调整已批准', deadline_change_rejected: '节点调整被驳回' }[kind];
    const lines = [
      `项目：${about.project_name}`,
      `节点：${about.milestone_name}`,
      request.newDate === null ? `申请删除节点（计划日期 ${request.oldDate}）` : `计划日期：${request.oldDate} → ${request.newDate}`,
      `理由：${request.reason}`,
      `申请人：${request.requestedByName}`,
    ];
    if (kind !== 'deadline_change_requested') lines.push(`审批人：${request.decidedByName ?? ''}`, ...(request.decisionComment ? [`意见：${request.decisionComment}`] : []));
    await announceEvent(manager, 'deadline_change_request', request.id, {
      eventKey: eventKey(kind, request.id),
      kind,
      title: `【${heading}】${about.project_name} · ${about.milestone_name}`,
      text: lines.join('\n'),
      path: `/projects/${request.projectId}`,
      projectId: request.projectId,
      milestoneId: request.milestoneId,
      audience:
        kind === 'deadline_change_requested'
          ? { supervisors: true }
          : { userIds: request.requestedById ? [request.requestedById] : [], unitIds: about.owner_department_id ? [about.owner_department_id] : [] },
    });
  }

  async recordDateChange(manager: EntityManager, milestoneId: string, entry: DateChangeEntry): Promise<void> {
    await manager.insert(MilestoneDateChange, {
      milestoneId,
      field: entry.field,
      oldDate: entry.oldDate,
      newDate: entry.newDate,
      reason: entry.reason,
      requestedById: entry.requestedById,
      requestedByName: entry.requestedByName,
      decidedById: entry.decidedById ?? null,
      decidedByName: entry.decidedByName ?? null,
      decidedAt: entry.decidedAt ?? null,
      changeRequestId: entry.changeRequestId ?? null,
    });
  }

  /** History rows for the dates a direct milestone write changed (planned date moved at once, actual date set or cleared). */
  async recordDirectChanges(manager: EntityManager, principal: Principal, before: Milestone, after: Milestone, reason: string | null): Promise<void> {
    const fields: Array<[MilestoneDateField, string | null, string | null]> = [
      ['planned_date', before.plannedDate, after.plannedDate],
      ['actual_date', before.actualDate, after.actualDate],
    ];
    const changed = fields.filter(([, oldDate, newDate]) => oldDate !== newDate);
    if (changed.length === 0) return;
    const requestedByName = await actorName(manager, principal);
    for (const [field, oldDate, newDate] of changed) {
      await this.recordDateChange(manager, after.id, { field, oldDate, newDate, reason, requestedById: principal.id, requestedByName });
    }
  }

  /** A request with the names of its milestone and project. */
  async requestResponse(manager: EntityManager, id: string): Promise<DeadlineChangeRequestResponse> {
    const request = await requestsWithNames(manager).where('request.id = :id', { id }).getOne();
    if (!request) throw DeadlineChangeErrors.notFound(id);
    return DeadlineChangeRequestResponse.from(request as Parameters<typeof DeadlineChangeRequestResponse.from>[0]);
  }
}

/** Requests joined with the few milestone and project fields their responses show. */
export function requestsWithNames(manager: EntityManager) {
  return manager
    .createQueryBuilder(DeadlineChangeRequest, 'request')
    .innerJoin('request.milestone', 'milestone')
    .addSelect(['milestone.id', 'milestone.name', 'milestone.kind', 'milestone.isKeyNode'])
    .leftJoinAndSelect('request.dependents', 'dependent')
    .leftJoin('dependent.milestone', 'dependentMilestone')
    .addSelect(['dependentMilestone.id', 'dependentMilestone.name'])
    .innerJoin('request.project', 'project')
    .addSelect(['project.id', 'project.name', 'project.ownerDepartmentId']);
}
