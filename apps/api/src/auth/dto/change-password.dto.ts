import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsAcceptablePassword } from '../../users/dto/password.validator';

/** POST /auth/password: the signed-in user's own password. */
export class ChangePasswordDto {
  @ApiProperty({ example: 'yuquan-demo-2026', description: 'The password in use now' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  currentPassword: string;

  @ApiProperty({
    example: 'Quanjiang-Lu-2027',
    minLength: 12,
    description: 'The new password: at least 12 characters (at most 72 bytes), not the username nor containing it, not one of the most common passwords',
  })
  @IsAcceptablePassword()
  newPassword: string;
}
