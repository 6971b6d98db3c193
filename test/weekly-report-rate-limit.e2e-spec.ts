import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createApiKey, FIXED_NOW } from './weekly-report.fixture';

describe('weekly report routes: their own rate limit per caller, 429 with Retry-After', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    // A tiny report limit; the global limit stays generous (the test env's RATE_LIMIT_PER_MINUTE).
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW, REPORT_RATE_LIMIT_PER_MINUTE: '3' });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers the 4th report request of a key within a minute with 429, Retry-After and our error shape; other callers are not affected', async () => {
    const key = await createApiKey(database.dataSource, ['reports:read']);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/latest', headers: { 'x-api-key': key } });
      statuses.push(response.statusCode);
      expect(response.headers['x-ratelimit-remaining-reports']).toBe(String(2 - i));
    }
    expect(statuses).toEqual([404, 404, 404]); // nothing built: still counted

    const limited = await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/latest', headers: { 'x-api-key': key } });
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toEqual({
      statusCode: 429,
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('retry after'),
      details: [],
      requestId: expect.any(String),
    });

    // Same address (every inject comes from 127.0.0.1), other callers: counted apart.
    const otherKey = await createApiKey(database.dataSource, ['reports:read']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/latest', headers: { 'x-api-key': otherKey } })).statusCode).toBe(404);
    const user = await createUser(database.dataSource, 'viewer');
    const viewer = await signIn(app, user.username);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/2026-W47', headers: viewer })).statusCode).toBe(404);
    // Routes outside the reports keep only the global limit.
    expect((await app.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: { 'x-api-key': key } })).statusCode).toBe(200);
  });
});
