import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateNodeTemplateVersionDto } from './dto/create-node-template-version.dto';
import { CreateNodeTemplateDto } from './dto/create-node-template.dto';
import { ListNodeTemplatesQuery } from './dto/list-node-templates.query';
import { NodeStatisticsQuery } from './dto/node-statistics.query';
import { NodeStatisticsResponse } from './dto/node-statistics.response';
import { NodeTemplateResponse, NodeTemplateSummary, NodeTemplateVersionResponse, TemplateScheduleResponse } from './dto/node-template.response';
import { SetCurrentVersionDto } from './dto/set-current-version.dto';
import { TemplateScheduleQuery } from './dto/template-schedule.query';
import { NodeStatisticsService } from './node-statistics.service';
import { NodeTemplatesService } from './node-templates.service';

/** 节点模板: reads for every signed-in user and `projects:read` keys; writes for admins. */
@ApiTags('node-templates')
@Controller('node-templates')
export class NodeTemplatesController {
  constructor(
    private readonly templates: NodeTemplatesService,
    private readonly statistics: NodeStatisticsService,
  ) {}

  @Get()
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'Node templates (节点模板), by kind; kind=… also lists the templates of kind other, which fit any project', type: [NodeTemplateSummary] })
  list(@Query() query: ListNodeTemplatesQuery): Promise<NodeTemplateSummary[]> {
    return this.templates.list(query.kind);
  }

  @Post()
  @AllowRoles('admin')
  @ApiDoc({ summary: 'Create a template of the office\'s own with its first version (admin)', type: NodeTemplateResponse, status: 201, errors: [409] })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateNodeTemplateDto): Promise<NodeTemplateResponse> {
    return this.templates.createTemplate(principal, body);
  }

  @Get(':id')
  @AllowApiKey('projects:read')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({ summary: 'A template with its versions (newest first) and the nodes of the current one', type: NodeTemplateResponse })
  get(@Param('id', UuidParam()) id: string): Promise<NodeTemplateResponse> {
    return this.templates.get(id);
  }

  @Get(':id/versions/:number')
  @AllowApiKey('projects:read')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiParam({ name: 'number', type: Number })
  @ApiDoc({ summary: 'One version of a template with its nodes and dependencies', type: NodeTemplateVersionResponse })
  version(@Param('id', UuidParam()) id: string, @Param('number', ParseIntPipe) number: number): Promise<NodeTemplateVersionResponse> {
    return this.templates.version(id, number);
  }

  @Post(':id/versions')
  @AllowRoles('admin')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({
    summary: 'Write a new version: the whole node set (admin); it becomes current unless makeCurrent is false',
    description:
      'Validated as a whole: unique codes, dependencies naming nodes of the set, no cycle (400 names the node), durations 0–1000 working days. ' +
      'Earlier versions and the projects created from them are never changed.',
    type: NodeTemplateVersionResponse,
    status: 201,
  })
  createVersion(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string, @Body() body: CreateNodeTemplateVersionDto): Promise<NodeTemplateVersionResponse> {
    return this.templates.createVersion(principal, id, body);
  }

  @Put(':id/current-version')
  @AllowRoles('admin')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({ summary: 'Choose the version new projects are created from (admin)', type: NodeTemplateResponse })
  setCurrent(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string, @Body() body: SetCurrentVersionDto): Promise<NodeTemplateResponse> {
    return this.templates.setCurrent(principal, id, body);
  }

  @Get(':id/schedule')
  @AllowApiKey('projects:read')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({
    summary: 'The planned dates a project starting on startDate would get (从模板创建\'s preview)',
    description: 'Each node: its duration in working days after the last of its predecessors is met (the start date for a first node), official calendar (holidays, 调休).',
    type: TemplateScheduleResponse,
    errors: [409],
  })
  schedule(@Param('id', UuidParam()) id: string, @Query() query: TemplateScheduleQuery): Promise<TemplateScheduleResponse> {
    return this.templates.schedule(id, query);
  }

  @Get(':id/statistics')
  @AllowApiKey('projects:read')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({
    summary: '手续办结率 per node: projects that passed it, are stuck at it, and the median working days spent there',
    description:
      'Over the projects created from any version of the template (nodes matched by code), not cancelled; filter by 专栏, owner unit, kind. ' +
      'Passed: the node\'s milestone is done. Stuck: pending, every predecessor met (or cancelled), and its planned date before today. ' +
      'Days spent: working days from the day it could start (its last predecessor met; the project start for a first node) to its actual date.',
    type: NodeStatisticsResponse,
  })
  nodeStatistics(@Param('id', UuidParam()) id: string, @Query() query: NodeStatisticsQuery): Promise<NodeStatisticsResponse> {
    return this.statistics.forTemplate(id, query);
  }
}
