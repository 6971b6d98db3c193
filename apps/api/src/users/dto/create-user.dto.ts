import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { USER_ROLES, UserRole } from '@app/domain';
import { IsAcceptablePassword } from './password.validator';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

export class CreateUserDto {
  @ApiProperty({ example: 'fgw-editor', description: 'Lower-case letters, digits, "-", "_", "."; 2–64 characters' })
  @IsString()
  @Matches(USERNAME_PATTERN, { message: 'username must be 2–64 lower-case letters, digits, "-", "_" or ".", starting with a letter or digit' })
  username: string;

  @ApiProperty({ example: '发改委项目填报员', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({
    example: 'Quanjiang-Lu-2027',
    minLength: 12,
    description: 'At least 12 characters (at most 72 bytes), not the username nor containing it, not one of the most common passwords',
  })
  @IsAcceptablePassword('username')
  password: string;

  @ApiProperty({
    enum: USER_ROLES,
    example: 'department_editor',
    description: 'admin 管理员, supervisor 督查室, department_editor 责任单位填报员, viewer 只读, leader 区领导（只读，可任包联领导）',
  })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'The 责任单位; required for department_editor' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ example: 'fgw@yuquan.gov.cn', description: 'Where reminders go' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}
