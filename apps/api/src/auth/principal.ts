import type { ApiKeyScope, UserRole } from '@app/domain';

/** Who is calling: a signed-in user or a machine client's API key. Passed explicitly to services. */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  /** Username or key name, for the audit log. */
  name: string;
  /** Null for API keys. */
  role: UserRole | null;
  departmentId: string | null;
  scopes: readonly ApiKeyScope[];
  requestId?: string;
  /** The sign-in session of a user's token (absent for API keys): what logout ends. */
  sessionId?: string;
  /** How the credentials came: Bearer token, API key, or the browser's session cookie. */
  via?: 'bearer' | 'api_key' | 'cookie';
}

export function isUser(principal: Principal, ...roles: UserRole[]): boolean {
  return principal.kind === 'user' && principal.role !== null && roles.includes(principal.role);
}
