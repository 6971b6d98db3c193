import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';

/** Where the tests find Postgres (an admin connection that may create databases) and Redis. */
export function testAdminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The credentials of the postgres service in docker-compose.yml. */
const COMPOSE_DATABASE_URL = 'postgres://kpt:kpt@127.0.0.1:5432/kpt';

export function databaseUrl(name: string): string {
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgresAnswers(): Promise<boolean> {
  const client = new Client({ connectionString: testAdminDatabaseUrl(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

function dockerAvailable(): boolean {
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes sure Postgres and Redis answer. When they do not and a Docker engine is
 * there, starts the two services from docker-compose.yml and waits for them.
 */
export async function ensureServices(): Promise<void> {
  if ((await postgresAnswers()) && (await redisAnswers())) return;
  const composeFile = join(__dirname, '..', '..', 'docker-compose.yml');
  if (!existsSync(composeFile) || !dockerAvailable()) {
    throw new Error(
      `Tests need PostgreSQL at ${testAdminDatabaseUrl()} and Redis at ${TEST_REDIS_URL} (set TEST_DATABASE_URL / TEST_REDIS_URL), ` +
        'or a Docker engine to start them from docker-compose.yml.',
    );
  }
  try {
    execSync(`docker compose -f ${composeFile} up -d --wait postgres redis`, { stdio: 'inherit', timeout: 180_000 });
  } catch {
    // Compose v1 has no --wait; the loop below waits instead.
    execSync(`docker-compose -f ${composeFile} up -d postgres redis`, { stdio: 'inherit', timeout: 180_000 });
  }
  // Set in globalSetup, this reaches every Jest worker.
  process.env.TEST_DATABASE_URL ??= COMPOSE_DATABASE_URL;
  for (let attempt = 0; attempt < 60; attempt++) {
    if ((await postgresAnswers()) && (await redisAnswers())) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('Postgres or Redis started from docker-compose.yml did not answer within a minute');
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: testAdminDatabaseUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
