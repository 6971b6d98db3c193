import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COORDINATION_PROBLEM_EVENT_TYPES,
  COORDINATION_PROBLEM_SEVERITIES,
  COORDINATION_PROBLEM_STATES,
  CoordinationProblemEventType,
  CoordinationProblemSeverity,
  CoordinationProblemState,
} from '@app/domain';
import { Page } from '../../common/pagination';

export const PROBLEM_STEPS = ['accept', 'claim', 'close', 'return', 'suspend', 'resume'] as const;

export class ProblemRefResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '区自然资源局' })
  name: string;
}

export class ProblemTypeRefResponse {
  @ApiProperty({ example: 'land' })
  code: string;

  @ApiProperty({ example: '用地/征拆' })
  name: string;
}

export class ProblemActorResponse {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for the worker (催办升级)' })
  id: string | null;

  @ApiProperty({ example: '区住建局 王工' })
  name: string;
}

export class ProblemLeadOfficialResponse {
  @ApiProperty({ example: '张副区长', nullable: true, type: String, description: '包联领导 as the project names them' })
  name: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Their account, when the project links one' })
  userId: string | null;
}

export class CoordinatingUnitResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '区自然资源局' })
  name: string;

  @ApiProperty({ example: true, description: 'The first listed is the lead (牵头) department' })
  lead: boolean;

  @ApiProperty({ nullable: true, type: String, description: '协调措施, once the department accepted' })
  measure: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-03-20', description: 'The date the department committed to' })
  measureDate: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'When it accepted (受理)' })
  acceptedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: '区自然资源局 李科长' })
  acceptedByName: string | null;
}

export class CoordinationProblemSummaryResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026-0012', description: '问题编号: year and sequence' })
  number: string;

  @ApiProperty({ type: ProblemRefResponse })
  project: ProblemRefResponse;

  @ApiProperty({ type: ProblemRefResponse, description: '提出单位 (the project\'s 责任单位 when raised)' })
  raisingUnit: ProblemRefResponse;

  @ApiProperty({ type: ProblemLeadOfficialResponse, description: "The project's lead official (包联领导)" })
  leadOfficial: ProblemLeadOfficialResponse;

  @ApiProperty({ type: ProblemTypeRefResponse })
  type: ProblemTypeRefResponse;

  @ApiProperty({ example: '临时用地手续未批复' })
  title: string;

  @ApiProperty({ description: '需协调解决的事项' })
  need: string;

  @ApiProperty({ example: '2026-03-31' })
  neededByDate: string;

  @ApiProperty({ description: 'Open and the needed-by date has passed (today, Asia/Shanghai)' })
  neededByOverdue: boolean;

  @ApiProperty({ enum: COORDINATION_PROBLEM_SEVERITIES })
  severity: CoordinationProblemSeverity;

  @ApiProperty({ example: '较大' })
  severityLabel: string;

  @ApiProperty({ enum: COORDINATION_PROBLEM_STATES })
  state: CoordinationProblemState;

  @ApiProperty({ example: '协调中' })
  stateLabel: string;

  @ApiProperty({ enum: COORDINATION_PROBLEM_STATES, nullable: true, description: 'While suspended: the state a resume returns to' })
  suspendedFromState: CoordinationProblemState | null;

  @ApiProperty({ type: [CoordinatingUnitResponse] })
  coordinatingUnits: CoordinatingUnitResponse[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The progress report (进展填报) it was raised from' })
  progressReportId: string | null;

  @ApiProperty({ type: ProblemRefResponse })
  raisedBy: ProblemRefResponse;

  @ApiProperty()
  raisedAt: string;

  @ApiProperty({ description: 'The last step taken (the climb counts from here)' })
  lastMovedAt: string;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 6,
    description: 'Open problems (new, coordinating, resolved): working days since the last step, official calendar; null otherwise',
  })
  workingDaysSinceMove: number | null;

  @ApiProperty({
    example: 1,
    description: '催办升级 since the last step: 0 none, 1 coordinating departments reminded, 2 lead official, 3 督查室',
  })
  climbStep: number;

  @ApiProperty({ nullable: true, type: String })
  resolvedAt: string | null;

  @ApiProperty({ nullable: true, type: String, description: '销号 time' })
  closedAt: string | null;

  @ApiProperty({ type: ProblemRefResponse, nullable: true })
  closedBy: ProblemRefResponse | null;

  @ApiProperty({ example: 3, description: 'Send it back as If-Match with the next step' })
  version: number;
}

