import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

/** The errors of the in-app inbox (站内消息); their codes are NotificationErrorCode. */
export const NotificationErrors = {
  /** 404: no notification with this id in the caller's own inbox (others' are not revealed). */
  notFound: (id: string) => new AppError(HttpStatus.NOT_FOUND, 'NOTIFICATION_NOT_FOUND', `No notification with id ${id} in your inbox`),
};
export type NotificationErrorCode = ErrorCodeOf<typeof NotificationErrors>;
