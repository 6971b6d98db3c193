import { createSecretKey } from 'node:crypto';
import type { JwtModuleOptions } from '@nestjs/jwt';

/**
 * The access token: an HS256 JWT naming its user (`sub`) and its session
 * (`sid`, a row of auth_sessions). Role and unit are not in it — the guard
 * reads them from the account on each request. Algorithm, issuer and audience
 * are pinned, and `exp`/`iat` must be present: a token signed some other way,
 * for another audience or without an expiry is refused.
 */
export const ACCESS_TOKEN_ALGORITHM = 'HS256' as const;
export const ACCESS_TOKEN_ISSUER = 'key-project-tracker';
export const ACCESS_TOKEN_AUDIENCE = 'key-project-tracker/api';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
  iss: string;
  aud: string;
}

/**
 * What the module registers: signing and verification use the same pinned parameters. The secret goes in as a
 * KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public/private key on every
 * call, which cost more than the rest of the verification.
 */
export function accessTokenOptions(secret: string, ttlSeconds: number): JwtModuleOptions {
  return {
    secret: createSecretKey(Buffer.from(secret)),
    signOptions: {
      algorithm: ACCESS_TOKEN_ALGORITHM,
      expiresIn: ttlSeconds,
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    },
    verifyOptions: {
      algorithms: [ACCESS_TOKEN_ALGORITHM],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
    },
  };
}

/** Whether verified claims carry everything we rely on (jsonwebtoken accepts a token without exp). */
export function hasRequiredClaims(claims: Partial<AccessTokenClaims>): claims is AccessTokenClaims {
  return (
    typeof claims.sub === 'string' &&
    typeof claims.sid === 'string' &&
    typeof claims.iat === 'number' &&
    typeof claims.exp === 'number' &&
    claims.exp > claims.iat
  );
}
