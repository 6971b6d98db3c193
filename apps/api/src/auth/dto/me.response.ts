import { ApiProperty } from '@nestjs/swagger';
import { API_KEY_SCOPES, type ApiKeyScope, USER_ROLES, type UserRole } from '@app/domain';

/** Who the current credentials belong to (GET /auth/me, and the user of POST /auth/session). */
export class MeResponse {
  @ApiProperty({ enum: ['user', 'api_key'], example: 'user' })
  kind: 'user' | 'api_key';

  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'supervisor', description: 'Username, or the API key’s name' })
  name: string;

  @ApiProperty({ example: '区委督查室' })
  displayName: string;

  @ApiProperty({ enum: USER_ROLES, nullable: true, type: String, example: 'supervisor' })
  role: UserRole | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  departmentId: string | null;

  @ApiProperty({ example: '玉泉区住房和城乡建设局', nullable: true, type: String, description: '责任单位 of a department editor' })
  departmentName: string | null;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: [], description: 'Scopes of an API key; empty for users' })
  scopes: ApiKeyScope[];

  @ApiProperty({ enum: ['bearer', 'api_key', 'cookie'], example: 'cookie' })
  via: 'bearer' | 'api_key' | 'cookie';
}

/** Answer of POST /auth/session: the session is in the cookies, never in the body. */
export class SessionResponse {
  @ApiProperty({ type: MeResponse })
  user: MeResponse;

  @ApiProperty({ example: '2026-12-03T20:00:00.000Z', description: 'When the session ends; sign in again after it' })
  expiresAt: string;
}
