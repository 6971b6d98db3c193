import { EntityManager } from 'typeorm';
import { Milestone, MilestoneRemoval } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { touchProjectVersion } from '../projects/project-version';
import { MilestoneOutbox } from './milestone-outbox';

export interface RemovalEntry {
  reason: string;
  removedById: string;
  removedByName: string;
  /** The approved request of kind 'removal', for a key milestone. */
  changeRequestId: string | null;
}

/**
 * 删除节点, applied in the caller's transaction (a direct removal, or the 督查室
 * approving a key milestone's): the milestone's status becomes 'removed' (its
 * version moves), the who and why go to milestone_removals, the audit row has
 * before/after, and 'milestone.changed' tells the worker to cancel its queued
 * reminders. Used by the milestones and the deadline-change services.
 */
export async function applyMilestoneRemoval(
  manager: EntityManager,
  deps: { audit: AuditService; outbox: MilestoneOutbox },
  principal: Principal,
  before: Milestone,
  entry: RemovalEntry,
): Promise<{ milestone: Milestone; removal: MilestoneRemoval }> {
  const { raw } = await manager
    .createQueryBuilder()
    .update(Milestone)
    .set({ status: 'removed' })
    .where('id = :id', { id: before.id })
    .returning('version, updated_at')
    .execute();
  const [stamp] = raw as Array<{ version: number; updated_at: Date }>;
  const after = Object.assign(new Milestone(), before, { status: 'removed', version: stamp.version, updatedAt: stamp.updated_at });
  await manager.insert(MilestoneRemoval, { milestoneId: before.id, statusBefore: before.status, ...entry });
  const removal = await manager.findOneByOrFail(MilestoneRemoval, { milestoneId: before.id });
  await deps.audit.record(manager, principal, {
    action: 'remove',
    entityType: 'milestone',
    entityId: before.id,
    before: { ...before, removal: null },
    after: { ...after, removal },
  });
  await deps.outbox.milestoneChanged(manager, after, 'removed');
  await touchProjectVersion(manager, after.projectId);
  return { milestone: after, removal };
}
