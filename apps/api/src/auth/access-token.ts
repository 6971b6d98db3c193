import type { UserRole } from '@app/domain';

/** What a signed access token says about its user. */
export interface AccessTokenClaims {
  sub: string;
  username: string;
  role: UserRole;
  departmentId: string | null;
}
