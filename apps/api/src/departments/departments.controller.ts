import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { DepartmentsService } from './departments.service';
import { CreateDepartmentDto } from './dto/create-department.dto';
import { DepartmentResponse } from './dto/department.response';
import { UpdateDepartmentDto } from './dto/update-department.dto';

@ApiTags('departments')
@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: '责任单位: every department, sub-district (街道) and town (镇)', type: [DepartmentResponse], errors: [403] })
  list(): Promise<DepartmentResponse[]> {
    return this.departments.list();
  }

  @Post()
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Add a department (admin)', type: DepartmentResponse, status: 201, errors: [400, 403, 409] })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDepartmentDto): Promise<DepartmentResponse> {
    return this.departments.create(principal, body);
  }

  @Patch(':id')
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Rename or re-code a department (admin)', type: DepartmentResponse, errors: [400, 403, 404, 409] })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam()) id: string,
    @Body() body: UpdateDepartmentDto,
  ): Promise<DepartmentResponse> {
    return this.departments.update(principal, id, body);
  }
}
