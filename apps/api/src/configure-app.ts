import fastifyCookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { INestApplication, RequestMethod } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@app/config';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { useJsonBodyParser } from './common/json-body-parser';
import { KnownQueryInterceptor } from './common/known-query.interceptor';
import { useResponseCompression } from './common/response-compression';
import { useSecurityHeaders } from './common/security-headers';
import { createValidationPipe } from './common/validation.pipe';
import { buildOpenApiDocument } from './openapi';

export const API_PREFIX = 'api/v1';

/** Routes live under /api/v1, except the health check load balancers probe. */
export function applyApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
}

/** Everything main.ts and the e2e tests both need: security headers, compression, cookies, prefix, body parser, pipes, error filter, Swagger. */
export async function configureApp(app: NestFastifyApplication): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  useSecurityHeaders(app);
  await useResponseCompression(app);
  // request.cookies / reply.setCookie for the browser session (auth/session-cookies.ts).
  // (@fastify/cookie's types name the root fastify, Nest's adapter its own copy: same plugin at run time.)
  void app.register(fastifyCookie as unknown as Parameters<NestFastifyApplication['register']>[0]);
  applyApiPrefix(app);
  useJsonBodyParser(app);
  // multipart/form-data for the Excel import only: the plugin adds a parser for that
  // content type and nothing else, so JSON routes keep the parser above; nothing is
  // attached to request.body — POST /imports reads its parts itself, with its own limits.
  void app.register(multipart as never, { limits: { files: 1, fields: 10, fieldSize: 1024 } });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalInterceptors(new KnownQueryInterceptor());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = buildOpenApiDocument(app);
  // In production the document is a map of every route for whoever asks: served only when DOCS_PUBLIC=true,
  // otherwise /docs and /docs-json are unknown routes (404).
  const config = app.get(AppConfig);
  if (config.NODE_ENV !== 'production' || config.DOCS_PUBLIC) {
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  }
  return app;
}
