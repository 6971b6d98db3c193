import { Module } from '@nestjs/common';
import { SessionStore } from '../auth/session.store';
import { UserAccessCache } from './user-access.cache';

/**
 * The account and session state the auth guard checks on every request. Its
 * own module so that AuthModule (the guard) and UsersModule (which revokes
 * sessions and invalidates entries after a change) share one instance without
 * importing each other.
 */
@Module({ providers: [UserAccessCache, SessionStore], exports: [UserAccessCache, SessionStore] })
export class UserAccessModule {}
