/**
 * One key project (重点工程): read it with its milestones and investment
 * summary (with ETag / If-None-Match), create it in a 专栏 and group, and change
 * it with optimistic concurrency (If-Match → 412 when stale, 428 when missing).
 * Enforces who may write (admin; a department editor only for its own
 * department), the kind-specific attribute rules and the allowed status moves.
 * Every write and its audit row commit in one transaction.
 */

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { isUniqueViolation } from '@app/database';
import { canMoveProjectStatus, FundingSource, Milestone, Project, ProjectKind, wanToYuan } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { expectedVersion, versionEtag } from '../common/etag';
import { InvestmentService } from '../investment/investment.service';
import { MilestoneResponse } from '../milestones/dto/milestone.response';
import { NodeTemplateErrors } from '../node-templates/node-template.errors';
import { TemplateMilestones } from '../node-templates/template-milestones';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { validateProjectAttributes } from './attributes/project-attributes';
import { CreateProjectDto } from './dto/create-project.dto';
import { FundingSourceInputDto } from './dto/funding-source.dto';
import { ProjectDetailResponseDto } from './dto/project.response';
import { UpdateProjectDto } from './dto/update-project.dto';
import { requireUnitWrite } from '../access/access';
import {
  presentProject,
  PROJECT_COLUMNS_SQL,
  PROJECT_FROM_SQL,
  ProjectRow,
} from './project-representation';
import { ProjectErrors } from './project.errors';

export type ProjectRead = { notModified: true; etag: string } | { notModified: false; etag: string; project: ProjectDetailResponseDto };

