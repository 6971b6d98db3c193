import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, Response } from 'light-my-request';
import { AuditLog } from '@app/domain';
import { createUser, TEST_PASSWORD } from './support/factories';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Brute force: failed sign-ins throttled per account+address, per address and
 * per account (not from a known address), every attempt audited; and the
 * general rate limit counted by identity for callers with credentials, by
 * address for the others. Addresses come from light-my-request's
 * remoteAddress, i.e. the TCP peer.
 */
describe('sign-in throttle, sign-in audit and the general rate limit', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database); // LOGIN_* defaults: 10 per account+address, 50 per address, 900 s
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const login = (on: NestFastifyApplication, username: string, password: string, from: string, headers: InjectOptions['headers'] = {}) =>
    on.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: from, headers });
  const signInRows = (entityId: string) =>
    database.dataSource.getRepository(AuditLog).find({ where: { entityType: 'sign_in', entityId }, order: { id: 'ASC' } });

  function expectThrottled(response: Response): void {
    expect(response.statusCode).toBe(429);
    expect(response.json()).toMatchObject({ statusCode: 429, code: 'TOO_MANY_LOGIN_FAILURES', details: [] });
    const retryAfter = Number(response.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(900);
  }

  describe('failed sign-ins', () => {
    it('the 11th wrong password from one address gets 429 with Retry-After; the right one from another address still works', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      for (let attempt = 1; attempt <= 10; attempt++) {
        const response = await login(app, user.username, `wrong-guess-${attempt}`, '198.51.100.7', { 'user-agent': 'guesser/1.0' });
        expect(response.statusCode).toBe(401);
      }
      expectThrottled(await login(app, user.username, 'wrong-guess-11', '198.51.100.7'));
      // Refused before the password is looked at: the right one is refused too, from that address.
      expectThrottled(await login(app, user.username, TEST_PASSWORD, '198.51.100.7'));
      // The real user at their own desk is not locked out.
      const real = await login(app, user.username, TEST_PASSWORD, '192.0.2.10', { 'user-agent': 'Mozilla/5.0 desk' });
      expect(real.statusCode).toBe(200);

      const rows = await signInRows(user.id);
      expect(rows.map((row) => [row.action, row.after?.outcome, row.after?.address])).toEqual([
        ...Array.from({ length: 10 }, () => ['sign_in_failed', 'wrong_password', '198.51.100.7']),
        ['sign_in_failed', 'throttled', '198.51.100.7'],
        ['sign_in_failed', 'throttled', '198.51.100.7'],
        ['sign_in', 'success', '192.0.2.10'],
      ]);
      expect(rows[0]).toMatchObject({ actorType: 'user', actorId: user.id, actorName: user.username, after: { userAgent: 'guesser/1.0', via: 'bearer' } });
      expect(rows[12]).toMatchObject({ actorId: user.id, requestId: expect.any(String), after: { userAgent: 'Mozilla/5.0 desk', sessionId: expect.any(String) } });
      expect(JSON.stringify(rows)).not.toMatch(/wrong-guess|test-password|\$2[aby]\$/);
    });

    it('a correct password clears the count of its address, so a few typos never add up to a lockout', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      for (let round = 0; round < 3; round++) {
        for (let typo = 0; typo < 9; typo++) expect((await login(app, user.username, 'typo-typo-typo', '192.0.2.20')).statusCode).toBe(401);
        expect((await login(app, user.username, TEST_PASSWORD, '192.0.2.20')).statusCode).toBe(200);
      }
    });

    it('audits a sign-in for an unknown name with no user, and the browser sign-in too', async () => {
      const unknown = await login(app, 'nobody-here', 'whatever-password', '192.0.2.30');
      expect(unknown.statusCode).toBe(401);
      expect(await signInRows('nobody-here')).toEqual([
        expect.objectContaining({ actorType: 'user', actorId: null, actorName: 'nobody-here', action: 'sign_in_failed', after: expect.objectContaining({ outcome: 'unknown_user' }) }),
      ]);
      const user = await createUser(database.dataSource, 'viewer');
      const session = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { username: user.username, password: TEST_PASSWORD }, remoteAddress: '192.0.2.31' });
      expect(session.statusCode).toBe(200);
      expect(await signInRows(user.id)).toEqual([expect.objectContaining({ action: 'sign_in', after: expect.objectContaining({ via: 'cookie', address: '192.0.2.31' }) })]);
    });

    it('X-Forwarded-For from a peer not named in TRUST_PROXY does not change the bucket', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      for (let attempt = 1; attempt <= 10; attempt++) {
        const response = await login(app, user.username, 'wrong-guess', '198.51.100.8', { 'x-forwarded-for': `203.0.113.${attempt}` });
        expect(response.statusCode).toBe(401);
      }
      expectThrottled(await login(app, user.username, 'wrong-guess', '198.51.100.8', { 'x-forwarded-for': '203.0.113.99' }));
      const rows = await signInRows(user.id);
      expect(rows.every((row) => row.after?.address === '198.51.100.8')).toBe(true);
    });

    it('behind a proxy named in TRUST_PROXY, each forwarded client has its own bucket', async () => {
      const proxied = await createTestApp(database, { TRUST_PROXY: '198.51.100.9' });
      try {
        const user = await createUser(database.dataSource, 'viewer');
        for (let attempt = 1; attempt <= 10; attempt++) {
          expect((await login(proxied, user.username, 'wrong-guess', '198.51.100.9', { 'x-forwarded-for': '203.0.113.50' })).statusCode).toBe(401);
        }
        expectThrottled(await login(proxied, user.username, 'wrong-guess', '198.51.100.9', { 'x-forwarded-for': '203.0.113.50' }));
        expect((await login(proxied, user.username, TEST_PASSWORD, '198.51.100.9', { 'x-forwarded-for': '203.0.113.51' })).statusCode).toBe(200);
      } finally {
        await proxied.close();
      }
    });

    it('one address trying many accounts is stopped by LOGIN_MAX_FAILURES_PER_ADDRESS; other addresses are not', async () => {
      const strict = await createTestApp(database, { LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
      try {
        const users = await Promise.all([1, 2, 3, 4].map(() => createUser(database.dataSource, 'viewer')));
        for (const user of users.slice(0, 3)) expect((await login(strict, user.username, 'Spring-2026!', '198.51.100.20')).statusCode).toBe(401);
        expectThrottled(await login(strict, users[3].username, 'Spring-2026!', '198.51.100.20'));
        expect((await login(strict, users[3].username, TEST_PASSWORD, '198.51.100.21')).statusCode).toBe(200);
      } finally {
        await strict.close();
      }
    });

    it('guesses spread over many addresses lock the account only for addresses it has not signed in from', async () => {
      const strict = await createTestApp(database, { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' });
      try {
        const user = await createUser(database.dataSource, 'viewer');
        expect((await login(strict, user.username, TEST_PASSWORD, '192.0.2.40')).statusCode).toBe(200); // the user's desk
        for (const from of ['198.51.100.31', '198.51.100.32', '198.51.100.33']) {
          expect((await login(strict, user.username, 'wrong-guess', from)).statusCode).toBe(401);
        }
        expectThrottled(await login(strict, user.username, TEST_PASSWORD, '198.51.100.34'));
        expect((await login(strict, user.username, TEST_PASSWORD, '192.0.2.40')).statusCode).toBe(200);
      } finally {
        await strict.close();
      }
    });

    it('refuses 50 parallel guesses beyond the limit: at most 10 reach the password check', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      const responses = await Promise.all(Array.from({ length: 50 }, () => login(app, user.username, 'wrong-guess', '198.51.100.40')));
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 401)).toHaveLength(10);
      expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    });
  });

  describe('the general rate limit', () => {
    let limited: NestFastifyApplication;

    beforeAll(async () => {
      limited = await createTestApp(database, { RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5' });
    });

    afterAll(async () => {
      await limited?.close();
    });

    async function bearerOf(username: string): Promise<{ authorization: string }> {
      // Signed in from an address of its own: sign-in is anonymous and would spend the office's budget.
      const response = await login(limited, username, TEST_PASSWORD, `192.0.2.${100 + Math.floor(Math.random() * 100)}`);
      expect(response.statusCode).toBe(200);
      return { authorization: `Bearer ${response.json().accessToken}` };
    }
    const get = (url: string, from: string, headers: InjectOptions['headers'] = {}) => limited.inject({ method: 'GET', url, remoteAddress: from, headers });

    it('counts a signed-in user by identity: two users behind one address do not share a budget', async () => {
      const first = await bearerOf((await createUser(database.dataSource, 'viewer')).username);
      const second = await bearerOf((await createUser(database.dataSource, 'viewer')).username);
      const office = '10.20.30.40';
      // Different routes, one budget per caller.
      for (const url of ['/api/v1/auth/me', '/api/v1/departments', '/api/v1/auth/me', '/api/v1/departments', '/api/v1/auth/me']) {
        expect((await get(url, office, first)).statusCode).toBe(200);
      }
      const over = await get('/api/v1/departments', office, first);
      expect(over.statusCode).toBe(429);
      expect(over.json()).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: [] });
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await get('/api/v1/departments', office, second)).statusCode).toBe(200);
      // The same user from another address is the same caller.
      expect((await get('/api/v1/auth/me', '10.20.30.41', first)).statusCode).toBe(429);
    });

    it('counts an API key by identity too', async () => {
      const key = await apiKeyHeaders(database.dataSource, ['projects:read']);
      const user = await bearerOf((await createUser(database.dataSource, 'viewer')).username);
      for (let call = 0; call < 5; call++) expect((await get('/api/v1/projects', '10.20.30.50', key)).statusCode).toBe(200);
      expect((await get('/api/v1/projects', '10.20.30.50', key)).statusCode).toBe(429);
      expect((await get('/api/v1/auth/me', '10.20.30.50', user)).statusCode).toBe(200);
    });

    it('counts requests without valid credentials by address; X-Forwarded-For from an untrusted peer changes nothing', async () => {
      for (let call = 1; call <= 5; call++) {
        const response = await get('/api/v1/auth/me', '10.20.30.60', { 'x-forwarded-for': `203.0.113.${call}`, authorization: 'Bearer not-a-token' });
        expect(response.statusCode).toBe(401);
      }
      const over = await get('/health', '10.20.30.60', { 'x-forwarded-for': '203.0.113.77' });
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await get('/health', '10.20.30.61')).statusCode).not.toBe(429);
      // A user signed in behind that address is not held back by it.
      const user = await bearerOf((await createUser(database.dataSource, 'viewer')).username);
      expect((await get('/api/v1/auth/me', '10.20.30.60', user)).statusCode).toBe(200);
    });
  });
});
