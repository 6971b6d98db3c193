import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListAttachmentsQuery {
  @ApiPropertyOptional({ type: Boolean, example: false, description: 'true: withdrawn (撤回) attachments too, each with its withdrawal' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeWithdrawn must be true or false' })
  includeWithdrawn?: boolean;
}
