import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';

/** 医院: beds (床位). */
export class HospitalAttributes {
  @ApiPropertyOptional({ example: 500, description: '床位数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  beds?: number;
}

/** 养老: beds (养老床位). */
export class ElderlyCareAttributes {
  @ApiPropertyOptional({ example: 300, description: '养老床位数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  beds?: number;
}
