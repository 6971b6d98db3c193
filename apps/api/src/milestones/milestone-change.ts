import type { Milestone, MilestoneStatus } from '@app/domain';
import type { MilestoneChange } from '@app/queue';
import type { UpdateMilestoneDto } from './dto/update-milestone.dto';
import { MilestoneErrors } from './milestone.errors';

/** The fields a PATCH may change. */
export type MilestoneFields = Pick<Milestone, 'name' | 'plannedDate' | 'actualDate' | 'status' | 'note'>;

/** The fields the milestone will have after a PATCH, with the rules of completion, reopening and cancelling. */
export function nextMilestoneFields(before: Milestone, dto: UpdateMilestoneDto, today: string): MilestoneFields {
  const next: MilestoneFields = {
    name: before.name,
    plannedDate: before.plannedDate,
    actualDate: before.actualDate,
    status: before.status,
    note: before.note,
  };

  if (typeof dto.actualDate === 'string') {
    if (dto.status !== undefined) {
      throw MilestoneErrors.statusConflict('Send actualDate to mark the milestone done, or status, not both');
    }
    if (dto.actualDate > today) throw MilestoneErrors.actualDateInFuture(today);
    next.status = 'done';
    next.actualDate = dto.actualDate;
  } else if (dto.actualDate === null && next.status === 'done') {
    next.status = 'pending';
    next.actualDate = null;
  }

  if (dto.status === 'cancelled') {
    if (next.status === 'done') throw MilestoneErrors.notPending('done', 'cancel');
    next.status = 'cancelled';
  } else if (dto.status === 'pending') {
    next.status = 'pending';
    next.actualDate = null;
  }

  if (dto.name !== undefined && dto.name !== before.name) {
    if (before.kind !== 'custom') throw MilestoneErrors.nameFixed();
    next.name = dto.name;
  }
  if (dto.note !== undefined) next.note = dto.note;

  if (dto.plannedDate !== undefined && dto.plannedDate !== before.plannedDate) {
    if (next.status !== 'pending') throw MilestoneErrors.notPending(next.status, 'reschedule');
    next.plannedDate = dto.plannedDate;
  }
  return next;
}

/** Only the fields that differ. */
export function changedFields(before: MilestoneFields, next: MilestoneFields): Partial<MilestoneFields> {
  const changes: Partial<Record<keyof MilestoneFields, unknown>> = {};
  for (const key of Object.keys(next) as Array<keyof MilestoneFields>) {
    if (next[key] !== before[key]) changes[key] = next[key];
  }
  return changes as Partial<MilestoneFields>;
}

/** What the change means for reminders: a status transition wins over a move, a move over an edit. */
export function classifyChange(before: Pick<Milestone, 'status' | 'actualDate' | 'plannedDate'>, after: Pick<Milestone, 'status' | 'actualDate' | 'plannedDate'>): MilestoneChange {
  const statusChanged = (from: MilestoneStatus, to: MilestoneStatus) => before.status === from && after.status === to;
  if (after.status === 'done' && (before.status !== 'done' || before.actualDate !== after.actualDate)) return 'completed';
  if (after.status === 'cancelled' && before.status !== 'cancelled') return 'cancelled';
  if (statusChanged('done', 'pending') || statusChanged('cancelled', 'pending')) return 'reopened';
  if (before.plannedDate !== after.plannedDate) return 'rescheduled';
  return 'updated';
}
