import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsDecimalQuantity } from './attribute-validators';

/** 道路: length, width and lanes as far as they are known. */
export class RoadAttributes {
  @ApiPropertyOptional({ example: '3.2', description: '长度（公里）' })
  @IsOptional()
  @IsDecimalQuantity()
  lengthKm?: string;

  @ApiPropertyOptional({ example: '40', description: '红线宽度（米）' })
  @IsOptional()
  @IsDecimalQuantity()
  widthM?: string;

  @ApiPropertyOptional({ example: 6, description: '车道数' })
  @IsOptional()
  @IsInt()
  @Min(1)
  lanes?: number;
}
