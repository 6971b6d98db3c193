import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { CreateDepartmentChannelDto } from './dto/create-department-channel.dto';
import { ChannelTestResponse, DepartmentChannelListItem, DepartmentChannelResponse } from './dto/department-channel.response';
import { UpdateDepartmentChannelDto } from './dto/update-department-channel.dto';
import { NotificationChannelsService } from './notification-channels.service';

/** A department's reminder channels: 钉钉 / 企业微信 group robots and e-mail. Admins: any department; editors: their own. */
@ApiTags('notification-channels')
@Controller()
@AllowRoles('admin', 'department_editor')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Get('departments/:departmentId/channels')
  @ApiDoc({
    summary: "A department's reminder channels (secrets and robot tokens masked), each with its last delivery result",
    description: 'lastDelivery: the latest of the test sends and the worker\'s reminders and event notifications through the channel (sent or tried), or null.',
    type: [DepartmentChannelListItem],
    errors: [400, 403, 404],
  })
  list(@CurrentPrincipal() principal: Principal, @Param('departmentId', UuidParam('departmentId')) departmentId: string): Promise<DepartmentChannelListItem[]> {
    return this.channels.list(principal, departmentId);
  }

  @Post('departments/:departmentId/channels')
  @ApiDoc({ summary: 'Add a 钉钉 / 企业微信 robot or an e-mail address to a department', type: DepartmentChannelResponse, status: 201, errors: [400, 403, 404, 409] })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('departmentId', UuidParam('departmentId')) departmentId: string,
    @Body() body: CreateDepartmentChannelDto,
  ): Promise<DepartmentChannelResponse> {
    return this.channels.create(principal, departmentId, body);
  }

  @Patch('department-channels/:id')
  @ApiDoc({ summary: 'Change a channel: address, secret, label, enabled, subscriptions', type: DepartmentChannelResponse, errors: [400, 403, 404, 409] })
  update(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string, @Body() body: UpdateDepartmentChannelDto): Promise<DepartmentChannelResponse> {
    return this.channels.update(principal, id, body);
  }

  @Delete('department-channels/:id')
  @HttpCode(204)
  @ApiDoc({ summary: 'Remove a channel', status: 204, errors: [400, 403, 404] })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string): Promise<void> {
    return this.channels.remove(principal, id);
  }

  @Post('department-channels/:id/test')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Send a test message through the channel now',
    description:
      'Uses the same code and address rules as the reminder worker. Answers the robot\'s HTTP status and the time taken, never the remote body. 502 CHANNEL_TEST_FAILED says what went wrong (address refused, no answer, HTTP status, errcode).',
    type: ChannelTestResponse,
    errors: [400, 403, 404, 502],
  })
  sendTest(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string): Promise<ChannelTestResponse> {
    return this.channels.sendTest(principal, id);
  }
}
