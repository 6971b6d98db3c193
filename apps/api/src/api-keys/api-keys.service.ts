import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/calendar';
import { ApiKey } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import { generateApiKey } from '../auth/api-key-secret';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { ApiKeyResponse, CreatedApiKeyResponse } from './dto/api-key.response';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

/**
 * Keys for machine clients (big screen, city platform). The secret is shown
 * once; the table holds only its SHA-256 hash, which the auth guard looks up.
 */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ApiKeyResponse[]> {
    const keys = await this.dataSource.getRepository(ApiKey).find({ order: { createdAt: 'DESC', id: 'ASC' } });
    return keys.map(ApiKeyResponse.from);
  }

  async create(principal: Principal, input: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
    if (expiresAt && expiresAt <= this.clock.now()) {
      throw Errors.validation([{ field: 'expiresAt', reason: 'expiresAt must be in the future' }]);
    }
    const { key, prefix, hash } = generateApiKey();
    return this.dataSource.transaction(async (manager) => {
      const { identifiers } = await manager.insert(ApiKey, {
        name: input.name,
        prefix,
        keyHash: hash,
        scopes: input.scopes,
        createdById: principal.kind === 'user' ? principal.id : null,
        expiresAt,
      });
      const created = ApiKeyResponse.from(await manager.findOneByOrFail(ApiKey, { id: identifiers[0].id as string }));
      // The audit row shows the prefix, never the key or its hash.
      await this.audit.record(manager, principal, { action: 'create', entityType: 'api_key', entityId: created.id, after: created });
      return { ...created, key };
    });
  }

  /** Revokes a key: from now on it gets 401. Revoking a revoked key changes nothing and says so with the same answer. */
  async revoke(principal: Principal, id: string): Promise<ApiKeyResponse> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!key) throw Errors.notFound('api_key', id);
      if (key.revokedAt) return ApiKeyResponse.from(key);
      const before = ApiKeyResponse.from(key);
      await manager.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [id]);
      const revoked = ApiKeyResponse.from(await manager.findOneByOrFail(ApiKey, { id }));
      await this.audit.record(manager, principal, { action: 'revoke', entityType: 'api_key', entityId: id, before, after: revoked });
      return revoked;
    });
  }
}
