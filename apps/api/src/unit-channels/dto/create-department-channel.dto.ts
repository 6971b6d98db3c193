import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DEPARTMENT_CHANNEL_KINDS, type DepartmentChannelKind, SUBSCRIBABLE_REMINDER_KINDS, type SubscribableReminderKind } from '@app/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateDepartmentChannelDto {
  @ApiProperty({ enum: DEPARTMENT_CHANNEL_KINDS, example: 'dingtalk', description: 'dingtalk 钉钉群机器人 / wecom 企业微信群机器人 / email' })
  @IsIn(DEPARTMENT_CHANNEL_KINDS)
  channel: DepartmentChannelKind;

  @ApiProperty({
    example: 'https://oapi.dingtalk.com/robot/send?access_token=2f0e…',
    description: 'Robot webhook URL (https:// on a public host, see CHANNEL_HOST_ALLOWLIST) or, for email, an e-mail address',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  address: string;

  @ApiPropertyOptional({ type: String, example: '发改委项目调度群', nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  label?: string | null;

  @ApiPropertyOptional({ type: String, example: 'SEC4d7f…', nullable: true, description: 'DingTalk 加签 secret (dingtalk only). Never shown again in full.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  secret?: string | null;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, default: 0, description: '0 every reminder; 1 only those escalated to the lead official; 2 only those escalated to the 督查室' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2)
  minEscalationLevel?: number;

  @ApiPropertyOptional({
    enum: SUBSCRIBABLE_REMINDER_KINDS,
    isArray: true,
    nullable: true,
    example: ['overdue', 'notice_reply_overdue'],
    description: 'Reminder kinds delivered here; leave out or null for all',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty({ message: 'kinds must not be empty; leave it out (or null) for all kinds, or disable the channel' })
  @ArrayUnique()
  @IsIn(SUBSCRIBABLE_REMINDER_KINDS, { each: true })
  kinds?: SubscribableReminderKind[] | null;
}
