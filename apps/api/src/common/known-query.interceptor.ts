/**
 * One rule for query parameters, on every route: a parameter the route does not declare is a 400 naming it.
 *
 * Routes that take a query DTO (`@Query() query: ListXQuery`) are covered by the global validation pipe
 * (`forbidNonWhitelisted`), which also refuses unknown enum values (`@IsIn`). Routes that take no query DTO never
 * reach that pipe for their query string, so this interceptor refuses whatever they were sent that they do not
 * read by name (`@Query('name')`). Without it, `?statuss=open` on such a route would be silently ignored.
 */
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { Errors } from './app-error';

/** What a handler reads from the query string: everything (a DTO the pipe validates) or these names. */
type QueryShape = { kind: 'dto' } | { kind: 'names'; names: Set<string> };

@Injectable()
export class KnownQueryInterceptor implements NestInterceptor {
  private readonly shapes = new WeakMap<object, QueryShape>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const shape = this.shapeOf(context);
    if (shape.kind === 'names') {
      const query = context.switchToHttp().getRequest<FastifyRequest>().query as Record<string, unknown> | undefined;
      const unknown = Object.keys(query ?? {}).filter((name) => !shape.names.has(name));
      if (unknown.length > 0) {
        throw Errors.validation(
          unknown.map((field) => ({ field, reason: `${field} is not a query parameter of this route` })),
          `Unknown query parameter: ${unknown.join(', ')}`,
        );
      }
    }
    return next.handle();
  }

  private shapeOf(context: ExecutionContext): QueryShape {
    const handler = context.getHandler();
    let shape = this.shapes.get(handler);
    if (!shape) {
      const args: Record<string, { data?: unknown }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler.name) ?? {};
      const queryArgs = Object.entries(args)
        .filter(([key]) => Number(key.split(':')[0]) === RouteParamtypes.QUERY)
        .map(([, arg]) => arg.data);
      shape = queryArgs.some((data) => typeof data !== 'string')
        ? { kind: 'dto' }
        : { kind: 'names', names: new Set(queryArgs as string[]) };
      this.shapes.set(handler, shape);
    }
    return shape;
  }
}
