import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { createDepartment, createMilestone, createProject, createUser, signIn } from './support/factories';
import { OpenApiDocument, Operation, OperationFuzzer, Parameter, seededRandom, STRATEGIES, Strategy } from './support/openapi-fuzz';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Every operation of the live OpenAPI document (/docs-json of the test app),
 * called by every kind of caller with hostile input generated from a fixed seed
 * (support/openapi-fuzz.ts): no request may get a 5xx, and every 4xx has the one
 * error shape { statusCode, code, message, details[{field, reason}], requestId }.
 * Operations added later are covered without editing this file.
 */
const SEED = 20261203;
/** Requests per operation: one per caller; the six callers get the six strategies, rotated per operation. */
const ROLES = ['admin', 'supervisor', 'viewer', 'editor', 'apiKey', 'anonymous'] as const;
type Role = (typeof ROLES)[number];
const CASES_PER_ROLE = 1;
const CONCURRENCY = 4;

interface Failure {
  operation: string;
  role: Role;
  strategy: Strategy;
  status: number;
  problem: string;
}

describe('fuzz: hostile input on every operation, for every caller', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const headersOf = {} as Record<Role, Record<string, string>>;
  const real: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: '2026-11-25T10:00:00+08:00', REPORT_RATE_LIMIT_PER_MINUTE: '100000' });
    const department = await createDepartment(database.dataSource);
    const project = await createProject(database.dataSource, { ownerDepartmentId: department.id, plannedStartDate: '2026-03-01', plannedEndDate: '2027-06-30' });
    const milestone = await createMilestone(database.dataSource, project.id, { plannedDate: '2026-11-20' });
    Object.assign(real, { project: project.id, milestone: milestone.id, department: department.id });
    headersOf.admin = await signIn(app, (await createUser(database.dataSource, 'admin')).username);
    headersOf.supervisor = await signIn(app, (await createUser(database.dataSource, 'supervisor')).username);
    headersOf.viewer = await signIn(app, (await createUser(database.dataSource, 'viewer')).username);
    headersOf.editor = await signIn(app, (await createUser(database.dataSource, 'department_editor', { departmentId: department.id })).username);
    headersOf.apiKey = await apiKeyHeaders(database.dataSource, ['projects:read', 'reports:read', 'audit:read']);
    headersOf.anonymous = {};
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** Real ids where the path names them, so that the hostile parts reach the services behind existing records. */
  function realPathValue(operation: Operation, parameter: Parameter): string | undefined {
    const name = parameter.name;
    const before = operation.path.slice(0, operation.path.indexOf(`{${name}}`));
    if (name === 'projectId' || (name === 'id' && before.endsWith('/projects/'))) return real.project;
    if (name === 'milestoneId' || (name === 'id' && before.endsWith('/milestones/'))) return real.milestone;
    if (name === 'departmentId' || (name === 'id' && before.endsWith('/departments/'))) return real.department;
    if (name === 'isoWeek') return '2026-W47';
    if (name === 'year') return '2026';
    if (name === 'month') return '2026-11';
    if (name === 'number') return '2';
    return undefined;
  }

  function shapeProblem(operation: Operation, response: LightMyRequestResponse): string | undefined {
    // /health answers 503 when Postgres or Redis is slow to answer (a loaded test machine): about them, not the input.
    if (operation.path === '/health' && response.statusCode === 503) return undefined;
    if (response.statusCode >= 500) return 'server error';
    if (response.statusCode < 400) return undefined;
    let body: Record<string, unknown>;
    try {
      body = response.json();
    } catch {
      return `not JSON: ${response.body.slice(0, 80)}`;
    }
    const details = body.details;
    const fine =
      body.statusCode === response.statusCode &&
      typeof body.code === 'string' &&
      body.code !== '' &&
      typeof body.message === 'string' &&
      typeof body.requestId === 'string' &&
      Array.isArray(details) &&
      details.every((detail) => typeof detail?.field === 'string' && typeof detail?.reason === 'string');
    return fine ? undefined : `not the error shape: ${response.body.slice(0, 160)}`;
  }

  it('never answers 5xx, and every 4xx has the one error shape', async () => {
    const documentResponse = await app.inject({ method: 'GET', url: '/docs-json' });
    expect(documentResponse.statusCode).toBe(200);
    const document: OpenApiDocument = documentResponse.json();
    const fuzzer = new OperationFuzzer(document, seededRandom(SEED), realPathValue);
    const operations = fuzzer.operations();
    expect(operations.length).toBeGreaterThan(50);

    const cases: Array<{ operation: Operation; role: Role; strategy: Strategy }> = [];
    operations.forEach((operation, operationIndex) => {
      ROLES.forEach((role, roleIndex) => {
        for (let i = 0; i < CASES_PER_ROLE; i++) {
          // Every strategy once per operation, and each caller meets every strategy across operations.
          cases.push({ operation, role, strategy: STRATEGIES[(operationIndex + roleIndex * CASES_PER_ROLE + i) % STRATEGIES.length] });
        }
      });
    });

    const failures: Failure[] = [];
    const statuses = new Map<number, number>();
    for (let start = 0; start < cases.length; start += CONCURRENCY) {
      await Promise.all(
        cases.slice(start, start + CONCURRENCY).map(async ({ operation, role, strategy }) => {
          const request = fuzzer.request(operation, strategy);
          const response = await app.inject({
            method: request.method as 'GET',
            url: request.url,
            headers: { ...request.headers, ...headersOf[role] },
            payload: request.payload,
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          const problem = shapeProblem(operation, response);
          if (problem) {
            failures.push({
              operation: `${request.method} ${request.url.slice(0, 140)}${request.payload ? ` body ${request.payload.slice(0, 140)}` : ''}`,
              role,
              strategy,
              status: response.statusCode,
              problem,
            });
          }
        }),
      );
    }
    // Most hostile requests are refused; some must get through, or the fuzzer only tests the guards.
    expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
    expect(failures.slice(0, 25)).toEqual([]);
  }, 180_000);
});
