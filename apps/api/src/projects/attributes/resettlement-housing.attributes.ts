import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsDecimalQuantity } from './attribute-validators';

/** 回迁房/棚改/城中村, e.g. 玉祥·安泽园: households (户), units (套), floor area (m²). */
export class ResettlementHousingAttributes {
  @ApiPropertyOptional({ example: 1280, description: '安置户数（户）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  households?: number;

  @ApiPropertyOptional({ example: 1536, description: '房屋套数（套）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  units?: number;

  @ApiPropertyOptional({ example: '186000.5', description: '建筑面积（平方米）' })
  @IsOptional()
  @IsDecimalQuantity()
  floorAreaM2?: string;
}
