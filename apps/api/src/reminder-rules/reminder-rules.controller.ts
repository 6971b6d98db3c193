import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { versionEtag } from '../common/etag';
import { ReminderRulesResponse } from './dto/reminder-rules.response';
import { UpdateReminderRulesDto } from './dto/update-reminder-rules.dto';
import { ReminderRulesService } from './reminder-rules.service';

@ApiTags('reminder-rules 催办规则')
@Controller('reminder-rules')
export class ReminderRulesController {
  constructor(private readonly rules: ReminderRulesService) {}

  @Get()
  @AllowRoles('admin', 'supervisor')
  @ApiDoc({ summary: 'The reminder and escalation rules (working days, send time); ETag = version', type: ReminderRulesResponse, errors: [403] })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReminderRulesResponse> {
    return withEtag(reply, await this.rules.get());
  }

  @Put()
  @AllowRoles('admin')
  @ApiDoc({
    summary: 'Replace the reminder rules (audited); the worker reschedules the daily scan',
    description: 'Needs If-Match with the ETag read (or `version` in the body): none → 428, stale → 412.',
    type: ReminderRulesResponse,
    errors: [400, 403, 412, 428],
  })
  async replace(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateReminderRulesDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReminderRulesResponse> {
    return withEtag(reply, await this.rules.replace(principal, body, ifMatch));
  }
}

function withEtag(reply: FastifyReply, rules: ReminderRulesResponse): ReminderRulesResponse {
  void reply.header('etag', versionEtag(rules.version));
  return rules;
}
