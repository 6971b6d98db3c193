import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf, RetryLaterError } from '../common/app-error';

/** The errors of sign-in, sessions and request limits; their codes are AuthErrorCode. */
export const AuthErrors = {
  /** 401: no credentials, or credentials we cannot read. */
  unauthenticated: (message: string) => new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', message),
  /** 401: the session (token or cookie) has expired: sign in again. */
  expired: () => new AppError(HttpStatus.UNAUTHORIZED, 'SESSION_EXPIRED', 'The session has expired; sign in again'),
  /** 401: the session was ended: logout, password change or an admin's change to the account. */
  revoked: () =>
    new AppError(HttpStatus.UNAUTHORIZED, 'SESSION_REVOKED', 'The session has ended (signed out, or the account was changed); sign in again'),
  /** 401: wrong username or password, or a deactivated account. */
  invalidCredentials: () => new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'Wrong username or password'),
  /** 403: a cookie-authenticated write without the matching X-CSRF-Token header. */
  csrf: () =>
    new AppError(HttpStatus.FORBIDDEN, 'CSRF_TOKEN_INVALID', 'A write with the session cookie needs the header X-CSRF-Token equal to the kpt_csrf cookie'),
  /** 400 (field currentPassword): the current password given to POST /auth/password is wrong. */
  currentPasswordWrong: () =>
    new AppError(HttpStatus.BAD_REQUEST, 'CURRENT_PASSWORD_WRONG', 'The current password is wrong (当前密码不正确)', [
      { field: 'currentPassword', reason: 'currentPassword does not match the password in use (与当前密码不符)' },
    ]),
  /** 429 with Retry-After: too many failed sign-ins from this address (for this account). */
  tooManyLoginFailures: (scope: string, seconds: number) =>
    new RetryLaterError(
      'TOO_MANY_LOGIN_FAILURES',
      `Too many failed sign-ins for ${scope}; try again in ${seconds} s (登录失败次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试)`,
      seconds,
    ),
  /** 429 with Retry-After: over the per-caller request limit. */
  tooManyRequests: (limit: number, scope: string, seconds: number) =>
    new RetryLaterError('TOO_MANY_REQUESTS', `At most ${limit} requests a minute ${scope}; retry after ${seconds} s`, seconds),
};
export type AuthErrorCode = ErrorCodeOf<typeof AuthErrors>;
