import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsNotEmpty, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { USER_ROLES, UserRole } from '@app/domain';
import { trim } from './create-user.dto';
import { IsAcceptablePassword } from './password.validator';

/** Optional, but when sent it must be a value: null is refused. */
const IfSent = () => ValidateIf((_, value) => value !== undefined);
/** Optional, and null clears it. */
const IfSentAndNotNull = () => ValidateIf((_, value) => value !== undefined && value !== null);

export class UpdateUserDto {
  @ApiPropertyOptional({ example: '发改委项目填报员（张三）' })
  @IfSent()
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_ROLES, example: 'viewer' })
  @IfSent()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null removes the department (not allowed for department_editor)' })
  @IfSentAndNotNull()
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional({ example: false, description: 'false deactivates: the user can no longer sign in and their tokens stop working' })
  @IfSent()
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({
    example: 'Quanjiang-Lu-2027',
    description:
      'Sets a new password (the rule of POST /users: at least 12 characters, not the username, not a common password) and ends every session of the user',
  })
  @IfSent()
  @IsAcceptablePassword()
  password?: string;

  @ApiPropertyOptional({ type: String, example: 'zhangsan@yuquan.gov.cn', nullable: true, description: 'null removes it' })
  @IfSentAndNotNull()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;
}
