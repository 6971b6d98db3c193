import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { Clock } from '@app/calendar';
import { executeTogether } from '@app/database';
import { DeadlineChangeTrigger, KEY_MILESTONE_KINDS, Milestone, MILESTONE_KIND_LABELS, MilestoneRemoval, MilestoneStatus } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { expectedVersion } from '../common/etag';
import { actorName } from '../deadline-changes/actor-name';
import { DeadlineChangeErrors } from '../deadline-changes/deadline-change.errors';
import { DeadlineChangeRules } from '../deadline-changes/deadline-change-rules';
import { DeadlineChangeRequestResponse } from '../deadline-changes/dto/deadline-change-request.response';
import { touchProjectVersionStatement } from '../projects/project-version';
import { CreateMilestoneDto } from './dto/create-milestone.dto';
import { ListMilestonesQuery } from './dto/list-milestones.query';
import { RemoveMilestoneDto } from './dto/remove-milestone.dto';
import { MilestoneResponse } from './dto/milestone.response';
import { UpdateMilestoneDto } from './dto/update-milestone.dto';
import { MilestoneDependentsResponse } from './dto/milestone-dependents.response';
import { DependentRow, MilestoneDependents } from './milestone-dependents';
import { MilestoneErrors } from './milestone.errors';
import { changedFields, classifyChange, MilestoneFields, nextMilestoneFields } from './milestone-change';
import { MilestoneChange, MilestoneOutbox } from './milestone-outbox';
import { applyMilestoneRemoval } from './milestone-removal';
import { requireUnitWrite } from '../access/access';
import { findProjectOrFail } from '../projects/project-scope';

const AUDIT_ACTIONS: Record<MilestoneChange, string> = {
  created: 'create',
  completed: 'complete',
  reopened: 'reopen',
  cancelled: 'cancel',
  rescheduled: 'reschedule',
  updated: 'update',
  removed: 'remove',
};


/** The columns a PATCH writes (raw SQL on the hot path: TypeORM's query builder cost more than the statements). */
const MILESTONE_FIELD_COLUMNS: Record<keyof MilestoneFields, string> = {
  name: 'name',
  plannedDate: 'planned_date',
  actualDate: 'actual_date',
  status: 'status',
  note: 'note',
};

/** A PATCH either changed the milestone, or filed a deadline-change request and left it as it was. */
export type MilestoneUpdateOutcome =
  | { kind: 'applied'; milestone: MilestoneResponse }
  | { kind: 'change_requested'; changeRequest: DeadlineChangeRequestResponse };

/**
 * 节点: a project's dated steps. Every write runs in one transaction that also
 * writes the audit row and the 'milestone.changed' outbox event, so the
 * reminders the worker plans always follow committed changes only.
 */
