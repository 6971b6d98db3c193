import { request } from 'node:http';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, TestWorker } from './support/worker-app';

function getHealth(port: number, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: '/health', headers }, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The worker's only HTTP surface, /health (queue backlog, outbox, calendar): on
 * the loopback interface unless WORKER_HEALTH_HOST says otherwise, and behind a
 * bearer token when WORKER_HEALTH_TOKEN is set. docker-compose's healthcheck runs
 * inside the container, on 127.0.0.1, so it keeps working.
 */
describe('worker health endpoint exposure', () => {
  const NOW = '2026-10-13T01:00:00Z';
  let database: TestDatabase;
  let worker: TestWorker | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  afterAll(async () => {
    await database.drop();
  });

  it('listens on 127.0.0.1 by default', async () => {
    worker = await createTestWorker(database, { now: NOW, env: { WORKER_HEALTH_HOST: '', WORKER_HEALTH_TOKEN: '' } });
    expect(worker.health.address).toBe('127.0.0.1');
    const { status, body } = await getHealth(worker.health.port!);
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
  });

  it('asks for the token when WORKER_HEALTH_TOKEN is set, and compares it exactly', async () => {
    const token = 'health-token-0123456789abcdef0123';
    worker = await createTestWorker(database, { now: NOW, env: { WORKER_HEALTH_TOKEN: token } });
    const port = worker.health.port!;
    const refused = await getHealth(port);
    expect(refused.status).toBe(401);
    expect(refused.body).not.toContain('postgres');
    expect((await getHealth(port, { authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await getHealth(port, { authorization: `Bearer ${token.slice(0, -1)}` })).status).toBe(401);
    expect((await getHealth(port, { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});
