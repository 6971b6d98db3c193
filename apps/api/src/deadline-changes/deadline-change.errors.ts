import { HttpStatus } from '@nestjs/common';
import { AppError, Errors, type ErrorCodeOf } from '../common/app-error';

/**
 * Error codes of deadline changes (节点延期):
 * - DEADLINE_CHANGE_REASON_REQUIRED (400, field reason): moving a planned date needs a reason
 * - DEADLINE_CHANGE_NOT_ALONE (400, field plannedDate): a move that needs approval cannot carry other changes
 * - DEADLINE_CHANGE_PENDING (409): the milestone already has a pending request; it must be decided first
 * - DEADLINE_CHANGE_REQUEST_NOT_FOUND (404)
 * - DEADLINE_CHANGE_ALREADY_DECIDED (409): the request was approved or rejected before
 * - DEADLINE_CHANGE_STALE (409): the milestone changed since the request was made; reject it and file a new one
 * - 403 (another unit's request, or a role that may not decide): see access/access.ts
 */
export const DeadlineChangeErrors = {
  reasonRequired: () =>
    Errors.badRequest('DEADLINE_CHANGE_REASON_REQUIRED', 'Moving a planned date needs a reason (延期理由)', [
      { field: 'reason', reason: 'required when plannedDate changes' },
    ]),
  notAlone: () =>
    Errors.badRequest(
      'DEADLINE_CHANGE_NOT_ALONE',
      'This move needs the approval of the 督查室; send it on its own (plannedDate and reason) and the other changes separately',
      [{ field: 'plannedDate', reason: 'a move that needs approval cannot be combined with other changes' }],
    ),
  pending: (requestId: string) =>
    new AppError(
      HttpStatus.CONFLICT,
      'DEADLINE_CHANGE_PENDING',
      `A request to move this milestone (${requestId}) is waiting for the 督查室; it must be decided before the date can move again`,
    ),
  notFound: (id: string) => Errors.notFound('deadline_change_request', id),
  alreadyDecided: (status: string) =>
    new AppError(HttpStatus.CONFLICT, 'DEADLINE_CHANGE_ALREADY_DECIDED', `This request was already ${status}`),
  stale: () =>
    new AppError(
      HttpStatus.CONFLICT,
      'DEADLINE_CHANGE_STALE',
      'The milestone changed since this request was made; reject the request and ask for a new one against the current milestone',
    ),
};
export type DeadlineChangeErrorCode = ErrorCodeOf<typeof DeadlineChangeErrors>;
