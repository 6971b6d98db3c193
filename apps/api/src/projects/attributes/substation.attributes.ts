import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDecimalQuantity } from './attribute-validators';

/** Voltage classes of the Chinese grid that a district substation can have. */
export const SUBSTATION_VOLTAGES_KV = [10, 35, 66, 110, 220, 330, 500] as const;

/** 变电站/输变电, e.g. 玉泉变 220 千伏变电站工程: { voltageKv: 220, capacityMva: "480" }. */
export class SubstationAttributes {
  @ApiProperty({ enum: SUBSTATION_VOLTAGES_KV, example: 220, description: '电压等级（千伏）' })
  @IsIn(SUBSTATION_VOLTAGES_KV)
  voltageKv: number;

  @ApiPropertyOptional({ example: '480', description: '主变容量（兆伏安），十进制字符串' })
  @IsOptional()
  @IsDecimalQuantity()
  capacityMva?: string;
}
