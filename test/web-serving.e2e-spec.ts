import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The API serves the built web workbench: files with the right cache headers, index.html for the app's own
 * paths (history mode), and never in place of the API, the docs, health or Bull Board. A small stand-in build
 * (index.html + one hashed asset) keeps this spec independent of the Vite build.
 */
/** A chunk large enough to be worth compressing (the real charts chunk is ~700 KB). */
const BIG_SCRIPT = Array.from({ length: 2000 }, (_, i) => `export const series${i} = { name: '红灯项目数', value: ${i} };`).join('\n');

describe('web workbench serving', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'kpt-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(
      join(webDir, 'index.html'),
      '<!doctype html><html lang="zh-CN"><head><title>玉泉区重点项目调度平台</title><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="app"></div></body></html>',
    );
    writeFileSync(join(webDir, 'assets', 'index-AbC123.js'), 'console.log("app")');
    writeFileSync(join(webDir, 'assets', 'charts-Big456.js'), BIG_SCRIPT);
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    database = await createTestDatabase();
    app = await createTestApp(database, { WEB_APP_DIR: webDir, WEB_APP_TITLE: '测试区<调度>平台' });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    rmSync(webDir, { recursive: true, force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });
  const gzipUnzip = (body: Buffer) => gunzipSync(body).toString('utf8');
  const brotliUnzip = (body: Buffer) => brotliDecompressSync(body).toString('utf8');

  it('serves index.html at / and at any page of the app, never cached, with the configured system name', async () => {
    for (const url of ['/', '/projects', '/projects/6a0b6f2e-0000-4000-8000-000000000000?tab=milestones', '/login?redirect=%2Fprojects']) {
      const response = await get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<div id="app">');
      expect(response.body).toContain('<title>测试区&lt;调度&gt;平台</title>');
    }
  });

  it('compresses what is worth it for a client that asks, and nothing for one that does not', async () => {
    const gzipped = await app.inject({ method: 'GET', url: '/assets/charts-Big456.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.statusCode).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(String(gzipped.headers.vary)).toMatch(/accept-encoding/i);
    expect(gzipUnzip(gzipped.rawPayload)).toBe(BIG_SCRIPT);
    expect(gzipped.rawPayload.length).toBeLessThan(BIG_SCRIPT.length / 5);

    // The API's JSON too (here the OpenAPI document, ~0.5 MB), in Brotli when the client prefers it.
    const document = await app.inject({ method: 'GET', url: '/docs-json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(document.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliUnzip(document.rawPayload)).openapi).toMatch(/^3\./);

    const plain = await app.inject({ method: 'GET', url: '/assets/charts-Big456.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BIG_SCRIPT);
  });

  it('serves hashed assets as immutable for a year, other files no-cache', async () => {
    const asset = await get('/assets/index-AbC123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.body).toBe('console.log("app")');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing file with 404, not with the page', async () => {
    const response = await get('/assets/index-Old999.js');
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('<div id="app">');
  });

  it('never shadows the API: an unknown /api path is the API’s JSON 404', async () => {
    for (const url of ['/api', '/api/v1', '/api/v1/no-such-thing', '/api/v2/projects']) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toMatchObject({ statusCode: 404, code: expect.any(String) });
    }
    const projects = await get('/api/v1/projects');
    expect(projects.statusCode).toBe(401);
    expect(projects.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('leaves health, the docs and Bull Board to their owners', async () => {
    const health = await get('/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok' });

    const docsJson = await get('/docs-json');
    expect(docsJson.statusCode).toBe(200);
    expect(docsJson.json()).toHaveProperty('openapi');

    const docs = await get('/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
    expect(docs.body).not.toContain('<div id="app">');

    const board = await get('/admin/queues');
    expect(board.statusCode).toBe(401);
    expect(board.body).not.toContain('<div id="app">');

    for (const url of ['/health/nope', '/docs/nope.txt', '/admin/queues/api/nope']) {
      const response = await get(url);
      expect(response.body).not.toContain('<div id="app">');
    }
  });

  it('does not answer writes to app paths with the page', async () => {
    const response = await app.inject({ method: 'POST', url: '/projects', payload: {} });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ statusCode: 404 });
  });
});
