import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { EVENT_NOTIFICATION_KINDS, EventNotificationKind } from '@app/domain';

export class NotificationPreferenceDto {
  @ApiProperty({ enum: EVENT_NOTIFICATION_KINDS, example: 'notice_issued' })
  @IsIn(EVENT_NOTIFICATION_KINDS)
  kind: EventNotificationKind;

  @ApiProperty({ example: true, description: 'true: in the inbox and by e-mail to my address (default); false: in the inbox only' })
  @IsBoolean()
  alsoChannel: boolean;
}

export class NotificationPreferenceResponse extends NotificationPreferenceDto {
  @ApiProperty({ example: '收到督办单' })
  label: string;
}

export class NotificationPreferencesResponse {
  @ApiProperty({ type: [NotificationPreferenceResponse], description: 'Every kind, with my choice or the default' })
  items: NotificationPreferenceResponse[];
}

export class UpdateNotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto], description: 'The kinds to set; kinds left out keep their setting' })
  @IsArray()
  @ArrayMaxSize(EVENT_NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  items: NotificationPreferenceDto[];
}
