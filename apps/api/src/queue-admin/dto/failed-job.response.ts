import { ApiProperty } from '@nestjs/swagger';
import { Page } from '../../common/pagination';

/** A failed BullMQ job, as the 督查室 and admins inspect it. */
export class FailedJobResponse {
  @ApiProperty({ example: 'reminders' })
  queue: string;

  @ApiProperty({ example: 'reminder-6f1c…-overdue-20260305-dingtalk-1a2b3c4d5e6f7a8b' })
  id: string;

  @ApiProperty({ example: 'send-reminder' })
  name: string;

  @ApiProperty({ example: '{"reminderId":"reminder-6f1c…"}', description: 'The job data as JSON, credentials masked, at most 500 characters' })
  dataSummary: string;

  @ApiProperty({ example: '钉钉机器人 https://oapi.dingtalk.com/robot/send refused the message: errcode 310000 sign not match', nullable: true, type: String })
  failedReason: string | null;

  @ApiProperty({ example: 5 })
  attemptsMade: number;

  @ApiProperty({ example: 5 })
  maxAttempts: number;

  @ApiProperty({ example: '2026-03-05T00:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-03-05T00:37:31.000Z', nullable: true, type: String })
  processedAt: string | null;

  @ApiProperty({ example: '2026-03-05T00:37:31.000Z', nullable: true, type: String })
  failedAt: string | null;
}

export class FailedJobPage extends Page<FailedJobResponse> {
  @ApiProperty({ type: [FailedJobResponse] })
  declare items: FailedJobResponse[];
}

export class RetriedJobResponse {
  @ApiProperty({ example: 'reminders' })
  queue: string;

  @ApiProperty({ example: 'reminder-6f1c…' })
  id: string;

  @ApiProperty({ example: 'waiting', description: 'State after the retry: waiting (or delayed/prioritized)' })
  state: string;
}

export class BullBoardSessionResponse {
  @ApiProperty({ example: '/admin/queues' })
  boardUrl: string;

  @ApiProperty({ example: '2026-03-05T00:45:00.000Z' })
  expiresAt: string;
}
