import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { ProblemTypeResponse } from './dto/coordination-problem.response';
import { CreateProblemTypeDto, UpdateProblemTypeDto } from './dto/problem-type.dto';
import { ProblemTypesService } from './problem-types.service';

export class ListProblemTypesQuery {
  @ApiPropertyOptional({ type: Boolean, description: 'true: retired types too (admins editing the list)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean()
  includeRetired?: boolean;
}

/** 问题类型: the codelist of the problem ledger, extended by admins. */
@ApiTags('coordination-problems')
@Controller('problem-types')
export class ProblemTypesController {
  constructor(private readonly types: ProblemTypesService) {}

  @Get()
  @ApiDoc({ summary: 'Problem types (问题类型), in list order; active ones unless includeRetired=true', type: [ProblemTypeResponse], errors: [400] })
  list(@Query() query: ListProblemTypesQuery): Promise<ProblemTypeResponse[]> {
    return this.types.list(query.includeRetired === true);
  }

  @Post()
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Add a problem type (admins)', type: ProblemTypeResponse, status: 201, errors: [400, 403, 409] })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateProblemTypeDto): Promise<ProblemTypeResponse> {
    return this.types.create(principal, dto);
  }

  @Patch(':code')
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Rename, reorder or retire a problem type (admins); a type in use is never deleted', type: ProblemTypeResponse, errors: [400, 403, 404, 409] })
  update(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Body() dto: UpdateProblemTypeDto): Promise<ProblemTypeResponse> {
    return this.types.update(principal, code, dto);
  }
}
