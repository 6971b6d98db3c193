/**
 * Writes the API's OpenAPI document and the TypeScript types generated from it, without a database:
 * Nest's preview mode builds the module graph and reads the decorators but instantiates no provider, so nothing
 * connects. `npm run api:types` runs it; test/openapi-document.e2e-spec.ts fails when the committed types differ
 * from what the running API serves.
 *
 *   ts-node scripts/openapi.ts [--json <file>] [--types <file>]   (default: --types libs/api-contract/openapi.d.ts)
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../apps/api/src/app.module';
import { applyApiPrefix } from '../apps/api/src/configure-app';
import { buildOpenApiDocument } from '../apps/api/src/openapi';

export const API_TYPES_PATH = resolve(__dirname, '..', 'libs/api-contract/openapi.d.ts');

export async function createOpenApiDocumentOffline(): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
  try {
    applyApiPrefix(app);
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

/** The types file for a document (scripts/openapi-types.js, run in a child Node process: see there why). */
export async function generateApiTypes(document: OpenAPIObject): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kpt-api-types-'));
  try {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'openapi.d.ts');
    writeFileSync(input, JSON.stringify(document));
    await promisify(execFile)(process.execPath, [join(__dirname, 'openapi-types.js'), input, output]);
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
