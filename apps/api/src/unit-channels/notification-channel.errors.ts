import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

/** The errors of the department channel settings (where a department's reminders go); their codes are NotificationChannelErrorCode. */
export const NotificationChannelErrors = {
  /** 409: the department already has this channel with this address. */
  alreadyExists: () =>
    new AppError(HttpStatus.CONFLICT, 'DEPARTMENT_CHANNEL_EXISTS', 'This department already has this channel with this address', [
      { field: 'address', reason: 'already set up for this department' },
    ]),
  /** 502: the test message could not be delivered; the message says what the robot or SMTP server answered. */
  testFailed: (failure: string) => new AppError(HttpStatus.BAD_GATEWAY, 'CHANNEL_TEST_FAILED', `The test message was not delivered: ${failure}`),
};
export type NotificationChannelErrorCode = ErrorCodeOf<typeof NotificationChannelErrors>;
