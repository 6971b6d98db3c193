import { ApiProperty } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'plannedDate' })
  field: string;

  @ApiProperty({ example: 'must be a calendar date YYYY-MM-DD' })
  reason: string;
}

/** The one shape of every error the API returns. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({ example: 'The request has invalid fields' })
  message: string;

  @ApiProperty({ type: [FieldErrorDto] })
  details: FieldErrorDto[];

  @ApiProperty({ example: 'req-1', required: false })
  requestId?: string;
}
