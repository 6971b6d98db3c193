import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDecimalQuantity } from './attribute-validators';

/** 公园/生态: area (m²). */
export class EcologyAttributes {
  @ApiPropertyOptional({ example: '520000', description: '面积（平方米）' })
  @IsOptional()
  @IsDecimalQuantity()
  areaM2?: string;
}
