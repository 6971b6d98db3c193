import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { versionEtag } from '../common/etag';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateProjectDto } from './dto/create-project.dto';
import { ListProjectsQuery } from './dto/list-projects.query';
import { ProjectActivityDto, ProjectDetailResponseDto, ProjectPageDto } from './dto/project.response';
import { UpdateProjectDto } from './dto/update-project.dto';
import { ProjectSearchService } from './project-search.service';
import { ProjectsService } from './projects.service';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly search: ProjectSearchService,
  ) {}

  @Get()
  @AllowApiKey('projects:read')
  @ApiDoc({
    summary: 'Find key projects (重点工程): search names, filter, sort, page',
    description:
      '`q` matches words of the name whatever the spacing, punctuation or full/half width (「220 千伏」, 「２２０千伏」 and 「·安泽园」 all match). ' +
      '`status` takes one or several statuses, comma-separated. `mine=true`: my unit\'s projects plus those I am the lead official of.',
    type: ProjectPageDto,
    errors: [400, 403],
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListProjectsQuery): Promise<ProjectPageDto> {
    return this.search.list(principal, query);
  }

  @Get(':id/activity')
  @AllowApiKey('projects:read')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({
    summary: '久未更新: when the project was last updated (any kind) and whether it is stale today',
    type: ProjectActivityDto,
    errors: [400, 403, 404],
  })
  activity(@Param('id', UuidParam()) id: string): Promise<ProjectActivityDto> {
    return this.search.activity(id);
  }

  @Get(':id')
  @AllowApiKey('projects:read')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({
    summary: 'One project with its milestones (节点, by planned date) and investment summary; sends ETag',
    type: ProjectDetailResponseDto,
    errors: [400, 403, 404],
  })
  async get(
    @Param('id', UuidParam()) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const read = await this.projects.get(id, ifNoneMatch);
    reply.header('ETag', read.etag);
    if (read.notModified) await reply.status(304).send();
    else await reply.status(200).send(read.project);
  }

  @Post()
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({
    summary: 'Create a key project in a 专栏 and group',
    description: 'Admin: any owner unit. Department editor: only with ownerUnitId = its own department. Attributes are checked against the kind.',
    type: ProjectDetailResponseDto,
    status: 201,
    errors: [400, 403, 409],
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateProjectDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectDetailResponseDto> {
    const project = await this.projects.create(principal, body);
    reply.header('ETag', versionEtag(project.version));
    return project;
  }

  @Patch(':id')
  @HttpCode(200)
  @AllowRoles('admin', 'department_editor')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiDoc({
    summary: 'Change a project (optimistic concurrency: If-Match or version)',
    description:
      'Department editors only for their own department\'s projects, and cannot hand one to another department. ' +
      'Status moves must be allowed (see allowedNextStatuses). Changing the kind re-checks the attributes. Returns the new representation and ETag.',
    type: ProjectDetailResponseDto,
    errors: [400, 403, 404, 409, 412, 428],
  })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam()) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateProjectDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectDetailResponseDto> {
    const project = await this.projects.update(principal, id, body, ifMatch);
    reply.header('ETag', versionEtag(project.version));
    return project;
  }
}
