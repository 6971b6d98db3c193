/** Error codes of the weekly report (周报) routes. */
export const WeeklyReportErrors = {
  /** 400: the week is not an ISO week like 2026-W47, or does not exist (2025-W53). */
  INVALID_ISO_WEEK: 'INVALID_ISO_WEEK',
  /** 400: ?section= names no section of the report. */
  UNKNOWN_REPORT_SECTION: 'UNKNOWN_REPORT_SECTION',
  /** 403: ?rebuild=true is for admins. */
  REBUILD_NEEDS_ADMIN: 'REBUILD_NEEDS_ADMIN',
  /** 404: the week has not been built (yet); the message says how to build it. */
  WEEKLY_REPORT_NOT_BUILT: 'WEEKLY_REPORT_NOT_BUILT',
  /** 406: neither ?format= nor Accept names json, csv or xlsx. */
  UNSUPPORTED_REPORT_FORMAT: 'UNSUPPORTED_REPORT_FORMAT',
  /** 409: the week has not ended yet (a report is "as of" its Sunday). */
  WEEK_NOT_ENDED: 'WEEK_NOT_ENDED',
  /** 429: over REPORT_RATE_LIMIT_PER_MINUTE; see Retry-After. */
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
} as const;
