/**
 * One rule for query strings, on every operation of the OpenAPI document (so routes added later are covered
 * without a new test): an unknown query parameter, and an unknown value of a documented enum query parameter, are a
 * 400 whose details name the parameter. (The weekly report's `format` picks a representation, so an unknown one is
 * 406 Not Acceptable, details naming `format`.)
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { createDepartment, createUser, signIn } from './support/factories';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

interface Parameter {
  name: string;
  in: string;
  schema?: { enum?: unknown[]; example?: unknown; type?: string; items?: { enum?: unknown[] } };
  example?: unknown;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
}

/** A value a path parameter could have: its example, its first enum value, or a UUID. */
function pathValue(parameter: Parameter): string {
  const example = parameter.example ?? parameter.schema?.example ?? parameter.schema?.enum?.[0];
  if (example !== undefined) return encodeURIComponent(String(example));
  if (parameter.name === 'isoWeek') return '2026-W01';
  return randomUUID();
}

describe('query parameters: one rule on every operation', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let operations: Operation[];
  let credentials: Array<Record<string, string>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).json() as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    operations = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ method: method.toUpperCase(), path, parameters: operation.parameters ?? [] })),
    );
    const department = await createDepartment(database.dataSource);
    const admin = await createUser(database.dataSource, 'admin');
    const supervisor = await createUser(database.dataSource, 'supervisor');
    const editor = await createUser(database.dataSource, 'department_editor', { departmentId: department.id });
    credentials = [
      await signIn(app, admin.username),
      await signIn(app, supervisor.username),
      await signIn(app, editor.username),
      await apiKeyHeaders(database.dataSource, ['projects:read', 'reports:read', 'audit:read']),
    ];
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  /** The request as the first caller who may make it (admin, supervisor, editor, API key): a 401/403 would hide the rule. */
  async function send(operation: Operation, query: string) {
    const url =
      operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValue(operation.parameters.find((parameter) => parameter.name === name) ?? { name, in: 'path' })) +
      `?${query}`;
    let response = await app.inject({ method: operation.method as 'GET', url });
    for (const headers of credentials) {
      if (response.statusCode !== 401 && response.statusCode !== 403) break;
      response = await app.inject({ method: operation.method as 'GET', url, headers, payload: operation.method === 'GET' ? undefined : {} });
    }
    return response;
  }

  it('covers every operation of the document', () => {
    expect(operations.length).toBeGreaterThan(60);
  });

  it('refuses an unknown query parameter with 400 naming it, on every operation', async () => {
    const wrong: string[] = [];
    for (const operation of operations) {
      const response = await send(operation, 'pageSizee=20');
      const details: Array<{ field: string }> = response.statusCode === 400 ? response.json().details : [];
      if (!details.some((detail) => detail.field === 'pageSizee')) wrong.push(`${operation.method} ${operation.path} → ${response.statusCode} ${response.payload.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an unknown value of every enum query parameter with 400 naming it', async () => {
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const operation of operations) {
      for (const parameter of operation.parameters.filter((candidate) => candidate.in === 'query' && (candidate.schema?.enum ?? candidate.schema?.items?.enum))) {
        const response = await send(operation, `${encodeURIComponent(parameter.name)}=no-such-value`);
        const expected = parameter.name === 'format' && operation.path.startsWith('/api/v1/reports/weekly/') ? 406 : 400;
        const details: Array<{ field: string }> = response.statusCode === expected ? response.json().details : [];
        checked.push(`${operation.method} ${operation.path} ${parameter.name}`);
        if (!details.some((detail) => detail.field === parameter.name)) {
          wrong.push(`${operation.method} ${operation.path} ?${parameter.name} → ${response.statusCode} ${response.payload.slice(0, 200)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['GET /api/v1/projects kind', 'GET /api/v1/reports/weekly/latest section']));
  });
});
