import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { DeadlineChangesService } from './deadline-changes.service';
import { DecideDeadlineChangeDto } from './dto/decide-deadline-change.dto';
import { DeadlineChangeRequestPage, DeadlineChangeRequestResponse } from './dto/deadline-change-request.response';
import { ListDeadlineChangeRequestsQuery } from './dto/list-deadline-change-requests.query';
import { MilestoneDateHistoryResponse } from './dto/milestone-date-history.response';

/**
 * 节点延期: requests to move a milestone's planned date, filed through
 * PATCH /milestones/:id (202) and decided by the 督查室 here.
 */
@ApiTags('deadline-changes')
@Controller()
export class DeadlineChangesController {
  constructor(private readonly deadlineChanges: DeadlineChangesService) {}

  @Get('deadline-change-requests')
  @AllowRoles('admin', 'supervisor', 'department_editor')
  @ApiDoc({
    summary: 'Deadline-change requests, newest first (督查室 and admins: all; editors: their department’s)',
    type: DeadlineChangeRequestPage,
    errors: [400, 403],
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListDeadlineChangeRequestsQuery): Promise<DeadlineChangeRequestPage> {
    return this.deadlineChanges.list(principal, query);
  }

  @Get('deadline-change-requests/:id')
  @AllowRoles('admin', 'supervisor', 'department_editor')
  @ApiDoc({ summary: 'One deadline-change request', type: DeadlineChangeRequestResponse, errors: [400, 403, 404] })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam('id')) id: string): Promise<DeadlineChangeRequestResponse> {
    return this.deadlineChanges.get(principal, id);
  }

  @Post('deadline-change-requests/:id/approve')
  @HttpCode(200)
  @AllowRoles('admin', 'supervisor')
  @ApiDoc({
    summary: 'Approve a request (督查室): the milestone’s planned date moves, the baseline stays',
    description: '409 when the request was already decided, or when the milestone changed since the request was made.',
    type: DeadlineChangeRequestResponse,
    errors: [400, 403, 404, 409],
  })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: DecideDeadlineChangeDto,
  ): Promise<DeadlineChangeRequestResponse> {
    return this.deadlineChanges.approve(principal, id, body);
  }

  @Post('deadline-change-requests/:id/reject')
  @HttpCode(200)
  @AllowRoles('admin', 'supervisor')
  @ApiDoc({
    summary: 'Reject a request (督查室): the planned date stays',
    type: DeadlineChangeRequestResponse,
    errors: [400, 403, 404, 409],
  })
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam('id')) id: string,
    @Body() body: DecideDeadlineChangeDto,
  ): Promise<DeadlineChangeRequestResponse> {
    return this.deadlineChanges.reject(principal, id, body);
  }

  @Get('milestones/:id/date-history')
  @AllowApiKey('projects:read')
  @ApiDoc({
    summary: 'Every change of a milestone’s planned and actual dates, oldest first, with its baseline and any pending request',
    type: MilestoneDateHistoryResponse,
    errors: [400, 403, 404],
  })
  dateHistory(@Param('id', UuidParam('id')) id: string): Promise<MilestoneDateHistoryResponse> {
    return this.deadlineChanges.dateHistory(id);
  }
}
