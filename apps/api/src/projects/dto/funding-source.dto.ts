import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsWanAmount } from '../../common/validators';

/** 资金来源 as written by a user: the source, and its amount in 万元 when known. */
export class FundingSourceInputDto {
  @ApiProperty({ example: '超长期特别国债' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  source: string;

  @ApiPropertyOptional({ type: String, example: '20000', nullable: true, description: '金额（万元），十进制字符串' })
  @IsOptional()
  @IsWanAmount()
  amountWan?: string | null;
}