export class CoordinationProblemEventResponse {
  @ApiProperty({ example: '17' })
  id: string;

  @ApiProperty({ enum: COORDINATION_PROBLEM_EVENT_TYPES })
  type: CoordinationProblemEventType;

  @ApiProperty({ example: '受理' })
  typeLabel: string;

  @ApiProperty({ enum: COORDINATION_PROBLEM_STATES, nullable: true })
  fromState: CoordinationProblemState | null;

  @ApiProperty({ enum: COORDINATION_PROBLEM_STATES })
  toState: CoordinationProblemState;

  @ApiProperty({ type: ProblemActorResponse })
  actor: ProblemActorResponse;

  @ApiProperty({ type: ProblemRefResponse, nullable: true, description: 'The department the actor acted for' })
  department: ProblemRefResponse | null;

  @ApiProperty()
  at: string;

  @ApiProperty({ nullable: true, type: String, description: 'accepted: the measure; returned / suspended: the reason; otherwise the comment' })
  comment: string | null;

  @ApiPropertyOptional({ example: '2026-03-20', description: 'accepted: the committed date' })
  measureDate?: string;

  @ApiPropertyOptional({ example: 2, description: 'escalated: the step (1 coordinating departments, 2 lead official, 3 督查室)' })
  step?: number;

  @ApiPropertyOptional({ example: 10, description: 'escalated: working days without a step' })
  workingDaysStalled?: number;
}

export class ProblemProgressReportResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026-03' })
  period: string;

  @ApiProperty({ nullable: true, type: String, description: '需协调事项 as the report wrote it' })
  coordinationNeeds: string | null;

  @ApiProperty()
  createdAt: string;
}

export class CoordinationProblemResponse extends CoordinationProblemSummaryResponse {
  @ApiProperty({ type: ProblemProgressReportResponse, nullable: true })
  progressReport: ProblemProgressReportResponse | null;

  @ApiProperty({ type: [CoordinationProblemEventResponse], description: 'Every step, oldest first' })
  events: CoordinationProblemEventResponse[];

  @ApiProperty({
    enum: PROBLEM_STEPS,
    isArray: true,
    description: 'The steps the caller may take now (the buttons to show): accept, claim, close, return, suspend, resume',
  })
  actions: Array<(typeof PROBLEM_STEPS)[number]>;
}

export class CoordinationProblemPageResponse extends Page<CoordinationProblemSummaryResponse> {
  @ApiProperty({ type: [CoordinationProblemSummaryResponse] })
  declare items: CoordinationProblemSummaryResponse[];
}

export class CoordinationProblemWeekCountsResponse {
  @ApiProperty({ example: '2026-W10' })
  week: string;

  @ApiProperty({ example: '2026-03-02' })
  weekStart: string;

  @ApiProperty({ example: '2026-03-08' })
  weekEnd: string;

  @ApiProperty({ example: 4, description: '新增: raised in the week' })
  raised: number;

  @ApiProperty({ example: 11, description: '推进中: raised by the week\'s end and not closed by then (suspended ones included)' })
  inProgress: number;

  @ApiProperty({ example: 3, description: '已销号: closed in the week' })
  closed: number;

  @ApiProperty({ example: 1, description: 'Of 推进中: suspended (挂起) now' })
  suspended: number;

  @ApiProperty({ example: 2, description: 'Of 推进中: the needed-by date passed before the week\'s end (or today, if earlier)' })
  overdue: number;
}

export class ProblemTypeResponse {
  @ApiProperty({ example: 'land' })
  code: string;

  @ApiProperty({ example: '用地/征拆' })
  name: string;

  @ApiProperty({ example: 20 })
  sortOrder: number;

  @ApiProperty({ description: 'Retired types stay on their problems but cannot be chosen for a new one' })
  isActive: boolean;
}

export class CoordinationProblemSettingsResponse {
  @ApiProperty({ example: 5, description: 'A problem without a step for this many working days climbs one step (and again after each further span)' })
  stallWorkingDays: number;

  @ApiProperty({ nullable: true, type: String })
  updatedAt: string | null;

  @ApiProperty({ nullable: true, type: String })
  updatedByName: string | null;
}
