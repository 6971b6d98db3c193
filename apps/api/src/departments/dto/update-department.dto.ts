import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { DEPARTMENT_KINDS, DepartmentKind } from '@app/domain';
import { DEPARTMENT_CODE_PATTERN } from './create-department.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional, but when sent it must be a value: null is refused. */
const IfSent = () => ValidateIf((_, value) => value !== undefined);

export class UpdateDepartmentDto {
  @ApiPropertyOptional({ example: 'yq-fgw', maxLength: 64 })
  @IfSent()
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  @Matches(DEPARTMENT_CODE_PATTERN, { message: 'code may hold letters, digits, "-", "_" and "." and must start with a letter or digit' })
  code?: string;

  @ApiPropertyOptional({ example: '玉泉区发展和改革委员会', maxLength: 100 })
  @IfSent()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ enum: DEPARTMENT_KINDS, example: 'subdistrict' })
  @IfSent()
  @IsIn(DEPARTMENT_KINDS)
  kind?: DepartmentKind;
}
