import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const TYPES_FILE = join(__dirname, '..', 'apps', 'web', 'src', 'api', 'schema.d.ts');
// openapi-typescript is ESM; Jest's module loader is not, so it runs in a node process of its own.
const GENERATOR = join(__dirname, '..', 'apps', 'web', 'scripts', 'api-types.mjs');

/**
 * The web workbench's API types (apps/web/src/api/schema.d.ts) are generated from the OpenAPI document the API
 * serves; this fails when they no longer match, so the UI and the API cannot drift apart. To regenerate:
 * `UPDATE_API_TYPES=1 npx jest test/web-api-types.e2e-spec.ts`.
 */
describe('web workbench: generated API types', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('equal what openapi-typescript makes of the served /docs-json', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).body;
    const generated = execFileSync(process.execPath, [GENERATOR], { input: document, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (process.env.UPDATE_API_TYPES === '1') writeFileSync(TYPES_FILE, generated);
    const committed = readFileSync(TYPES_FILE, 'utf8');
    if (committed !== generated) {
      throw new Error('apps/web/src/api/schema.d.ts is out of date: run UPDATE_API_TYPES=1 npx jest test/web-api-types.e2e-spec.ts and commit it');
    }
    expect(committed).toContain('"/api/v1/projects"');
  });
});
