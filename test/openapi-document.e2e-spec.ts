/**
 * The served OpenAPI document (/docs-json) judged by maintained third parties: Redocly's recommended rules with zero
 * errors and no warning but the license, swagger-parser's validation; the offline build (scripts/openapi.ts, which needs no
 * database) equals what the API serves, so `npm run api:types` writes the types of the served document
 * (test/web-api-types.e2e-spec.ts checks the committed apps/web/src/api/schema.d.ts against it).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createOpenApiDocumentOffline } from '../scripts/openapi';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const run = promisify(execFile);

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer: string }>;
}

describe('the OpenAPI document', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let served: Record<string, unknown>;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    served = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    dir = mkdtempSync(join(tmpdir(), 'kpt-openapi-'));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes Redocly\'s recommended rules with no error and no warning but a missing license', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(served));
    const cli = require.resolve('@redocly/cli/bin/cli.js');
    // Exit code 1 means "problems found"; the JSON report says which.
    const output = await run(process.execPath, [cli, 'lint', file, '--format=json', '--max-problems=1000', '--extends=recommended'], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(output.stdout.slice(output.stdout.indexOf('{'))) as { problems: LintProblem[] };
    // The API is not published under a license with a URL to name; every other warning counts.
    const problems = report.problems.filter((problem) => problem.ruleId !== 'info-license').map((problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
    expect(problems).toEqual([]);
  });

  it('is a valid OpenAPI 3.0 document for swagger-parser', async () => {
    await expect(SwaggerParser.validate(structuredClone(served) as never)).resolves.toMatchObject({ openapi: expect.stringMatching(/^3\.0\./) });
  });

  it('is built the same without a database (scripts/openapi.ts, used by npm run api:types)', async () => {
    expect(JSON.parse(JSON.stringify(await createOpenApiDocumentOffline()))).toEqual(served);
  });
});
