/**
 * A client generated from the OpenAPI document works: test/client/api-client.ts (openapi-fetch typed by
 * apps/web/src/api/schema.d.ts, nothing else) compiles alone under `tsc --strict`, then runs against the real API
 * listening on 127.0.0.1: signs in, lists projects with a filter, completes a milestone with If-Match (and is
 * refused 412 with the old ETag), files a progress report twice with one Idempotency-Key, downloads the weekly
 * report as XLSX with an API key.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runApiClient } from './client/api-client';
import { createDepartment, createMilestone, createProject, createUser, signIn, TEST_PASSWORD } from './support/factories';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const FIXED_NOW = '2026-11-25T10:00:00+08:00';

describe('a client generated from the OpenAPI document', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let baseUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${address.port}`;
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('compiles under tsc --strict against the committed generated types', async () => {
    const tsc = require.resolve('typescript/bin/tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', join(__dirname, 'client', 'tsconfig.json')]).catch(
      (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: `${error.stdout ?? ''}${error.stderr ?? ''}`, stderr: '', failed: true }),
    );
    expect(result.stdout).toBe('');
  }, 240_000);

  it('signs in, lists with a filter, moves a milestone with If-Match, files an idempotent report and downloads the 周报', async () => {
    const department = await createDepartment(database.dataSource, { name: '玉泉区教育局' });
    const editor = await createUser(database.dataSource, 'department_editor', { departmentId: department.id });
    const supervisor = await createUser(database.dataSource, 'supervisor');
    const school = await createProject(database.dataSource, { name: '玉泉区第二十一小学新建工程', kind: 'school', ownerDepartmentId: department.id, attributes: { schoolType: 'primary' } });
    await createProject(database.dataSource, { name: '玉泉变 220 千伏变电站工程', kind: 'substation', ownerDepartmentId: department.id });
    const milestone = await createMilestone(database.dataSource, school.id, { kind: 'construction_start', plannedDate: '2026-11-20' });
    const built = await app.inject({ method: 'POST', url: '/api/v1/reports/weekly/2026-W47/build', headers: await signIn(app, supervisor.username) });
    expect(built.statusCode).toBe(201);
    const { 'x-api-key': apiKey } = await apiKeyHeaders(database.dataSource, ['reports:read']);

    const run = await runApiClient({ baseUrl, username: editor.username, password: TEST_PASSWORD, apiKey, kind: 'school', completedOn: '2026-11-24' });

    expect(run.signedInAs).toBe(editor.username);
    expect(run.projects).toEqual([{ id: school.id, name: '玉泉区第二十一小学新建工程', kind: 'school' }]);
    expect(run.milestone).toEqual({ id: milestone.id, versionBefore: milestone.version, versionAfter: milestone.version + 1, actualDate: '2026-11-24', staleStatus: 412 });
    expect(run.progressReport).toMatchObject({ firstStatus: 201, retryStatus: 200, retryId: run.progressReport.id, replayed: 'true' });
    expect(run.weeklyReport).toMatchObject({
      isoWeek: '2026-W47',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      zipSignature: 'PK',
    });
    expect(run.weeklyReport.bytes).toBeGreaterThan(1000);
  });
});
