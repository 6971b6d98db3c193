import type { NoticeItemCommitment, SupervisionNoticeItem } from '@app/domain';
import { Errors, FieldError } from '../common/app-error';
import type { NoticeItemCommitmentInput } from './dto/reply-supervision-notice.dto';

/** A reply's commitments, checked: exactly one committed date, not before today, for every item of the notice (400 naming each field at fault). */
export function checkNoticeCommitments(
  inputs: readonly NoticeItemCommitmentInput[],
  items: ReadonlyArray<Pick<SupervisionNoticeItem, 'id' | 'projectId' | 'milestoneId'>>,
  today: string,
): NoticeItemCommitment[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const problems: FieldError[] = [];
  const committed = new Map<string, string>();
  inputs.forEach((input, i) => {
    if (!byId.has(input.itemId)) problems.push({ field: `items[${i}].itemId`, reason: 'not an item of this notice' });
    else if (committed.has(input.itemId)) problems.push({ field: `items[${i}].itemId`, reason: 'this item is given twice' });
    if (input.committedDate < today) {
      problems.push({ field: `items[${i}].committedDate`, reason: `committedDate must not be before today (${today})` });
    }
    committed.set(input.itemId, input.committedDate);
  });
  const missing = items.filter((item) => !committed.has(item.id));
  if (missing.length > 0) {
    problems.push({
      field: 'items',
      reason: `every item of the notice needs a committed date; missing: ${missing.map((item) => item.id).join(', ')}`,
    });
  }
  if (problems.length > 0) throw Errors.validation(problems);
  return items.map((item) => ({
    itemId: item.id,
    projectId: item.projectId,
    milestoneId: item.milestoneId,
    committedDate: committed.get(item.id)!,
  }));
}
