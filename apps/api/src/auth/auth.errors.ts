import { HttpStatus } from '@nestjs/common';
import { AppError } from '../common/app-error';

/** Error codes of sign-in and sessions. */
export const AuthErrors = {
  /** No credentials, or credentials we cannot read (401). */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The session (token or cookie) has expired (401): sign in again. */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** The session was ended: logout, password change or an admin's change to the account (401). */
  SESSION_REVOKED: 'SESSION_REVOKED',
  /** Wrong username or password, or a deactivated account (401). */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  /** A cookie-authenticated write without the matching X-CSRF-Token header (403). */
  CSRF_TOKEN_INVALID: 'CSRF_TOKEN_INVALID',
  /** Too many failed sign-ins from this address (for this account) (429, Retry-After). */
  TOO_MANY_LOGIN_FAILURES: 'TOO_MANY_LOGIN_FAILURES',
  /** The current password given to POST /auth/password is wrong (400, field currentPassword). */
  CURRENT_PASSWORD_WRONG: 'CURRENT_PASSWORD_WRONG',
  /** Only a signed-in user has a password or a session (403 for API keys). */
  USER_ONLY: 'FORBIDDEN',
} as const;

export const authError = {
  unauthenticated: (message: string) => new AppError(HttpStatus.UNAUTHORIZED, AuthErrors.UNAUTHENTICATED, message),
  expired: () => new AppError(HttpStatus.UNAUTHORIZED, AuthErrors.SESSION_EXPIRED, 'The session has expired; sign in again'),
  revoked: () =>
    new AppError(HttpStatus.UNAUTHORIZED, AuthErrors.SESSION_REVOKED, 'The session has ended (signed out, or the account was changed); sign in again'),
  invalidCredentials: () => new AppError(HttpStatus.UNAUTHORIZED, AuthErrors.INVALID_CREDENTIALS, 'Wrong username or password'),
  csrf: () =>
    new AppError(
      HttpStatus.FORBIDDEN,
      AuthErrors.CSRF_TOKEN_INVALID,
      'A write with the session cookie needs the header X-CSRF-Token equal to the kpt_csrf cookie',
    ),
};
