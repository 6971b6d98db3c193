import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { EVENT_NOTIFICATION_KINDS, Notification, NOTIFICATION_KIND_LABELS, NotificationPreference } from '@app/domain';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { Page } from '../common/pagination';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationPreferencesResponse, UpdateNotificationPreferencesDto } from './dto/notification-preferences.dto';
import { NotificationResponse, ReadAllResponse, UnreadCountResponse } from './dto/notification.response';
import { NotificationErrors } from './notification.errors';

/**
 * 站内消息: each signed-in user's own inbox, filled by the worker's inbox channel.
 * Nobody reads or marks another user's notifications — someone else's id is a 404,
 * exactly like an id that does not exist.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(principal: Principal, query: ListNotificationsQuery): Promise<Page<NotificationResponse>> {
    const userId = this.ownerOf(principal);
    const where = { userId, ...(query.unread === undefined ? {} : { readAt: query.unread ? IsNull() : Not(IsNull()) }) };
    const [rows, total] = await this.dataSource.getRepository(Notification).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return Page.of(rows.map(NotificationResponse.from), total, query);
  }

  async unreadCount(principal: Principal): Promise<UnreadCountResponse> {
    const unread = await this.dataSource.getRepository(Notification).countBy({ userId: this.ownerOf(principal), readAt: IsNull() });
    return { unread };
  }

  /** Marks one of the caller's notifications read (again: a no-op that keeps the first read time). */
  async markRead(principal: Principal, id: string): Promise<NotificationResponse> {
    const userId = this.ownerOf(principal);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE notifications SET read_at = now() WHERE id = $1 AND user_id = $2 AND read_at IS NULL`, [id, userId]);
      const notification = await manager.getRepository(Notification).findOneBy({ id, userId });
      if (!notification) throw NotificationErrors.notFound(id);
      return NotificationResponse.from(notification);
    });
  }

  async markAllRead(principal: Principal): Promise<ReadAllResponse> {
    const userId = this.ownerOf(principal);
    const [, updated] = (await this.dataSource.query(`UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL`, [userId])) as [
      unknown,
      number,
    ];
    return { updated };
  }

  /** My choice per kind of event notification: inbox only, or also by e-mail (the default, when no row says otherwise). */
  async preferences(principal: Principal): Promise<NotificationPreferencesResponse> {
    const rows = await this.dataSource.getRepository(NotificationPreference).findBy({ userId: this.ownerOf(principal) });
    const chosen = new Map(rows.map((row) => [row.kind, row.alsoChannel]));
    return {
      items: EVENT_NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_KIND_LABELS[kind], alsoChannel: chosen.get(kind) ?? true })),
    };
  }

  async setPreferences(principal: Principal, dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesResponse> {
    const userId = this.ownerOf(principal);
    const kinds = dto.items.map((item) => item.kind);
    const repeated = kinds.findIndex((kind, index) => kinds.indexOf(kind) !== index);
    if (repeated >= 0) throw Errors.validation([{ field: `items.${repeated}.kind`, reason: `${kinds[repeated]} is given twice` }]);
    if (dto.items.length > 0) {
      await this.dataSource.query(
        `INSERT INTO notification_preferences (user_id, kind, also_channel)
         SELECT $1, kind, also_channel FROM unnest($2::varchar[], $3::boolean[]) AS t(kind, also_channel)
         ON CONFLICT (user_id, kind) DO UPDATE SET also_channel = EXCLUDED.also_channel, updated_at = now()`,
        [userId, kinds, dto.items.map((item) => item.alsoChannel)],
      );
    }
    return this.preferences(principal);
  }

  private ownerOf(principal: Principal): string {
    if (principal.kind !== 'user') throw Errors.forbidden('API keys have no inbox; sign in as a user');
    return principal.id;
  }
}
