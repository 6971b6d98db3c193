import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { USER_ROLES, UserRole } from '@app/domain';

export class LoginDto {
  @ApiProperty({ example: 'supervisor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'yuquan-demo-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

export class SignedInUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'supervisor' })
  username: string;

  @ApiProperty({ example: '区委督查室' })
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  role: UserRole;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  departmentId: string | null;
}

export class LoginResponseDto {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ example: 28800, description: 'Seconds until the token expires' })
  expiresIn: number;

  @ApiProperty({ type: SignedInUserDto })
  user: SignedInUserDto;
}
