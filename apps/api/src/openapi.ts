/**
 * The OpenAPI document: built from the controllers' and DTOs' decorators, served at /docs-json, written by
 * `npm run api:types` (scripts/openapi.ts) and checked by the contract tests. OpenAPI 3.0, as @nestjs/swagger emits it.
 */
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const API_KEY_SECURITY = 'api-key';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('key-project-tracker API — 重点工程项目调度')
      .setDescription(
        '玉泉区“十五五”重点工程: projects, milestones (节点), investment, progress reports (进展填报), supervision (督查), weekly reports (周报). ' +
          'Sign in with POST /api/v1/auth/login and send `Authorization: Bearer <token>`; machine clients send `X-API-Key`; ' +
          'browsers sign in with POST /api/v1/auth/session, which sets the HttpOnly cookie `kpt_session` and the cookie ' +
          '`kpt_csrf` — every cookie-authenticated write must send `X-CSRF-Token` equal to `kpt_csrf` (else 403 CSRF_TOKEN_INVALID). ' +
          'Credentials are read in this order: Bearer, X-API-Key, cookie. ' +
          'Errors always have the shape { statusCode, code, message, details[{ field, reason }], requestId }; unknown query parameters and ' +
          'unknown enum values are a 400 naming the parameter.',
      )
      .setVersion('1')
      // Relative: the document is served by the API it describes, so clients resolve paths against where they read it.
      .addServer('/', 'This server')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, API_KEY_SECURITY)
      .addCookieAuth('kpt_session', { type: 'apiKey', in: 'cookie', name: 'kpt_session', description: 'Browser session (POST /api/v1/auth/session); writes also need X-CSRF-Token' }, 'session-cookie')
      .build(),
  );
}
