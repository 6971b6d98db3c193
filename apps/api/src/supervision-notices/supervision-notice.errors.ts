import { HttpStatus } from '@nestjs/common';
import type { SupervisionNoticeStatus } from '@app/domain';
import { AppError, Errors } from '../common/app-error';

/** Error codes of the supervision-notice (督办单) feature. */
export const SupervisionNoticeErrorCodes = {
  NOT_FOUND: 'SUPERVISION_NOTICE_NOT_FOUND',
  /** reply when the notice is not issued or returned. */
  NOT_AWAITING_REPLY: 'NOTICE_NOT_AWAITING_REPLY',
  /** accept or return when the notice has no reply to judge. */
  NOT_REPLIED: 'NOTICE_NOT_REPLIED',
  INVALID_IF_MATCH: 'INVALID_IF_MATCH',
  STALE_VERSION: 'STALE_VERSION',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
} as const;

export const SupervisionNoticeErrors = {
  notFound: (id: string) => Errors.notFound('supervision_notice', id),
  notAwaitingReply: (status: SupervisionNoticeStatus) =>
    new AppError(
      HttpStatus.CONFLICT,
      SupervisionNoticeErrorCodes.NOT_AWAITING_REPLY,
      `Only an issued or returned notice can be replied to; this one is ${status}`,
    ),
  notReplied: (status: SupervisionNoticeStatus, action: 'accept' | 'return') =>
    new AppError(
      HttpStatus.CONFLICT,
      SupervisionNoticeErrorCodes.NOT_REPLIED,
      `Only a replied notice can be ${action === 'accept' ? 'accepted (销号)' : 'returned'}; this one is ${status}`,
    ),
  staleVersion: (expected: number, current: number) =>
    Errors.preconditionFailed(`The notice changed since you read it (you sent version ${expected}, it is now ${current}); read it again`),
};
