/**
 * Writes the API's OpenAPI document and the TypeScript types generated from it, without a database:
 * Nest's preview mode builds the module graph and reads the decorators but instantiates no provider, so nothing
 * connects. `npm run api:types` runs it; test/web-api-types.e2e-spec.ts fails when the committed types differ
 * from what the running API serves, and test/openapi-document.e2e-spec.ts when this offline document does.
 *
 *   ts-node scripts/openapi.ts [--json <file>] [--types <file>]   (default: --types apps/web/src/api/schema.d.ts)
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../apps/api/src/app.module';
import { applyApiPrefix } from '../apps/api/src/configure-app';
import { buildOpenApiDocument } from '../apps/api/src/openapi';

/** The one generated types file: the web app's typed client and the API's client test both use it. */
export const API_TYPES_PATH = resolve(__dirname, '..', 'apps/web/src/api/schema.d.ts');

export async function createOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    applyApiPrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/**
 * The types for a document, exactly as the web app's generator writes them (apps/web/scripts/api-types.mjs, an ES
 * module, run in a Node process of its own), so `npm run api:types` and test/web-api-types.e2e-spec.ts agree.
 */
export async function generateApiTypes(document: OpenAPIObject): Promise<string> {
  const generator = resolve(__dirname, '..', 'apps/web/scripts/api-types.mjs');
  return execFileSync(process.execPath, [generator], { input: JSON.stringify(document), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const document = await createOpenApiDocumentOffline();
  const jsonPath = option('--json');
  if (jsonPath) writeFileSync(jsonPath, `${JSON.stringify(document, null, 2)}\n`);
  const typesPath = option('--types') ?? (jsonPath ? undefined : API_TYPES_PATH);
  if (typesPath) writeFileSync(typesPath, await generateApiTypes(document));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
