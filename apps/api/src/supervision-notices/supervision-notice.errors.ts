import { HttpStatus } from '@nestjs/common';
import type { SupervisionNoticeStatus } from '@app/domain';
import { AppError, Errors, type ErrorCodeOf } from '../common/app-error';

export const SupervisionNoticeErrors = {
  notFound: (id: string) => Errors.notFound('supervision_notice', id),
  notAwaitingReply: (status: SupervisionNoticeStatus) =>
    new AppError(
      HttpStatus.CONFLICT,
      'NOTICE_NOT_AWAITING_REPLY',
      `Only an issued or returned notice can be replied to; this one is ${status}`,
    ),
  notReplied: (status: SupervisionNoticeStatus, action: 'accept' | 'return') =>
    new AppError(
      HttpStatus.CONFLICT,
      'NOTICE_NOT_REPLIED',
      `Only a replied notice can be ${action === 'accept' ? 'accepted (销号)' : 'returned'}; this one is ${status}`,
    ),
  staleVersion: (expected: number, current: number) =>
    Errors.preconditionFailed(`The notice changed since you read it (you sent version ${expected}, it is now ${current}); read it again`),
};
export type SupervisionNoticeErrorCode = ErrorCodeOf<typeof SupervisionNoticeErrors>;
