import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListMilestonesQuery {
  @ApiPropertyOptional({ type: Boolean, example: false, description: 'true: removed (删除) milestones too, each with its removal — the same switch as for withdrawn progress reports' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeWithdrawn must be true or false' })
  includeWithdrawn?: boolean;
}
