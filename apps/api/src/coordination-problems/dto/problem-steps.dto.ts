import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';

/** Every step may carry the version read, for clients that cannot send If-Match. */
class VersionedStepDto {
  @ApiPropertyOptional({ example: 3, description: 'The version you read, when you cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** 受理: a coordinating department accepts the problem with its measure and the date it commits to. */
export class AcceptCoordinationProblemDto extends VersionedStepDto {
  @ApiProperty({ example: '已安排专人对接，本周内完成临时用地预审', maxLength: 5000, description: '协调措施' })
  @IsString()
  @Matches(/\S/, { message: 'measure must not be blank' })
  @MaxLength(5000)
  measure: string;

  @ApiProperty({ example: '2026-03-20', description: 'The date the department commits to (calendar date), not before today' })
  @IsCalendarDate()
  measureDate: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The coordinating department accepting; an editor accepts for their own unit (default), an admin must name it',
  })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}

/** A step with an optional comment: claim solved (申报已解决), close (销号), resume (恢复). */
export class CommentStepDto extends VersionedStepDto {
  @ApiPropertyOptional({ example: '临时用地已批复，便道已开工', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

/** A step that must say why: return (退回), suspend (挂起). */
export class ReasonStepDto extends VersionedStepDto {
  @ApiProperty({ example: '用地批复文件未上传，请补充后再申报', maxLength: 5000 })
  @IsString()
  @Matches(/\S/, { message: 'comment must not be blank' })
  @MaxLength(5000)
  comment: string;
}
