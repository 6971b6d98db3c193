import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateProblemTypeDto {
  @ApiProperty({ example: 'energy', description: 'Lower-case letters, digits and _, starting with a letter (at most 32)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'code must be lower-case letters, digits or _, starting with a letter, at most 32' })
  code: string;

  @ApiProperty({ example: '要素保障（水电气）', maxLength: 40 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(40)
  name: string;

  @ApiPropertyOptional({ example: 55, description: 'Place in the lists (default: after the others)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder?: number;
}

export class UpdateProblemTypeDto {
  @ApiPropertyOptional({ example: '要素保障', maxLength: 40 })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(40)
  name?: string;

  @ApiPropertyOptional({ example: 55 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  sortOrder?: number;

  @ApiPropertyOptional({ description: 'false retires the type: kept on its problems, not offered for new ones' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class UpdateCoordinationProblemSettingsDto {
  @ApiProperty({ example: 5, minimum: 1, maximum: 60, description: 'Working days without a step before a problem climbs' })
  @IsInt()
  @Min(1)
  @Max(60)
  stallWorkingDays: number;
}
