import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { ApiKeyScope, UserRole } from '@app/domain';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'kpt:public';
export const ALLOWED_ROLES = 'kpt:roles';
export const API_KEY_SCOPE = 'kpt:api-key-scope';

/** No credentials needed (login, health, docs). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only users with one of these roles. Without it, any signed-in user may call the route. */
export const AllowRoles = (...roles: UserRole[]) => SetMetadata(ALLOWED_ROLES, roles);

/** API keys holding this scope may call the route too (keys are refused everywhere else). */
export const AllowApiKey = (scope: ApiKeyScope) => SetMetadata(API_KEY_SCOPE, scope);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().principal,
);
