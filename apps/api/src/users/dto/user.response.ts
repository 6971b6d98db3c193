import { ApiProperty } from '@nestjs/swagger';
import { User, USER_ROLES, UserRole } from '@app/domain';

/** A user account as the API shows it. Never carries the password hash. */
export class UserResponse {
  @ApiProperty({ format: 'uuid', example: '0f8fad5b-d9cb-469f-a165-70867728950e' })
  id: string;

  @ApiProperty({ example: 'fgw-editor' })
  username: string;

  @ApiProperty({ example: '发改委项目填报员' })
  displayName: string;

  @ApiProperty({ enum: USER_ROLES, example: 'department_editor' })
  role: UserRole;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;

  @ApiProperty({ example: '玉泉区发展和改革委员会', nullable: true, type: String })
  departmentName: string | null;

  @ApiProperty({ example: 'fgw@yuquan.gov.cn', nullable: true, type: String })
  email: string | null;

  @ApiProperty({ example: true })
  isActive: boolean;

  @ApiProperty({ example: false, description: 'Added by the demo seed' })
  isDemo: boolean;

  @ApiProperty({ example: '2026-01-05T02:00:00.000Z' })
  createdAt: string;

  /** Built field by field, so nothing else (the password hash above all) can slip through. */
  static from(user: User): UserResponse {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      departmentId: user.departmentId,
      departmentName: user.department?.name ?? null,
      email: user.email,
      isActive: user.isActive,
      isDemo: user.isDemo,
      createdAt: user.createdAt.toISOString(),
    };
  }
}
