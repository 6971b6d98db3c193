import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';

export const SCHOOL_TYPES = ['kindergarten', 'primary', 'middle', 'nine_year', 'high'] as const;

/** 学校/幼儿园, e.g. 昭君路小学新建项目: { schoolType: "primary", places: 1620 } (学位). */
export class SchoolAttributes {
  @ApiProperty({ enum: SCHOOL_TYPES, example: 'primary', description: '学校类型：幼儿园、小学、初中、九年一贯制、高中' })
  @IsIn(SCHOOL_TYPES)
  schoolType: (typeof SCHOOL_TYPES)[number];

  @ApiPropertyOptional({ example: 1620, description: '学位数' })
  @IsOptional()
  @IsInt()
  @Min(0)
  places?: number;
}
