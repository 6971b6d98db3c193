import { HttpStatus } from '@nestjs/common';
import { AppError, Errors, type ErrorCodeOf } from '../common/app-error';

/**
 * Error codes of the milestones feature (节点):
 * - MILESTONE_NOT_FOUND, PROJECT_NOT_FOUND (404)
 * - MILESTONE_NAME_REQUIRED (400, field name): a custom milestone needs a name
 * - MILESTONE_NAME_FIXED (400, field name): only custom milestones can be renamed
 * - ACTUAL_DATE_IN_FUTURE (400, field actualDate): a milestone cannot be done after today
 * - MILESTONE_STATUS_CONFLICT (400, field status): status and actualDate contradict each other
 * - MILESTONE_NOT_PENDING (409): a done or cancelled milestone cannot be rescheduled or cancelled; reopen it first
 * - MILESTONE_REMOVED (409): the milestone was removed (删除); it takes no more changes
 * - MILESTONE_HAS_ACTUAL_DATE (409): a milestone with an actual date is part of the record and cannot be removed; reopen it first if the date was wrong
 * - MILESTONE_DOCUMENT_REQUIRED (409): its template node needs a document when met (需上传佐证); attach one first
 * - 403 (the project belongs to another unit, or the role only reads): see access/access.ts
 * - STALE_VERSION (412), PRECONDITION_REQUIRED (428): If-Match
 */
export const MilestoneErrors = {
  milestoneNotFound: (id: string) => Errors.notFound('milestone', id),
  nameRequired: () =>
    Errors.badRequest('MILESTONE_NAME_REQUIRED', 'A custom milestone needs a name', [{ field: 'name', reason: 'required when kind is custom' }]),
  nameFixed: () =>
    Errors.badRequest('MILESTONE_NAME_FIXED', 'Only custom milestones can be renamed; the name of a standard milestone is its kind', [
      { field: 'name', reason: 'only custom milestones can be renamed' },
    ]),
  actualDateInFuture: (today: string) =>
    Errors.badRequest('ACTUAL_DATE_IN_FUTURE', `A milestone cannot be done after today (${today})`, [
      { field: 'actualDate', reason: `must not be after today (${today})` },
    ]),
  statusConflict: (reason: string) => Errors.badRequest('MILESTONE_STATUS_CONFLICT', reason, [{ field: 'status', reason }]),
  notPending: (status: string, what: string) =>
    new AppError(HttpStatus.CONFLICT, 'MILESTONE_NOT_PENDING', `The milestone is ${status}; reopen it before you ${what} it`),
  removed: () => new AppError(HttpStatus.CONFLICT, 'MILESTONE_REMOVED', 'This milestone was removed; it takes no more changes'),
  documentRequired: (name: string) =>
    new AppError(HttpStatus.CONFLICT, 'MILESTONE_DOCUMENT_REQUIRED', `「${name}」 needs a document (批复、许可证、验收报告) when met: attach it to the milestone first`, [
      { field: 'actualDate', reason: 'attach the document to the milestone first (需上传佐证)' },
    ]),
  hasActualDate: (actualDate: string) =>
    new AppError(
      HttpStatus.CONFLICT,
      'MILESTONE_HAS_ACTUAL_DATE',
      `The milestone was done on ${actualDate}; only a milestone without an actual date can be removed (reopen it first if that date was a mistake)`,
    ),
};
export type MilestoneErrorCode = ErrorCodeOf<typeof MilestoneErrors>;
