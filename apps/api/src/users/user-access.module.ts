import { Module } from '@nestjs/common';
import { UserAccessCache } from './user-access.cache';

/**
 * The account state the auth guard checks on every request. Its own module so
 * that AuthModule (the guard) and UsersModule (which invalidates entries after
 * a change) share one instance without importing each other.
 */
@Module({ providers: [UserAccessCache], exports: [UserAccessCache] })
export class UserAccessModule {}
