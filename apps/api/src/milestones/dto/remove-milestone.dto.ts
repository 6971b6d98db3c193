import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Min, MaxLength } from 'class-validator';

export class RemoveMilestoneDto {
  @ApiProperty({ example: '误添加：该节点属于另一项目', description: '删除原因' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ example: 3, description: 'The version read, for clients that cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
