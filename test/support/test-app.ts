import { randomBytes } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { createFastifyAdapter } from '../../apps/api/src/create-app';
import { installContractCheck } from './contract';
import { TEST_REDIS_URL } from './services';
import { TestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-at-least-16-chars';

/**
 * A BullMQ key prefix of a test's own: `kpt-test-<run>-<label>-<random>`. The run id
 * (set by globalSetup) lets globalTeardown delete this run's keys and nobody else's.
 */
export function testQueuePrefix(label = 'app'): string {
  return `kpt-test-${process.env.KPT_TEST_RUN_ID ?? 'adhoc'}-${label}-${randomBytes(4).toString('hex')}`;
}

/** Environment of an app under test: its own database and its own Redis key prefix. */
export function testEnv(database: TestDatabase, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    QUEUE_PREFIX: testQueuePrefix(),
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
    // The robot sinks of test/support/channel-sinks.ts listen on 127.0.0.1; every other
    // non-public address stays refused (test/channel-ssrf.e2e-spec.ts turns this off too).
    CHANNEL_ALLOW_LOOPBACK: 'true',
    ...overrides,
  };
}

type ModuleBuilder = ReturnType<typeof Test.createTestingModule>;

/**
 * The real API (real Postgres, real Redis), served in-process; call it with app.inject(). Every response that
 * inject() returns is checked against the app's OpenAPI document (test/support/contract.ts): a status, body or
 * Content-Type the document does not declare fails the test.
 * `override` replaces providers, e.g. the DNS resolver of the outbound-address guard.
 */
export async function createTestApp(
  database: TestDatabase,
  env: Record<string, string> = {},
  override?: (builder: ModuleBuilder) => ModuleBuilder,
): Promise<NestFastifyApplication> {
  Object.assign(process.env, testEnv(database, env));
  let builder = Test.createTestingModule({ imports: [AppModule] });
  if (override) builder = override(builder);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(), { logger: false });
  await configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  await installContractCheck(app);
  return app;
}
