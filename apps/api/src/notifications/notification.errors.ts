/** Error codes of the in-app inbox (站内消息). */
export const NotificationErrors = {
  /** 404: no notification with this id in the caller's own inbox (others' are not revealed). */
  NOTIFICATION_NOT_FOUND: 'NOTIFICATION_NOT_FOUND',
  /** 403: API keys have no inbox. */
  FORBIDDEN: 'FORBIDDEN',
} as const;
