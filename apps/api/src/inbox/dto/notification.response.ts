import { ApiProperty } from '@nestjs/swagger';
import type { Notification } from '@app/domain';
import { Page } from '../../common/pagination';

export class NotificationResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'overdue', description: 'due_soon 临期, due_today 到期, overdue 逾期催办, notice_issued 收到督办单, notice_replied, notice_returned, notice_closed, deadline_change_requested/approved/rejected, project_red 红灯, calendar_missing 明年放假安排未录入 (admins) …' })
  kind: string;

  @ApiProperty({ example: 1, description: '0 责任单位, 1 已升级至包联领导, 2 已升级至督查室' })
  escalationLevel: number;

  @ApiProperty({ example: '【逾期催办】玉泉变 220 千伏变电站工程 · 开工' })
  title: string;

  @ApiProperty({ example: '**【逾期催办】玉泉变 220 千伏变电站工程 · 开工**\n\n- 计划完成日期：2026-09-30\n- 已逾期 5 个工作日…', description: 'Markdown' })
  body: string;

  @ApiProperty({ example: 'https://kpt.yuquan.gov.cn/projects/6f1c…', nullable: true, type: String })
  link: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  projectId: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  milestoneId: string | null;

  @ApiProperty({ example: 'reminder-…-overdue-20261013-inbox-…', nullable: true, type: String, description: '催办编号' })
  reminderId: string | null;

  @ApiProperty({ example: 'event-notice_issued-6f1c…', nullable: true, type: String, description: 'Identity of the event (督办单, deadline change, red light) this tells of' })
  eventKey: string | null;

  @ApiProperty({ example: false })
  read: boolean;

  @ApiProperty({ example: null, nullable: true, type: String })
  readAt: string | null;

  @ApiProperty({ example: '2026-10-13T00:30:02.000Z' })
  createdAt: string;

  static from(notification: Notification): NotificationResponse {
    return {
      id: notification.id,
      kind: notification.kind,
      escalationLevel: notification.escalationLevel,
      title: notification.title,
      body: notification.body,
      link: notification.link,
      projectId: notification.projectId,
      milestoneId: notification.milestoneId,
      reminderId: notification.reminderId,
      eventKey: notification.eventKey,
      read: notification.readAt !== null,
      readAt: notification.readAt ? notification.readAt.toISOString() : null,
      createdAt: notification.createdAt.toISOString(),
    };
  }
}

export class NotificationPage extends Page<NotificationResponse> {
  @ApiProperty({ type: [NotificationResponse] })
  declare items: NotificationResponse[];
}

export class UnreadCountResponse {
  @ApiProperty({ example: 3 })
  unread: number;
}

export class ReadAllResponse {
  @ApiProperty({ example: 3, description: 'How many notifications were marked read' })
  updated: number;
}
