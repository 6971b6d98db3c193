import { ApiProperty } from '@nestjs/swagger';
import { COORDINATION_PROBLEM_STATES, CoordinationProblemState, ProgressReport, ProgressReportWithdrawal, yuanToWan } from '@app/domain';
import { Page } from '../../common/pagination';

export class ProgressReportWithdrawalDto {
  @ApiProperty({ example: '误填至其他项目，撤回后重新填报' })
  reason: string;

  @ApiProperty({ format: 'uuid' })
  withdrawnById: string;

  @ApiProperty({ example: '区住建局 王工' })
  withdrawnByName: string;

  @ApiProperty()
  withdrawnAt: string;
}

/** A problem (问题台账) raised from the report's 需协调事项 (转为问题). */
export class ProgressReportProblemRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2026-0012', description: '问题编号' })
  number: string;

  @ApiProperty({ example: '临时用地手续未批复' })
  title: string;

  @ApiProperty({ enum: COORDINATION_PROBLEM_STATES })
  state: CoordinationProblemState;

  @ApiProperty({ example: '协调中' })
  stateLabel: string;
}

export class ProgressReportResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: '2026-03' })
  period: string;

  @ApiProperty({ example: '主体结构施工至第12层，完成地下室防水工程。' })
  text: string;

  @ApiProperty({ example: '45.50', nullable: true, type: String, description: '形象进度, exact decimal string' })
  percentComplete: string | null;

  @ApiProperty({ example: '12005000' })
  investmentCompletedYuan: string;

  @ApiProperty({ example: '1200.5' })
  investmentCompletedWan: string;

  @ApiProperty({ example: '冬季停工影响外立面施工进度', nullable: true, type: String, description: '存在问题' })
  problems: string | null;

  @ApiProperty({ example: '需区自然资源局协调临时用地手续', nullable: true, type: String, description: '需协调事项' })
  coordinationNeeds: string | null;

  @ApiProperty({ format: 'uuid' })
  authorId: string;

  @ApiProperty({ example: '区住建局 王工' })
  authorName: string;

  @ApiProperty()
  createdAt: string;

  @ApiProperty({ type: ProgressReportWithdrawalDto, nullable: true, description: 'Set when the report was withdrawn (撤回): who, when, why' })
  withdrawal: ProgressReportWithdrawalDto | null;

  @ApiProperty({ type: [ProgressReportProblemRefDto], description: 'The problems raised from this report (转为问题), oldest first' })
  coordinationProblems: ProgressReportProblemRefDto[];

  static from(report: ProgressReport, withdrawal: ProgressReportWithdrawal | null = null, problems: ProgressReportProblemRefDto[] = []): ProgressReportResponse {
    return {
      id: report.id,
      projectId: report.projectId,
      period: report.period,
      text: report.text,
      percentComplete: report.percentComplete,
      investmentCompletedYuan: report.investmentCompletedYuan,
      investmentCompletedWan: yuanToWan(report.investmentCompletedYuan),
      problems: report.problems,
      coordinationNeeds: report.coordinationNeeds,
      authorId: report.authorId,
      authorName: report.authorName,
      createdAt: report.createdAt.toISOString(),
      withdrawal: withdrawal
        ? { reason: withdrawal.reason, withdrawnById: withdrawal.withdrawnById, withdrawnByName: withdrawal.withdrawnByName, withdrawnAt: withdrawal.withdrawnAt.toISOString() }
        : null,
      coordinationProblems: problems,
    };
  }
}

export class ProgressReportPage extends Page<ProgressReportResponse> {
  @ApiProperty({ type: [ProgressReportResponse] })
  declare items: ProgressReportResponse[];
}
