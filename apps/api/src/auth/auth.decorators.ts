import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { ApiKeyScope, UserRole } from '@app/domain';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'kpt:public';
export const ALLOWED_ROLES = 'kpt:roles';
export const API_KEY_SCOPE = 'kpt:api-key-scope';

/*
 * Each decorator also states its rule in the OpenAPI document (x-public, x-roles, x-api-key-scope), so clients read
 * who may call a route where they read its shape, and the access-matrix test walks every write route against it.
 * A method's decorator overrides its controller's, in the guard and in the document alike.
 */

/** No credentials needed (login, health, docs). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));

/** Only users with one of these roles. Without it, any signed-in user may call the route. */
export const AllowRoles = (...roles: UserRole[]) => applyDecorators(SetMetadata(ALLOWED_ROLES, roles), ApiExtension('x-roles', roles));

/** API keys holding this scope may call the route too (keys are refused everywhere else). */
export const AllowApiKey = (scope: ApiKeyScope) => applyDecorators(SetMetadata(API_KEY_SCOPE, scope), ApiExtension('x-api-key-scope', scope));

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest().principal,
);
