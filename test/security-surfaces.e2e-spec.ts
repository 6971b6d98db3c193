import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LightMyRequestResponse } from 'fastify';
import { createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * What the API shows to anyone who can reach it: security headers on every
 * response (with a CSP the web workbench — Vite-built Vue + Element Plus, same
 * origin — and Swagger UI can live with), Swagger only where it is public, and
 * Bull Board for admins only.
 */
describe('security headers and public surfaces', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  function expectSecurityHeaders(response: LightMyRequestResponse, what: string): void {
    const csp = String(response.headers['content-security-policy'] ?? '');
    const directives = new Map(
      csp
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name, ...values]) => [name, values]),
    );
    expect([what, directives.get('default-src')]).toEqual([what, ["'self'"]]);
    expect([what, directives.get('script-src')]).toEqual([what, ["'self'"]]);
    expect([what, directives.get('style-src')]).toEqual([what, ["'self'", "'unsafe-inline'"]]);
    expect([what, directives.get('img-src')]).toEqual([what, ["'self'", 'data:', 'blob:']]);
    expect([what, directives.get('connect-src')]).toEqual([what, ["'self'"]]);
    expect([what, directives.get('frame-ancestors')]).toEqual([what, ["'none'"]]);
    expect([what, directives.get('object-src')]).toEqual([what, ["'none'"]]);
    expect([what, response.headers['x-content-type-options']]).toEqual([what, 'nosniff']);
    expect([what, response.headers['x-frame-options']]).toEqual([what, 'DENY']);
    expect([what, response.headers['referrer-policy']]).toEqual([what, 'no-referrer']);
    expect([what, response.headers['strict-transport-security']]).toEqual([what, expect.stringMatching(/max-age=\d+/)]);
    expect([what, response.headers['x-powered-by']]).toEqual([what, undefined]);
  }

  describe('outside production (docs public)', () => {
    let app: NestFastifyApplication;
    let admin: { authorization: string };
    let viewer: { authorization: string };

    beforeAll(async () => {
      app = await createTestApp(database);
      admin = await signIn(app, (await createUser(database.dataSource, 'admin')).username);
      viewer = await signIn(app, (await createUser(database.dataSource, 'viewer')).username);
    });

    afterAll(async () => {
      await app.close();
    });

    it('sends the security headers on every kind of response', async () => {
      const responses: Array<[string, LightMyRequestResponse]> = [
        ['health', await app.inject({ method: 'GET', url: '/health' })],
        ['a read', await app.inject({ method: 'GET', url: '/api/v1/projects', headers: viewer })],
        ['401', await app.inject({ method: 'GET', url: '/api/v1/projects' })],
        ['404', await app.inject({ method: 'GET', url: '/no-such-page' })],
        ['400 from the parser', await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{' })],
        ['413', await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: `"${'x'.repeat(1_100_000)}"` })],
        ['Swagger UI', await app.inject({ method: 'GET', url: '/docs' })],
        ['OpenAPI JSON', await app.inject({ method: 'GET', url: '/docs-json' })],
        ['Bull Board', await app.inject({ method: 'GET', url: '/admin/queues' })],
      ];
      expect(responses.find(([, response]) => response.statusCode === 200 && response.headers['content-type']?.toString().includes('json'))).toBeDefined();
      for (const [what, response] of responses) expectSecurityHeaders(response, what);
    });

    it('serves Swagger UI that runs under the CSP: only same-origin scripts, all of them served', async () => {
      const page = await app.inject({ method: 'GET', url: '/docs' });
      expect(page.statusCode).toBe(200);
      const scripts = [...page.body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, inline] of scripts) {
        // script-src 'self' forbids inline code: every script must be a file of our own origin.
        expect(inline.trim()).toBe('');
        const src = /src=["']([^"']+)["']/.exec(attributes)?.[1];
        expect(src).toBeDefined();
        expect(src).not.toMatch(/^(https?:)?\/\//);
        const file = await app.inject({ method: 'GET', url: new URL(src!, 'http://localhost/docs').pathname });
        expect([src, file.statusCode]).toEqual([src, 200]);
      }
      const documentJson = await app.inject({ method: 'GET', url: '/docs-json' });
      expect(documentJson.statusCode).toBe(200);
      expect(documentJson.json().openapi).toMatch(/^3\./);
    });

    it('keeps Bull Board for admins only', async () => {
      expect((await app.inject({ method: 'GET', url: '/admin/queues' })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/admin/queues', headers: viewer })).statusCode).toBe(403);
      const page = await app.inject({ method: 'GET', url: '/admin/queues', headers: admin });
      expect(page.statusCode).toBe(200);
      expectSecurityHeaders(page, 'Bull Board as admin');
    });
  });

  describe('in production', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      SECRETS_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      CHANNEL_ALLOW_LOOPBACK: 'false',
    };

    it('does not serve /docs or /docs-json unless DOCS_PUBLIC=true: a 404 in the one error shape', async () => {
      const app = await createTestApp(database, { ...production, DOCS_PUBLIC: 'false' });
      try {
        for (const url of ['/docs', '/docs/', '/docs-json', '/docs/swagger-ui-init.js']) {
          const response = await app.inject({ method: 'GET', url });
          expect([url, response.statusCode]).toEqual([url, 404]);
          expect(response.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
          expectSecurityHeaders(response, url);
        }
        expect((await app.inject({ method: 'GET', url: '/health' })).headers['content-security-policy']).toBeDefined();
      } finally {
        await app.close();
      }
    });

    it('serves them when DOCS_PUBLIC=true', async () => {
      const app = await createTestApp(database, { ...production, DOCS_PUBLIC: 'true' });
      try {
        expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBe(200);
        expect((await app.inject({ method: 'GET', url: '/docs-json' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    });
  });
});
