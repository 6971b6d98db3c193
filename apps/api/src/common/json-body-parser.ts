/**
 * The API's one JSON body parser: Fastify's own (size limit → 413, prototype
 * poisoning refused) behind a depth check, so a body nested thousands of levels
 * deep is a 400 before anything recursive (the transformer, the validators)
 * sees it — on every route, the unauthenticated login included.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import { Errors } from './app-error';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './input-guards';

export function useJsonBodyParser(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: fastify.initialConfig.bodyLimit }, (request, body, done) => {
    if (jsonNestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(
        Errors.badRequest('JSON_TOO_DEEP', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`, [
          { field: 'body', reason: `must not nest objects or arrays deeper than ${MAX_JSON_DEPTH} levels` },
        ]),
        undefined,
      );
      return;
    }
    parseJson(request, body.toString('utf8'), done);
  });
}