@Injectable()
export class MilestonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MilestoneOutbox,
    private readonly clock: Clock,
    private readonly deadlineChanges: DeadlineChangeRules,
    private readonly dependents: MilestoneDependents,
  ) {}

  /** 后续节点: what moving the milestone to `plannedDate` pushes, and whether moving them all needs the 督查室. */
  async dependentsOf(id: string, plannedDate: string): Promise<MilestoneDependentsResponse> {
    const manager = this.dataSource.manager;
    const milestone = await manager.findOneBy(Milestone, { id });
    if (!milestone) throw MilestoneErrors.milestoneNotFound(id);
    const moves = await this.dependents.moves(manager, milestone, plannedDate);
    const requiredBecause = await this.groupRequiredBecause(manager, milestone, plannedDate, moves);
    return {
      milestoneId: id,
      oldDate: milestone.plannedDate,
      plannedDate,
      dependents: moves.map(({ milestoneId, name, isKey, oldDate, newDate, workingDays, pushedBy }) => ({ milestoneId, name, isKey, oldDate, newDate, workingDays, pushedBy })),
      requiredBecause: plannedDate === milestone.plannedDate && moves.length === 0 ? null : requiredBecause,
    };
  }

  /** The deadline-change rule applied to a move and its dependents together: the first reason any of them needs approval. */
  private async groupRequiredBecause(manager: EntityManager, milestone: Milestone, plannedDate: string, moves: DependentRow[]): Promise<DeadlineChangeTrigger | null> {
    const own = await this.deadlineChanges.assess(manager, milestone, plannedDate);
    if (own.requiredBecause !== null) return own.requiredBecause;
    if (moves.some((move) => move.isKey)) return 'key_milestone';
    if (moves.some((move) => Math.abs(move.workingDays) > own.threshold)) return 'over_threshold';
    return null;
  }

  /** By planned date; removed milestones only with includeWithdrawn=true. */
  async listForProject(projectId: string, query: ListMilestonesQuery = {}): Promise<MilestoneResponse[]> {
    const manager = this.dataSource.manager;
    await findProjectOrFail(manager, projectId);
    const milestones = await manager.find(Milestone, {
      where: query.includeWithdrawn ? { projectId } : { projectId, status: Not<MilestoneStatus>('removed') },
      order: { plannedDate: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    const removedIds = milestones.filter((milestone) => milestone.status === 'removed').map((milestone) => milestone.id);
    const removals = removedIds.length > 0 ? await manager.findBy(MilestoneRemoval, { milestoneId: In(removedIds) }) : [];
    const byMilestone = new Map(removals.map((removal) => [removal.milestoneId, removal]));
    return milestones.map((milestone) => MilestoneResponse.from(milestone, byMilestone.get(milestone.id) ?? null));
  }

  /** One milestone, a removed one too (with its removal): whoever holds its id may read what became of it. */
  async get(id: string): Promise<MilestoneResponse> {
    const milestone = await this.dataSource.manager.findOneBy(Milestone, { id });
    if (!milestone) throw MilestoneErrors.milestoneNotFound(id);
    const removal = milestone.status === 'removed' ? await this.dataSource.manager.findOneBy(MilestoneRemoval, { milestoneId: id }) : null;
    return MilestoneResponse.from(milestone, removal);
  }

  /**
   * 删除节点: removes a milestone added by mistake — soft (status 'removed', the
   * reason in milestone_removals, the audit trail before/after), under If-Match
   * like any write. Only one without an actual date. A key milestone (开工,
   * 竣工验收, 交付, 投产) is the 督查室's decision, as its moves are: a request of
   * kind 'removal' is filed (202) and the milestone stays until it is approved.
   */
  async remove(principal: Principal, id: string, dto: RemoveMilestoneDto, ifMatch: string | undefined): Promise<MilestoneUpdateOutcome> {
    const expected = expectedVersion(ifMatch, dto.version);
    return this.dataSource.transaction(async (manager) => {
      const { milestone: before, ownerDepartmentId } = await this.lockForWrite(manager, principal, id, expected);
      if (before.actualDate !== null) throw MilestoneErrors.hasActualDate(before.actualDate);
      await this.deadlineChanges.assertNoPendingRequest(manager, before.id);
      const reason = dto.reason.trim();
      if (KEY_MILESTONE_KINDS.includes(before.kind)) {
        return { kind: 'change_requested', changeRequest: await this.deadlineChanges.fileRemovalRequest(manager, principal, before, reason) };
      }
      const { milestone, removal } = await applyMilestoneRemoval(manager, { audit: this.audit, outbox: this.outbox }, principal, before, {
        reason,
        removedById: principal.id,
        removedByName: await actorName(manager, principal),
        changeRequestId: null,
      });
      return { kind: 'applied', milestone: MilestoneResponse.from(milestone, removal) };
    });
  }

  async create(principal: Principal, projectId: string, dto: CreateMilestoneDto): Promise<MilestoneResponse> {
    if (dto.kind === 'custom' && dto.name === undefined) throw MilestoneErrors.nameRequired();
    return this.dataSource.transaction(async (manager) => {
      const project = await findProjectOrFail(manager, projectId);
      requireUnitWrite(principal, project.ownerDepartmentId);
      const { identifiers } = await manager.insert(Milestone, {
        projectId,
        kind: dto.kind,
        name: dto.name ?? MILESTONE_KIND_LABELS[dto.kind],
        baselineDate: dto.baselineDate ?? dto.plannedDate,
        plannedDate: dto.plannedDate,
        actualDate: null,
        status: 'pending',
        note: dto.note ?? null,
      });
      const milestone = await manager.findOneByOrFail(Milestone, { id: identifiers[0].id as string });
      await this.recordChange(manager, principal, null, milestone, 'created');
      return MilestoneResponse.from(milestone);
    });
  }

  /**
   * Applies a partial change under optimistic locking: the row is locked, its
   * version compared with If-Match (or the body's version) and only then changed,
   * so two writers can never both win. A stale version changes nothing (412).
   *
   * A planned-date move needs a reason and follows the deadline-change rules: a
   * small move applies with the other changes; one that needs the 督查室 is filed
   * as a request instead, and the milestone stays as it is.
   */
  async update(principal: Principal, id: string, dto: UpdateMilestoneDto, ifMatch: string | undefined): Promise<MilestoneUpdateOutcome> {
    const expected = expectedVersion(ifMatch, dto.version);
    return this.dataSource.transaction(async (manager) => {
      const { milestone: before, ownerDepartmentId } = await this.lockForWrite(manager, principal, id, expected);
      const next = nextMilestoneFields(before, dto, this.clock.today());
      const reason = dto.reason?.trim() || null;
      let dependentsToApply: DependentRow[] = [];
      if (next.status === 'done' && before.status !== 'done' && before.requiresDocument) await this.assertHasDocument(manager, before);

      if (next.plannedDate !== before.plannedDate) {
        if (reason === null) throw DeadlineChangeErrors.reasonRequired();
        await this.deadlineChanges.assertNoPendingRequest(manager, before.id);
        const assessment = await this.deadlineChanges.assess(manager, before, next.plannedDate);
        // 一并调整: the dependents it pushes move with it, under the rule applied to the whole set.
        const moves = dto.withDependents ? await this.lockDependents(manager, before, next.plannedDate) : [];
        const requiredBecause = moves.length > 0 ? await this.groupRequiredBecause(manager, before, next.plannedDate, moves) : assessment.requiredBecause;
        if (requiredBecause !== null) {
          const otherChanges = changedFields(before, { ...next, plannedDate: before.plannedDate });
          if (Object.keys(otherChanges).length > 0) throw DeadlineChangeErrors.notAlone();
          const changeRequest = await this.deadlineChanges.fileRequest(manager, principal, before, next.plannedDate, reason, { ...assessment, requiredBecause }, moves);
          return { kind: 'change_requested', changeRequest };
        }
        dependentsToApply = moves;
      }

      const changes = changedFields(before, next);
      if (Object.keys(changes).length === 0) return { kind: 'applied', milestone: MilestoneResponse.from(before) };

      // One round trip: the new version and updated_at come back with RETURNING.
      const assignments = (Object.keys(changes) as Array<keyof MilestoneFields>).map((field, i) => `${MILESTONE_FIELD_COLUMNS[field]} = $${i + 2}`);
      // TypeORM answers an UPDATE with [rows, affected].
      const [[stamp]]: [Array<{ version: number; updated_at: Date }>, number] = await manager.query(
        `UPDATE milestones SET ${assignments.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version, updated_at`,
        [id, ...Object.values(changes)],
      );
      const after = Object.assign(new Milestone(), before, changes, { version: stamp.version, updatedAt: stamp.updated_at });
      await this.deadlineChanges.recordDirectChanges(manager, principal, before, after, reason);
      await this.recordChange(manager, principal, before, after, classifyChange(before, after));
      for (const move of dependentsToApply) {
        const dependent = await manager.findOneByOrFail(Milestone, { id: move.milestoneId });
        await manager.query(`UPDATE milestones SET planned_date = $2, version = version + 1, updated_at = now() WHERE id = $1`, [dependent.id, move.newDate]);
        const moved = await manager.findOneByOrFail(Milestone, { id: dependent.id });
        await this.deadlineChanges.recordDirectChanges(manager, principal, dependent, moved, `${reason}（随「${before.name}」一并调整）`);
        await this.recordChange(manager, principal, dependent, moved, 'rescheduled');
      }
      return { kind: 'applied', milestone: MilestoneResponse.from(after) };
    });
  }

  /** The dependents a move pushes, locked; none of them may be waiting for the 督查室 already. */
  private async lockDependents(manager: EntityManager, milestone: Milestone, newDate: string): Promise<DependentRow[]> {
    const moves = await this.dependents.moves(manager, milestone, newDate);
    if (moves.length === 0) return moves;
    await manager.query(`SELECT id FROM milestones WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [moves.map((move) => move.milestoneId)]);
    for (const move of moves) await this.deadlineChanges.assertNoPendingRequest(manager, move.milestoneId);
    // Read again under the lock: a concurrent write may have moved one meanwhile.
    return this.dependents.moves(manager, milestone, newDate);
  }

  /** 需上传佐证: a milestone whose template node needs a document is met only with one attached (a standing attachment). */
  private async assertHasDocument(manager: EntityManager, milestone: Milestone): Promise<void> {
    const [attached] = await manager.query(
      `SELECT 1 FROM attachments WHERE record_type = 'milestone' AND record_id = $1 AND withdrawn_at IS NULL LIMIT 1`,
      [milestone.id],
    );
    if (!attached) throw MilestoneErrors.documentRequired(milestone.name);
  }

  /** The row, locked for the rest of the transaction, with its project's owner unit for the access check (one query). */
  /** Locks the milestone for a write by this caller at the version they read: 403/404, 412, and 409 once removed. */
  private async lockForWrite(manager: EntityManager, principal: Principal, id: string, expected: number) {
    const locked = await this.lockMilestoneWithOwner(manager, id);
    requireUnitWrite(principal, locked.ownerDepartmentId);
    if (locked.milestone.version !== expected) {
      throw Errors.preconditionFailed(
        `The milestone changed since you read it (you sent version ${expected}, it is now ${locked.milestone.version}); read it again`,
      );
    }
    if (locked.milestone.status === 'removed') throw MilestoneErrors.removed();
    return locked;
  }

  private async lockMilestoneWithOwner(manager: EntityManager, id: string): Promise<{ milestone: Milestone; ownerDepartmentId: string | null }> {
    const [row]: Array<Milestone & { ownerDepartmentId: string | null }> = await manager.query(
      `SELECT m.id, m.project_id AS "projectId", m.kind, m.name, m.baseline_date AS "baselineDate", m.planned_date AS "plannedDate",
              m.actual_date AS "actualDate", m.status, m.note, m.is_demo AS "isDemo", m.template_node_id AS "templateNodeId",
              m.is_key_node AS "isKeyNode", m.requires_document AS "requiresDocument", m.version, m.created_at AS "createdAt",
              m.updated_at AS "updatedAt", p.owner_department_id AS "ownerDepartmentId"
         FROM milestones m JOIN projects p ON p.id = m.project_id
        WHERE m.id = $1
          FOR UPDATE OF m`,
      [id],
    );
    if (!row) throw MilestoneErrors.milestoneNotFound(id);
    const { ownerDepartmentId, ...fields } = row;
    return { milestone: Object.assign(new Milestone(), fields), ownerDepartmentId };
  }

  /** Audit row, outbox event and the project's version bump of one milestone write: one round trip, in the write's transaction. */
  async recordChange(manager: EntityManager, principal: Principal, before: Milestone | null, after: Milestone, change: MilestoneChange): Promise<void> {
    await executeTogether(manager, [
      this.audit.statement(principal, { action: AUDIT_ACTIONS[change], entityType: 'milestone', entityId: after.id, before, after }),
      this.outbox.statement(after, change),
      touchProjectVersionStatement(after.projectId),
    ]);
  }

}
