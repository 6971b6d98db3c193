import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class UpdateDeadlineChangeSettingsDto {
  @ApiProperty({ example: 10, minimum: 0, maximum: 250, description: 'A move of more working days than this needs the 督查室 (key milestones always do)' })
  @IsInt()
  @Min(0)
  @Max(250)
  maxWorkingDaysWithoutApproval: number;
}

export class DeadlineChangeSettingsResponse {
  @ApiProperty({ example: 10 })
  maxWorkingDaysWithoutApproval: number;

  @ApiProperty({ nullable: true, type: String })
  updatedAt: string | null;

  @ApiProperty({ example: '系统管理员', nullable: true, type: String })
  updatedByName: string | null;
}
