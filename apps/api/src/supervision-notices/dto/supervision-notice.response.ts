import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SUPERVISION_NOTICE_EVENT_TYPES, SUPERVISION_NOTICE_STATUSES, SupervisionNoticeEventType, SupervisionNoticeStatus } from '@app/domain';
import type { Page } from '../../common/pagination';

export class NamedRefResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '区发展和改革委员会' })
  name: string;
}

export class SupervisionNoticeItemResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 0, description: 'Place in the notice, as items[i] of the request' })
  position: number;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: '玉泉变 220 千伏变电站工程' })
  projectName: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  milestoneId: string | null;

  @ApiProperty({ example: '开工', nullable: true, type: String })
  milestoneName: string | null;

  @ApiProperty({ example: '2026-02-27', nullable: true, type: String, description: "The milestone's current planned date" })
  milestonePlannedDate: string | null;

  @ApiProperty({ example: '2026-04-30', nullable: true, type: String, description: 'Committed in the latest reply' })
  committedDate: string | null;
}

export class NoticeItemCommitmentResponse {
  @ApiProperty({ format: 'uuid' })
  itemId: string;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  milestoneId: string | null;

  @ApiProperty({ example: '2026-04-30' })
  committedDate: string;
}

export class SupervisionNoticeEventResponse {
  @ApiProperty({ example: '17' })
  id: string;

  @ApiProperty({ enum: SUPERVISION_NOTICE_EVENT_TYPES, example: 'replied' })
  type: SupervisionNoticeEventType;

  @ApiProperty({ enum: SUPERVISION_NOTICE_STATUSES, nullable: true, example: 'issued' })
  fromStatus: SupervisionNoticeStatus | null;

  @ApiProperty({ enum: SUPERVISION_NOTICE_STATUSES, example: 'replied' })
  toStatus: SupervisionNoticeStatus;

  @ApiProperty({ type: NamedRefResponse, description: 'Who did it (user id and name)' })
  actor: { id: string | null; name: string };

  @ApiProperty({ example: '2026-03-09T02:30:00.000Z' })
  at: string;

  @ApiProperty({ nullable: true, type: String, description: 'replied: 整改措施' })
  measures: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'returned / closed: the office\'s comment' })
  comment: string | null;

  @ApiPropertyOptional({ type: [NoticeItemCommitmentResponse], description: 'replied: the committed date per item' })
  commitments?: NoticeItemCommitmentResponse[];

  @ApiPropertyOptional({ example: '2026-03-13', description: 'issued / returned: the reply due date set; replied: the reply due date the reply answered' })
  replyDueDate?: string;

  @ApiPropertyOptional({ example: false, description: 'replied: made after its reply due date (Asia/Shanghai calendar date of the reply) — a late reply' })
  late?: boolean;

  @ApiPropertyOptional({ example: '2026-03-06', description: 'returned: the reply due date before' })
  previousReplyDueDate?: string;
}

/** A notice as lists show it: everything but the history. */
export class SupervisionNoticeSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '玉督〔2026〕12号' })
  number: string;

  @ApiProperty({ type: NamedRefResponse, description: '责任单位' })
  ownerUnit: NamedRefResponse;

  @ApiProperty({ example: '关于玉泉变 220 千伏变电站工程开工节点滞后的督办通知' })
  title: string;

  @ApiProperty({ description: '督办事项' })
  body: string;

  @ApiProperty({ example: '2026-03-13' })
  replyDueDate: string;

  @ApiProperty({ enum: SUPERVISION_NOTICE_STATUSES, example: 'issued' })
  status: SupervisionNoticeStatus;

  @ApiProperty({ example: '已下发' })
  statusLabel: string;

  @ApiProperty({ description: 'Awaiting a reply (issued or returned) and the reply due date has passed' })
  replyOverdue: boolean;

  @ApiProperty({ type: NamedRefResponse })
  issuedBy: NamedRefResponse;

  @ApiProperty({ example: '2026-03-06T01:00:00.000Z' })
  issuedAt: string;

  @ApiProperty({ nullable: true, type: String })
  repliedAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: '销号 time' })
  closedAt: string | null;

  @ApiProperty({ type: NamedRefResponse, nullable: true })
  closedBy: NamedRefResponse | null;

  @ApiProperty({ example: 1, description: 'Send as If-Match ("1") on a transition to refuse a stale one' })
  version: number;

  @ApiProperty({ type: [SupervisionNoticeItemResponse] })
  items: SupervisionNoticeItemResponse[];
}

/** A notice with its full history. */
export class SupervisionNoticeResponse extends SupervisionNoticeSummaryResponse {
  @ApiProperty({ type: [SupervisionNoticeEventResponse], description: 'Oldest first' })
  events: SupervisionNoticeEventResponse[];
}

/** The paged list, { items, total, page, pageSize } as every list (Page). */
export class SupervisionNoticePageResponse implements Page<SupervisionNoticeSummaryResponse> {
  @ApiProperty({ type: [SupervisionNoticeSummaryResponse] })
  items: SupervisionNoticeSummaryResponse[];

  @ApiProperty({ example: 3 })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;
}
