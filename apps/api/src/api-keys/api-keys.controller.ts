import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiDoc } from '../common/api-doc.decorator';
import { UuidParam } from '../common/uuid-param.pipe';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.response';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ApiTags('api-keys')
@Controller('api-keys')
@AllowRoles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiDoc({
    summary: 'Create an API key for a machine client (admin); the key is shown only in this answer',
    type: CreatedApiKeyResponse,
    status: 201,
    errors: [400, 403],
  })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    return this.apiKeys.create(principal, body);
  }

  @Get()
  @ApiDoc({ summary: 'Every API key, newest first, without secrets (admin)', type: [ApiKeyResponse], errors: [403] })
  list(): Promise<ApiKeyResponse[]> {
    return this.apiKeys.list();
  }

  @Delete(':id')
  @ApiDoc({ summary: 'Revoke an API key (admin); from then on it gets 401', type: ApiKeyResponse, errors: [400, 403, 404] })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam()) id: string): Promise<ApiKeyResponse> {
    return this.apiKeys.revoke(principal, id);
  }
}
