import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES, ApiKey, ApiKeyScope } from '@app/domain';

/** An API key as lists show it: never its secret. */
export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid', example: '9a1f3c0e-1b2d-4e5f-8a9b-0c1d2e3f4a5b' })
  id: string;

  @ApiProperty({ example: '区政府调度大屏' })
  name: string;

  @ApiProperty({ example: 'kpt_Xr3fQ9aB', description: 'The first characters of the key, to recognise it' })
  prefix: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['projects:read'] })
  scopes: ApiKeyScope[];

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The admin who created it' })
  createdById: string | null;

  @ApiProperty({ example: '2026-01-05T02:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-12-31T16:00:00.000Z' })
  expiresAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: null, description: 'Set when the key was revoked; a revoked key gets 401' })
  revokedAt: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2026-03-02T01:15:00.000Z', description: 'Updated at most once a minute' })
  lastUsedAt: string | null;

  static from(key: ApiKey): ApiKeyResponse {
    return {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: key.scopes,
      createdById: key.createdById,
      createdAt: key.createdAt.toISOString(),
      expiresAt: key.expiresAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    };
  }
}

/** The answer to creating a key: the only time the secret is ever shown. */
export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({
    example: 'kpt_Xr3fQ9aB0uV7cN2mK5pL8sD1fG4hJ6kZqWeRtYuIoPa',
    description: 'Send it as X-API-Key. Shown only now: only its SHA-256 hash is stored, so it cannot be shown again',
  })
  key: string;
}
