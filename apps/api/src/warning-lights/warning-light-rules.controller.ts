import { Body, Controller, Get, Headers, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowApiKey, AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { versionEtag } from '../common/etag';
import { UpdateWarningLightRulesDto, WarningLightRulesResponse } from './dto/warning-light-rules.dto';
import { WarningLightRulesService } from './warning-light-rules.service';

@ApiTags('warning-lights')
@Controller('warning-light-rules')
export class WarningLightRulesController {
  constructor(private readonly rules: WarningLightRulesService) {}

  @Get()
  @AllowApiKey('reports:read')
  @ApiDoc({
    summary: '红黄绿灯规则: the thresholds N, M, P and the rules in words',
    description:
      'Red: a milestone is overdue (pending, planned date before today). Yellow: a pending milestone is due within N working days (today included), ' +
      'or its planned date is more than M working days after its baseline, or the project\'s 形象进度 lags 序时进度 by more than P points. ' +
      'Green otherwise; done and cancelled milestones are green. A project\'s light is the worst of its milestones and its progress rule. ' +
      'Working days follow the official calendar (holidays, 调休).',
    type: WarningLightRulesResponse,
    errors: [403],
  })
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<WarningLightRulesResponse> {
    const rules = await this.rules.get();
    void reply.header('ETag', versionEtag(rules.version));
    return rules;
  }

  @Put()
  @AllowRoles('admin')
  @ApiDoc({
    summary: 'Change the thresholds (admin; If-Match; audited)',
    description: 'Takes effect at once for every live view; stored weekly reports keep the thresholds they were built with.',
    type: WarningLightRulesResponse,
    errors: [400, 403, 412, 428],
  })
  async update(
    @CurrentPrincipal() principal: Principal,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateWarningLightRulesDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WarningLightRulesResponse> {
    const rules = await this.rules.update(principal, body, ifMatch);
    void reply.header('ETag', versionEtag(rules.version));
    return rules;
  }
}
