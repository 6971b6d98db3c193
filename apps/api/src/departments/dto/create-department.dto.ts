import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { DEPARTMENT_KINDS, DepartmentKind } from '@app/domain';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const DEPARTMENT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export class CreateDepartmentDto {
  @ApiProperty({ example: 'yq-fgw', description: 'Stable short code: letters, digits, "-", "_", "."', maxLength: 64 })
  @Transform(trim)
  @IsString()
  @MaxLength(64)
  @Matches(DEPARTMENT_CODE_PATTERN, { message: 'code may hold letters, digits, "-", "_" and "." and must start with a letter or digit' })
  code: string;

  @ApiProperty({ example: '玉泉区发展和改革委员会', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: DEPARTMENT_KINDS, example: 'department', description: 'department 部门, subdistrict 街道, town 镇' })
  @IsIn(DEPARTMENT_KINDS)
  kind: DepartmentKind;
}
