import { ApiProperty } from '@nestjs/swagger';
import { DEPARTMENT_CHANNEL_KINDS, DepartmentChannel, type DepartmentChannelKind, SUBSCRIBABLE_REMINDER_KINDS, type SubscribableReminderKind } from '@app/domain';
import { DELIVERY_CHANNEL_LABELS, maskSecret, maskWebhookUrl } from '@app/notifications';

/**
 * A department's channel as the API shows it. Credentials are never shown in
 * full: the DingTalk secret and the token in a robot's URL (access_token, key)
 * are cut to their last 4 characters. The audit log stores this form too.
 */
export class DepartmentChannelResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  departmentId: string;

  @ApiProperty({ enum: DEPARTMENT_CHANNEL_KINDS, example: 'dingtalk' })
  channel: DepartmentChannelKind;

  @ApiProperty({ example: '钉钉群机器人' })
  channelLabel: string;

  @ApiProperty({ example: '发改委项目调度群', nullable: true, type: String })
  label: string | null;

  @ApiProperty({ example: 'https://oapi.dingtalk.com/robot/send?access_token=****9f3a', description: 'Robot tokens masked; e-mail addresses in full' })
  address: string;

  @ApiProperty({ example: true })
  hasSecret: boolean;

  @ApiProperty({ example: '****c0de', nullable: true, type: String, description: 'Last 4 characters of the DingTalk 加签 secret' })
  secretHint: string | null;

  @ApiProperty({ example: true })
  enabled: boolean;

  @ApiProperty({ example: 0, minimum: 0, maximum: 2 })
  minEscalationLevel: number;

  @ApiProperty({ enum: SUBSCRIBABLE_REMINDER_KINDS, isArray: true, nullable: true, example: ['overdue'], description: 'null: all kinds' })
  kinds: SubscribableReminderKind[] | null;

  @ApiProperty({ example: '2026-03-02T01:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-03-02T01:00:00.000Z' })
  updatedAt: string;

  static from(row: DepartmentChannel): DepartmentChannelResponse {
    return {
      id: row.id,
      departmentId: row.departmentId,
      channel: row.channel,
      channelLabel: DELIVERY_CHANNEL_LABELS[row.channel],
      label: row.label,
      address: row.channel === 'email' ? row.address : maskWebhookUrl(row.address),
      hasSecret: row.secret !== null,
      secretHint: row.secret === null ? null : maskSecret(row.secret),
      enabled: row.enabled,
      minEscalationLevel: row.minEscalationLevel,
      kinds: row.kinds,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

export class ChannelTestResponse {
  @ApiProperty({ example: true })
  delivered: true;

  @ApiProperty({ enum: DEPARTMENT_CHANNEL_KINDS, example: 'dingtalk' })
  channel: DepartmentChannelKind;

  @ApiProperty({ example: 'test-3f9a0c1e-1763700006123', description: 'Reminder id of the test message (e-mail: X-KPT-Reminder-Id)' })
  reminderId: string;

  @ApiProperty({ example: '2026-03-02T01:00:00.000Z' })
  sentAt: string;

  @ApiProperty({ example: 200, nullable: true, type: Number, description: "HTTP status of the robot's answer (null for e-mail); the answer's body is never shown" })
  status: number | null;

  @ApiProperty({ example: 182, description: 'Milliseconds from the address check to the answer' })
  durationMs: number;
}

export const CHANNEL_DELIVERY_SOURCES = ['test', 'reminder', 'notice_reminder', 'event'] as const;
export type ChannelDeliverySource = (typeof CHANNEL_DELIVERY_SOURCES)[number];

/** The last time something was sent through a channel, and how it went. */
export class ChannelDeliveryResult {
  @ApiProperty({ example: '2026-03-02T01:00:00.000Z', description: 'When it was sent or last tried' })
  at: string;

  @ApiProperty({ example: true, description: 'Delivered; false: the (last) attempt failed' })
  delivered: boolean;

  @ApiProperty({
    enum: CHANNEL_DELIVERY_SOURCES,
    example: 'test',
    description: 'test: a test send (POST /department-channels/{id}/test); reminder / notice_reminder: a milestone or 督办单 reminder of the worker; event: an event notification',
  })
  source: ChannelDeliverySource;

  @ApiProperty({ example: 200, nullable: true, type: Number, description: "HTTP status of the robot's answer, where recorded (test sends)" })
  status: number | null;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'What went wrong, in the terms of the channel code (never the remote body, the token or the secret)',
  })
  error: string | null;
}

/** A channel in a department's list: with its last delivery result. */
export class DepartmentChannelListItem extends DepartmentChannelResponse {
  @ApiProperty({ type: ChannelDeliveryResult, nullable: true, description: 'null: nothing sent through it yet' })
  lastDelivery: ChannelDeliveryResult | null;
}
