/** Error codes of the reminder rules (催办规则). */
export const ReminderRulesErrors = {
  /** 400: a field is missing or out of range; details name it. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** 412: If-Match is not the current version. */
  STALE_VERSION: 'STALE_VERSION',
  /** 428: no If-Match and no version. */
  PRECONDITION_REQUIRED: 'PRECONDITION_REQUIRED',
} as const;
