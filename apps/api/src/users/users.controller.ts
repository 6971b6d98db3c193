import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQuery } from './dto/list-users.query';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponse } from './dto/user.response';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
@AllowRoles('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiDoc({ summary: 'Every user account (admin)', type: [UserResponse], errors: [400, 403] })
  list(@Query() query: ListUsersQuery): Promise<UserResponse[]> {
    return this.users.list(query);
  }

  @Post()
  @ApiDoc({
    summary: 'Create a user account (admin)',
    description:
      'A department_editor (责任单位填报员) needs departmentId: they may write only their own department\'s projects. ' +
      'The password: at least 12 characters (at most 72 bytes), not the username nor containing it, not one of the most common passwords.',
    type: UserResponse,
    status: 201,
    errors: [400, 403, 409],
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateUserDto): Promise<UserResponse> {
    return this.users.create(principal, body);
  }

  @Patch(':id')
  @ApiDoc({
    summary: 'Change, deactivate or reset the password of a user account (admin)',
    description:
      'A password reset, a deactivation, a role change or a unit change ends every session of the user at once (their tokens answer 401 SESSION_REVOKED); ' +
      'a deactivated user cannot sign in. A password follows the rule of POST /users (at least 12 characters, not the username, not a common password).',
    type: UserResponse,
    errors: [400, 403, 404, 409],
  })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam()) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(principal, id, body);
  }
}
