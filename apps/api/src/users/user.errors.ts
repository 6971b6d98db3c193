/** Error codes of the users feature. */
export const UserErrors = {
  /** Another user already has this username (409). */
  USERNAME_TAKEN: 'USERNAME_TAKEN',
  /** No user with this id (404). */
  NOT_FOUND: 'USER_NOT_FOUND',
  /** The change would leave no active admin, and nobody could manage users any more (409). */
  LAST_ADMIN: 'LAST_ACTIVE_ADMIN',
} as const;
