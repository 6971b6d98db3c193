import fastifyCookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { useJsonBodyParser } from './common/json-body-parser';
import { createValidationPipe } from './common/validation.pipe';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the e2e tests both need: prefix, pipes, error filter, Swagger. */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(Logger));
  // request.cookies / reply.setCookie for the browser session (auth/session-cookies.ts).
  // (@fastify/cookie's types name the root fastify, Nest's adapter its own copy: same plugin at run time.)
  void app.register(fastifyCookie as unknown as Parameters<NestFastifyApplication['register']>[0]);
  app.setGlobalPrefix(API_PREFIX, { exclude: [{ path: 'health', method: RequestMethod.GET }] });
  useJsonBodyParser(app);
  // multipart/form-data for the Excel import only: the plugin adds a parser for that
  // content type and nothing else, so JSON routes keep the parser above; nothing is
  // attached to request.body — POST /imports reads its parts itself, with its own limits.
  void app.register(multipart as never, { limits: { files: 1, fields: 10, fieldSize: 1024 } });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('key-project-tracker API — 重点工程项目调度')
      .setDescription(
        '玉泉区“十五五”重点工程: projects, milestones (节点), investment, progress reports (进展填报), audit. ' +
          'Sign in with POST /api/v1/auth/login and send `Authorization: Bearer <token>`; machine clients send `X-API-Key`; ' +
          'browsers sign in with POST /api/v1/auth/session, which sets the HttpOnly cookie `kpt_session` and the cookie ' +
          '`kpt_csrf` — every cookie-authenticated write must send `X-CSRF-Token` equal to `kpt_csrf` (else 403 CSRF_TOKEN_INVALID). ' +
          'Credentials are read in this order: Bearer, X-API-Key, cookie. ' +
          'Errors always have the shape { statusCode, code, message, details }.',
      )
      .setVersion('1')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .addCookieAuth('kpt_session', { type: 'apiKey', in: 'cookie', name: 'kpt_session', description: 'Browser session (POST /api/v1/auth/session); writes also need X-CSRF-Token' }, 'session-cookie')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
