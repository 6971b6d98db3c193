import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { API_KEY_SCOPES, ApiKeyScope } from '@app/domain';

export class CreateApiKeyDto {
  @ApiProperty({ example: '区政府调度大屏', description: 'Who uses the key, so that people can tell keys apart', maxLength: 100 })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['projects:read', 'reports:read'], description: 'Keys only ever read' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, { each: true, message: `each value in scopes must be one of: ${API_KEY_SCOPES.join(', ')}` })
  scopes: ApiKeyScope[];

  @ApiPropertyOptional({ example: '2026-12-31T16:00:00.000Z', description: 'When the key stops working (ISO instant); none = never' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;
}
