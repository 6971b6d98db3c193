import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { USER_ROLES, UserRole } from '@app/domain';

export class ListUsersQuery {
  @ApiPropertyOptional({ enum: USER_ROLES, example: 'department_editor' })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the users of this 责任单位' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;
}
