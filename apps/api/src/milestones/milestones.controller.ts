import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { versionEtag } from '../common/etag';
import { DeadlineChangeRequestResponse } from '../deadline-changes/dto/deadline-change-request.response';
import { CreateMilestoneDto } from './dto/create-milestone.dto';
import { ListMilestonesQuery } from './dto/list-milestones.query';
import { RemoveMilestoneDto } from './dto/remove-milestone.dto';
import { MilestoneDependentsQuery } from './dto/milestone-dependents.query';
import { MilestoneDependentsResponse } from './dto/milestone-dependents.response';
import { MilestoneResponse } from './dto/milestone.response';
import { UpdateMilestoneDto } from './dto/update-milestone.dto';
import { MilestonesService } from './milestones.service';
import { UuidParam } from '../common/uuid-param.pipe';

/** 节点: milestones of a project. Reads for every signed-in user and `projects:read` keys; writes for admins and the owning department. */
@ApiTags('milestones')
@Controller()
export class MilestonesController {
  constructor(private readonly milestones: MilestonesService) {}

  @Get('projects/:projectId/milestones')
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'Milestones of a project, by planned date (removed ones with includeWithdrawn=true)', type: [MilestoneResponse], errors: [400, 403, 404] })
  list(@Param('projectId', UuidParam('projectId')) projectId: string, @Query() query: ListMilestonesQuery): Promise<MilestoneResponse[]> {
    return this.milestones.listForProject(projectId, query);
  }

  @Post('projects/:projectId/milestones')
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({ summary: 'Add a milestone (节点) to a project', type: MilestoneResponse, status: 201, errors: [400, 403, 404] })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('projectId', UuidParam('projectId')) projectId: string,
    @Body() body: CreateMilestoneDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneResponse> {
    return withEtag(reply, await this.milestones.create(principal, projectId, body));
  }

  @Get('milestones/:id')
  @AllowApiKey('projects:read')
  @ApiDoc({ summary: 'One milestone; its ETag is the version to send back as If-Match', type: MilestoneResponse, errors: [400, 403, 404] })
  async get(@Param('id', UuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<MilestoneResponse> {
    return withEtag(reply, await this.milestones.get(id));
  }

  @Get('milestones/:id/dependents')
  @AllowApiKey('projects:read')
  @ApiDoc({
    summary: '后续节点: the dependents a move of the milestone to plannedDate pushes, with their new earliest dates',
    description:
      'For milestones generated from a node template (their template version\'s dependencies); none otherwise. A dependent moves when its ' +
      'duration after the latest of its predecessors falls after its planned date; one with room does not, nothing is pulled earlier. ' +
      'requiredBecause says whether moving them all together (PATCH with withDependents) needs the 督查室.',
    type: MilestoneDependentsResponse,
  })
  dependents(@Param('id', UuidParam('id')) id: string, @Query() query: MilestoneDependentsQuery): Promise<MilestoneDependentsResponse> {
    return this.milestones.dependentsOf(id, query.plannedDate);
  }

  @Patch('milestones/:id')
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({
    summary: 'Change a milestone: complete (actualDate), reopen, cancel, rename, note, move the planned date',
    description:
      'Needs If-Match with the ETag read (or `version` in the body): none → 428, stale → 412 and nothing changes. ' +
      'Moving plannedDate needs a reason; a move the 督查室 must approve answers 202 with the deadline-change request and leaves the milestone as it is.',
    type: MilestoneResponse,
    errors: [400, 403, 404, 409, 412, 428],
  })
  @ApiResponse({ status: 202, type: DeadlineChangeRequestResponse, description: 'The move needs approval: a deadline-change request was filed' })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: UpdateMilestoneDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneResponse | DeadlineChangeRequestResponse> {
    const outcome = await this.milestones.update(principal, id, body, ifMatch);
    if (outcome.kind === 'change_requested') {
      void reply.status(HttpStatus.ACCEPTED);
      return outcome.changeRequest;
    }
    return withEtag(reply, outcome.milestone);
  }
  @Post('milestones/:id/remove')
  @HttpCode(200)
  @AllowRoles('admin', 'department_editor')
  @ApiDoc({
    summary: 'Remove a milestone added by mistake (删除节点), with a reason: soft, kept in the trail; only one without an actual date',
    description:
      'Needs If-Match with the ETag read (or `version` in the body). The milestone leaves the lists (includeWithdrawn=true shows it), ' +
      'the lights, the reminders, the weekly report and the supervision views. A key milestone (开工, 竣工验收, 交付, 投产) needs the 督查室: ' +
      'the answer is 202 with a deadline-change request of kind removal, and the milestone stays until it is approved. ' +
      '409: already removed, done (has an actual date), or a request for it is pending.',
    type: MilestoneResponse,
    errors: [409],
  })
  @ApiResponse({ status: 202, type: DeadlineChangeRequestResponse, description: 'A key milestone: a removal request was filed for the 督查室' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: RemoveMilestoneDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneResponse | DeadlineChangeRequestResponse> {
    const outcome = await this.milestones.remove(principal, id, body, ifMatch);
    if (outcome.kind === 'change_requested') {
      void reply.status(HttpStatus.ACCEPTED);
      return outcome.changeRequest;
    }
    return withEtag(reply, outcome.milestone);
  }
}

function withEtag(reply: FastifyReply, milestone: MilestoneResponse): MilestoneResponse {
  void reply.header('etag', versionEtag(milestone.version));
  return milestone;
}