const UNIQUE_NAME_IN_GROUP = 'uq_projects_group_owner_name';

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly investment: InvestmentService,
    private readonly templateMilestones: TemplateMilestones,
  ) {}

  /** The project, or "not modified" when `ifNoneMatch` names its current ETag (then nothing else is read). */
  async get(id: string, ifNoneMatch?: string): Promise<ProjectRead> {
    const row = await this.findRow(this.dataSource.manager, id);
    const etag = versionEtag(row.version);
    if (etagMatches(ifNoneMatch, etag)) return { notModified: true, etag };
    return { notModified: false, etag, project: await this.detail(this.dataSource.manager, row) };
  }

  async create(principal: Principal, dto: CreateProjectDto): Promise<ProjectDetailResponseDto> {
    const ownerDepartmentId = dto.ownerUnitId ?? null;
    requireUnitWrite(principal, ownerDepartmentId, 'the owner unit (ownerUnitId)');
    checkPlannedDates(dto.plannedStartDate ?? null, dto.plannedEndDate ?? null);
    const attributes = checkAttributes(dto.kind, dto.attributes ?? {});
    if (dto.templateId && !dto.plannedStartDate) throw NodeTemplateErrors.startRequired();

    return this.dataSource.transaction(async (manager) => {
      const { columnId, groupId } = await this.resolvePlace(manager, dto.columnNumber, dto.groupNumber);
      if (ownerDepartmentId !== null) await this.assertDepartmentExists(manager, ownerDepartmentId);
      if (dto.leadOfficialUserId) await this.assertActiveUser(manager, dto.leadOfficialUserId);
      const sortOrder = dto.sortOrder ?? (await this.nextSortOrder(manager, groupId));
      const id = await withUniqueName(dto.name, async () => {
        const saved = await manager.save(
          Project,
          manager.create(Project, {
            name: dto.name,
            columnId,
            groupId,
            sortOrder,
            kind: dto.kind,
            attributes,
            description: dto.description ?? null,
            location: dto.location ?? null,
            ownerDepartmentId,
            leadOfficial: dto.leadOfficial ?? null,
            leadOfficialUserId: dto.leadOfficialUserId ?? null,
            status: dto.status ?? 'planning',
            plannedStartDate: dto.plannedStartDate ?? null,
            plannedEndDate: dto.plannedEndDate ?? null,
            totalInvestmentYuan: dto.totalInvestmentWan == null ? null : wanToYuan(dto.totalInvestmentWan),
            fundingSources: toStoredFunding(dto.fundingSources ?? []),
          }),
        );
        return saved.id;
      });
      if (dto.templateId) {
        // 从模板创建: the milestones and their baseline in the same transaction as the project.
        const versionId = await this.templateMilestones.resolveVersion(manager, dto.templateId, dto.kind);
        const { endDate } = await this.templateMilestones.generate(manager, principal, id, versionId, dto.plannedStartDate!);
        if (!dto.plannedEndDate) await manager.query(`UPDATE projects SET planned_end_date = $2 WHERE id = $1`, [id, endDate]);
      }
      const created = await manager.findOneByOrFail(Project, { id });
      await this.audit.record(manager, principal, { action: 'create', entityType: 'project', entityId: id, before: null, after: created });
      return this.detail(manager, await this.findRow(manager, id));
    });
  }

  async update(principal: Principal, id: string, dto: UpdateProjectDto, ifMatch: string | undefined): Promise<ProjectDetailResponseDto> {
    const expected = expectedVersion(ifMatch, dto.version);

    return this.dataSource.transaction(async (manager) => {
      // The row lock makes read-check-write atomic: a concurrent writer waits, then sees the new version.
      const current = await manager
        .getRepository(Project)
        .createQueryBuilder('p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id })
        .getOne();
      if (!current) throw ProjectErrors.notFound(id);
      requireUnitWrite(principal, current.ownerDepartmentId);
      if (current.version !== expected) {
        throw Errors.preconditionFailed(
          `The project has changed since you read it (you sent version ${expected}, the current version is ${current.version}); reload it and apply your change again`,
        );
      }

      const changes = await this.changesFor(manager, principal, current, dto);
      if (Object.keys(changes).length === 0) return this.detail(manager, await this.findRow(manager, id));

      await withUniqueName(changes.name ?? current.name, () =>
        manager
          .createQueryBuilder()
          .update(Project)
          .set({ ...changes, version: () => '"version" + 1' })
          .where('id = :id AND version = :version', { id, version: expected })
          .execute(),
      );
      const updated = await manager.findOneByOrFail(Project, { id });
      await this.audit.record(manager, principal, {
        action: changes.status !== undefined ? 'status_change' : 'update',
        entityType: 'project',
        entityId: id,
        before: current,
        after: updated,
      });
      return this.detail(manager, await this.findRow(manager, id));
    });
  }

  /** The fields that actually change, checked against the project's rules. */
  private async changesFor(manager: EntityManager, principal: Principal, current: Project, dto: UpdateProjectDto): Promise<Partial<Project>> {
    const next: Partial<Project> = {};

    if (dto.name !== undefined) next.name = dto.name;
    if (dto.columnNumber !== undefined || dto.groupNumber !== undefined) {
      const columnNumber = dto.columnNumber ?? (await this.columnNumberOf(manager, current.columnId));
      if (dto.groupNumber === undefined) {
        throw Errors.validation([{ field: 'groupNumber', reason: 'give the group too when moving a project to another column' }]);
      }
      Object.assign(next, await this.resolvePlace(manager, columnNumber, dto.groupNumber));
    }
    if (dto.sortOrder !== undefined) next.sortOrder = dto.sortOrder;

    const kind = dto.kind ?? current.kind;
    if (dto.kind !== undefined) next.kind = dto.kind;
    if (dto.attributes !== undefined || kind !== current.kind) {
      next.attributes = checkAttributes(kind, dto.attributes ?? current.attributes);
    }

    if (dto.ownerUnitId !== undefined && dto.ownerUnitId !== current.ownerDepartmentId) {
      requireUnitWrite(principal, dto.ownerUnitId, 'the new owner unit (ownerUnitId)');
      if (dto.ownerUnitId !== null) await this.assertDepartmentExists(manager, dto.ownerUnitId);
      next.ownerDepartmentId = dto.ownerUnitId;
    }

    if (dto.status !== undefined && dto.status !== current.status) {
      if (!canMoveProjectStatus(current.status, dto.status)) throw ProjectErrors.invalidStatusTransition(current.status, dto.status);
      next.status = dto.status;
    }

    if (dto.description !== undefined) next.description = dto.description;
    if (dto.location !== undefined) next.location = dto.location;
    if (dto.leadOfficial !== undefined) next.leadOfficial = dto.leadOfficial;
    if (dto.leadOfficialUserId !== undefined && dto.leadOfficialUserId !== current.leadOfficialUserId) {
      if (dto.leadOfficialUserId !== null) await this.assertActiveUser(manager, dto.leadOfficialUserId);
      next.leadOfficialUserId = dto.leadOfficialUserId;
    }
    if (dto.plannedStartDate !== undefined) next.plannedStartDate = dto.plannedStartDate;
    if (dto.plannedEndDate !== undefined) next.plannedEndDate = dto.plannedEndDate;
    checkPlannedDates(
      next.plannedStartDate !== undefined ? next.plannedStartDate : current.plannedStartDate,
      next.plannedEndDate !== undefined ? next.plannedEndDate : current.plannedEndDate,
    );
    if (dto.totalInvestmentWan !== undefined) {
      next.totalInvestmentYuan = dto.totalInvestmentWan === null ? null : wanToYuan(dto.totalInvestmentWan);
    }
    if (dto.fundingSources !== undefined) next.fundingSources = toStoredFunding(dto.fundingSources);

    // Keep only real changes: a no-op PATCH writes nothing and leaves the version alone.
    const changes: Partial<Project> = {};
    for (const [key, value] of Object.entries(next) as Array<[keyof Project, unknown]>) {
      if (canonicalJson(value) !== canonicalJson(current[key])) (changes as Record<string, unknown>)[key] = value;
    }
    return changes;
  }

  private async detail(manager: EntityManager, row: ProjectRow): Promise<ProjectDetailResponseDto> {
    // One after the other: inside a transaction the manager has a single connection.
    const milestones = await manager.find(Milestone, {
      // Removed milestones (删除, soft) are not the project's: GET /projects/:id/milestones?includeWithdrawn=true shows them.
      where: { projectId: row.id, status: Not('removed' as const) },
      order: { plannedDate: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    const investment = await this.investment.summarize(manager, row.id, row.total_investment_yuan);
    // The milestones routes' own shape: one representation of a milestone wherever it is read.
    return { ...presentProject(row), milestones: milestones.map((milestone) => MilestoneResponse.from(milestone)), investment };
  }

  private async findRow(manager: EntityManager, id: string): Promise<ProjectRow> {
    const [row]: ProjectRow[] = await manager.query(`SELECT ${PROJECT_COLUMNS_SQL} FROM ${PROJECT_FROM_SQL} WHERE p.id = $1`, [id]);
    if (!row) throw ProjectErrors.notFound(id);
    return row;
  }

  private async resolvePlace(manager: EntityManager, columnNumber: number, groupNumber: number): Promise<{ columnId: string; groupId: string }> {
    const [place]: Array<{ column_id: string; group_id: string | null }> = await manager.query(
      `SELECT c.id AS column_id, g.id AS group_id
         FROM plan_columns c
         LEFT JOIN plan_groups g ON g.column_id = c.id AND g.number = $2
        WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL} AND c.number = $1`,
      [columnNumber, groupNumber],
    );
    if (!place) throw ProjectErrors.unknownColumn(columnNumber);
    if (!place.group_id) throw ProjectErrors.unknownGroup(columnNumber, groupNumber);
    return { columnId: place.column_id, groupId: place.group_id };
  }

  private async columnNumberOf(manager: EntityManager, columnId: string): Promise<number> {
    const [column]: Array<{ number: number }> = await manager.query(`SELECT number FROM plan_columns WHERE id = $1`, [columnId]);
    return column.number;
  }

  private async assertDepartmentExists(manager: EntityManager, departmentId: string): Promise<void> {
    const [department] = await manager.query(`SELECT 1 FROM departments WHERE id = $1`, [departmentId]);
    if (!department) throw ProjectErrors.unknownOwnerUnit(departmentId);
  }

  /** A lead official must be someone who can sign in and be reached: an active account. */
  private async assertActiveUser(manager: EntityManager, userId: string): Promise<void> {
    const [user] = await manager.query(`SELECT 1 FROM users WHERE id = $1 AND is_active`, [userId]);
    if (!user) throw ProjectErrors.invalidLeadOfficial(userId);
  }

  private async nextSortOrder(manager: EntityManager, groupId: string): Promise<number> {
    const [{ next }]: Array<{ next: number }> = await manager.query(
      `SELECT COALESCE(max(sort_order), 0)::int + 1 AS next FROM projects WHERE group_id = $1`,
      [groupId],
    );
    return next;
  }
}

function checkAttributes(kind: ProjectKind, attributes: unknown): Record<string, unknown> {
  const check = validateProjectAttributes(kind, attributes);
  if (!check.ok) throw Errors.validation(check.errors, `The attributes do not fit the kind ${kind}`);
  return check.attributes;
}

function checkPlannedDates(start: string | null, end: string | null): void {
  if (start !== null && end !== null && start > end) {
    throw Errors.validation([{ field: 'plannedEndDate', reason: `plannedEndDate must not be before plannedStartDate (${start})` }]);
  }
}

function toStoredFunding(sources: FundingSourceInputDto[]): FundingSource[] {
  return sources.map((funding) => ({
    source: funding.source,
    amountYuan: funding.amountWan == null ? null : wanToYuan(funding.amountWan),
  }));
}

/** Runs a write; a clash with another project's name in the same group becomes 409 PROJECT_NAME_TAKEN. */
async function withUniqueName<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, UNIQUE_NAME_IN_GROUP)) {
      throw ProjectErrors.nameTaken(name);
    }
    throw error;
  }
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare without it. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Whether If-None-Match names this ETag ("*", a list, weak or strong forms). */
function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === '*' || candidate === etag);
}
