import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDecimalQuantity } from './attribute-validators';

export const PIPE_MEDIA = ['water_supply', 'sewage', 'rainwater', 'gas', 'heating', 'reclaimed_water', 'comprehensive'] as const;

/** 管网: what it carries (供水、污水、雨水、燃气、供热、再生水、综合管廊) and its length. */
export class PipeNetworkAttributes {
  @ApiProperty({ enum: PIPE_MEDIA, example: 'heating', description: '管网介质' })
  @IsIn(PIPE_MEDIA)
  medium: (typeof PIPE_MEDIA)[number];

  @ApiPropertyOptional({ example: '12.6', description: '长度（公里），十进制字符串' })
  @IsOptional()
  @IsDecimalQuantity()
  lengthKm?: string;
}
