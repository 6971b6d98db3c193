/** Error codes of the department channel settings (where a department's reminders go). */
export const NotificationChannelErrors = {
  /** No channel setting with this id (404). */
  NOT_FOUND: 'DEPARTMENT_CHANNEL_NOT_FOUND',
  /** No department with this id (404). */
  DEPARTMENT_NOT_FOUND: 'DEPARTMENT_NOT_FOUND',
  /** The department already has this channel with this address (409). */
  ALREADY_EXISTS: 'DEPARTMENT_CHANNEL_EXISTS',
  /** The test message could not be delivered; the message says what the robot or SMTP server answered (502). */
  TEST_FAILED: 'CHANNEL_TEST_FAILED',
} as const;
