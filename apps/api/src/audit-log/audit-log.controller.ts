import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowApiKey, AllowRoles } from '../auth/auth.decorators';
import { ApiDoc } from '../common/api-doc.decorator';
import { AuditLogService } from './audit-log.service';
import { AuditLogPageResponse } from './dto/audit-log-entry.response';
import { ListAuditLogQuery } from './dto/list-audit-log.query';

@ApiTags('audit')
@Controller('audit')
export class AuditLogController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @AllowRoles('admin', 'supervisor')
  @AllowApiKey('audit:read')
  @ApiDoc({
    summary: 'The audit trail (审计日志), newest first (admin, 督查室, API keys with audit:read)',
    description: 'Filter by entity type and id, actor, action and time; e.g. ?entity=project&entityId=… shows one project\'s history.',
    type: AuditLogPageResponse,
    errors: [400, 403],
  })
  list(@Query() query: ListAuditLogQuery): Promise<AuditLogPageResponse> {
    return this.auditLog.list(query);
  }
}
