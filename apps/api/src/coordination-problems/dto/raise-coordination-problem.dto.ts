import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { COORDINATION_PROBLEM_SEVERITIES, CoordinationProblemSeverity } from '@app/domain';
import { IsCalendarDate } from '../../common/validators';

/** What a problem says, whether raised on its own or from a progress report. */
export class ProblemFieldsDto {
  @ApiProperty({ example: 'land', description: 'Problem type code (GET /problem-types), an active one' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'typeCode must be a problem type code such as land' })
  typeCode: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 10,
    description: '协调部门: the departments asked to solve it, the lead (牵头) department first; not the raising unit itself',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coordinatingUnitIds: string[];

  @ApiProperty({ example: '2026-03-31', description: 'The date it is needed by (calendar date, Asia/Shanghai), not before today' })
  @IsCalendarDate()
  neededByDate: string;

  @ApiPropertyOptional({ enum: COORDINATION_PROBLEM_SEVERITIES, default: 'general', description: 'general 一般, major 较大, critical 重大' })
  @IsOptional()
  @IsIn(COORDINATION_PROBLEM_SEVERITIES)
  severity?: CoordinationProblemSeverity;
}

/** 提出问题: a unit's editor (or the 督查室) raises a problem on a project. */
export class RaiseCoordinationProblemDto extends ProblemFieldsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId: string;

  @ApiProperty({ example: '临时用地手续未批复，影响施工便道修筑', maxLength: 200, description: '问题简述' })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '需区自然资源局协调办理 2.3 亩临时用地审批', maxLength: 5000, description: '需协调解决的事项' })
  @IsString()
  @Matches(/\S/, { message: 'need must not be blank' })
  @MaxLength(5000)
  need: string;
}

/** 转为问题: a progress report's 需协调事项 becomes a problem; title and need default to the report's words. */
export class RaiseFromProgressReportDto extends ProblemFieldsDto {
  @ApiPropertyOptional({ maxLength: 200, description: '问题简述; default: the first line of the report\'s 需协调事项 (up to 60 characters)' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000, description: '需协调解决的事项; default: the report\'s 需协调事项' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'need must not be blank' })
  @MaxLength(5000)
  need?: string;
}
