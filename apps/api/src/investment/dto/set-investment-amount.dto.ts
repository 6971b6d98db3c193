import { ApiProperty } from '@nestjs/swagger';
import { IsWanAmount } from '../../common/validators';

/** An amount in 万元 (decimal string, at most 4 decimals = whole yuan). */
export class SetInvestmentAmountDto {
  @ApiProperty({ example: '1234.5678', description: '金额（万元），十进制字符串，最多 4 位小数' })
  @IsWanAmount()
  amountWan: string;
}
