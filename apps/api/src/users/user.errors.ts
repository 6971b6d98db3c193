import { HttpStatus } from '@nestjs/common';
import { AppError, type ErrorCodeOf } from '../common/app-error';

/** The errors of the users feature; their codes are UserErrorCode. */
export const UserErrors = {
  /** 409: another user already has this username. */
  usernameTaken: (username: string) =>
    new AppError(HttpStatus.CONFLICT, 'USERNAME_TAKEN', `The username ${username} is taken`, [{ field: 'username', reason: 'already used by another user' }]),
  /** 409: the change would leave no active admin, and nobody could manage users any more. */
  lastAdmin: () =>
    new AppError(HttpStatus.CONFLICT, 'LAST_ACTIVE_ADMIN', 'This is the last active admin; make another user admin first', [
      { field: 'role', reason: 'the last active admin must stay an active admin' },
    ]),
};
export type UserErrorCode = ErrorCodeOf<typeof UserErrors>;
