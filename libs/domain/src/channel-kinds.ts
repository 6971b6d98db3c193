/**
 * The delivery channels of reminders and event notifications, declared once: the
 * in-app inbox (every user's own) and the channels a unit sets up — a 钉钉 or
 * 企业微信 group robot, an e-mail address. The entities' CHECK constraints, the
 * API's DTOs, the channel implementations (libs/notifications) and the worker
 * read them from here; a new channel is added here, implemented and registered
 * in libs/notifications, and given a migration that rewrites the three CHECKs
 * (test/channel-kinds.e2e-spec.ts fails until it does: TypeORM, hence db:diff,
 * compares CHECKs by name only).
 */
export const CHANNEL_KINDS = ['inbox', 'dingtalk', 'wecom', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The channels a unit (责任单位) sets up; the inbox needs no setting. */
export type DepartmentChannelKind = Exclude<ChannelKind, 'inbox'>;
export const DEPARTMENT_CHANNEL_KINDS: readonly DepartmentChannelKind[] = CHANNEL_KINDS.filter((kind): kind is DepartmentChannelKind => kind !== 'inbox');

/** The kinds as an SQL list for a CHECK constraint: `'inbox', 'dingtalk', …`. */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
