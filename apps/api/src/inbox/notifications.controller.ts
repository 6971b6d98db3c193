import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationPreferencesResponse, UpdateNotificationPreferencesDto } from './dto/notification-preferences.dto';
import { NotificationPage, NotificationResponse, ReadAllResponse, UnreadCountResponse } from './dto/notification.response';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications 站内消息')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiDoc({ summary: 'My notifications, newest first (unread=true: unread only)', type: NotificationPage, errors: [400, 403] })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListNotificationsQuery): Promise<NotificationPage> {
    return this.notifications.list(principal, query);
  }

  @Get('unread-count')
  @ApiDoc({ summary: 'How many of my notifications are unread', type: UnreadCountResponse, errors: [403] })
  unreadCount(@CurrentPrincipal() principal: Principal): Promise<UnreadCountResponse> {
    return this.notifications.unreadCount(principal);
  }

  @Get('preferences')
  @ApiDoc({
    summary: 'My choice per kind of event notification: in the inbox only, or also by e-mail (default)',
    description: 'The inbox always gets them; alsoChannel adds an e-mail to my address (users.email) when the worker has e-mail. The units\' robots follow the unit\'s channel settings.',
    type: NotificationPreferencesResponse,
    errors: [403],
  })
  preferences(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferencesResponse> {
    return this.notifications.preferences(principal);
  }

  @Put('preferences')
  @ApiDoc({ summary: 'Set my choice for some kinds (the others keep theirs)', type: NotificationPreferencesResponse, errors: [400, 403] })
  setPreferences(@CurrentPrincipal() principal: Principal, @Body() dto: UpdateNotificationPreferencesDto): Promise<NotificationPreferencesResponse> {
    return this.notifications.setPreferences(principal, dto);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiDoc({ summary: 'Mark all my notifications read', type: ReadAllResponse, errors: [403] })
  markAllRead(@CurrentPrincipal() principal: Principal): Promise<ReadAllResponse> {
    return this.notifications.markAllRead(principal);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiDoc({ summary: 'Mark one of my notifications read', type: NotificationResponse, errors: [400, 403, 404] })
  markRead(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam('id')) id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(principal, id);
  }
}
