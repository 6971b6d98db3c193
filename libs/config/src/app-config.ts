import { readFileSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import * as ipaddr from 'ipaddr.js';
import { isKnownPublicSecret } from './known-public-secrets';
import { developmentSecretBox, installSecretBox, SecretBox, secretBoxFromSettings, SecretKeyError } from './secret-box';
import { BooleanSetting, ChoiceSetting, HostListSetting, IntSetting, SettingDeclaration, settingsOf, TextSetting, UrlSetting } from './setting.decorators';

export const JWT_SECRET_MIN_BYTES = 32;
const NODE_ENVS = ['development', 'production', 'test'] as const;

/**
 * Every setting the API, the worker and the scripts read from the environment,
 * validated once at boot. A missing or malformed value stops the process with a
 * sentence that names the variable to set.
 *
 * Each variable is declared once, here: the initializer is its default, the decorator
 * its parsing, bounds, secrecy and meaning (setting.decorators.ts). The README's
 * configuration table is generated from these declarations: `npm run config:table`.
 */
export class AppConfig {
  // — The process —

  @ChoiceSetting({
    choices: NODE_ENVS,
    doc: '`production` turns on the production rules: `JWT_SECRET` and `SECRETS_ENCRYPTION_KEY` required, `/docs` hidden unless `DOCS_PUBLIC`, `CHANNEL_ALLOW_LOOPBACK` refused, `WORKER_HEALTH_TOKEN` needed beyond loopback, `KPT_FIXED_NOW` ignored, the demo seed refused unless `SEED_DEMO`',
  })
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @ChoiceSetting({
    choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    doc: 'pino level; logs are JSON with request ids, credentials redacted',
  })
  LOG_LEVEL = 'info';

  // A URL may carry a password, so both connection URLs are secrets.
  @UrlSetting({
    protocols: ['postgres:', 'postgresql:'],
    required: true,
    secret: true,
    doc: 'PostgreSQL URL (`postgres://user:password@host:5432/database`); the app refuses to start without a valid one and says what to set',
  })
  DATABASE_URL!: string;

  @UrlSetting({ protocols: ['redis:', 'rediss:'], secret: true, doc: 'Redis for BullMQ' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @TextSetting({ doc: 'prefix of every BullMQ key in Redis, so deployments (and test runs) can share one Redis' })
  QUEUE_PREFIX = 'kpt';

  // — The API —

  @IntSetting({ min: 1, max: 65535, doc: 'API port' })
  PORT = 3000;

  @TextSetting({ doc: 'links in reminders and reports' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  // Relative paths resolve from the working directory; without an index.html there the API runs alone (and logs it).
  @TextSetting({ doc: 'the built web workbench (`npm run build:web`) the API serves at `/` (without it the API runs alone)' })
  WEB_APP_DIR = 'dist/web';

  @TextSetting({ minLength: 1, doc: "the system name in the web workbench's top bar and title" })
  WEB_APP_TITLE = '玉泉区重点项目调度平台';

  @BooleanSetting({
    defaultNote: 'compose `true`',
    doc: 'with `NODE_ENV=production`, serve Swagger UI `/docs` and `/docs-json` (otherwise 404); always served outside production',
  })
  DOCS_PUBLIC = false;

  // "true" (everyone) is refused: anyone could then choose their address and escape the per-address limits.
  @TextSetting({
    allowed: '`false`, a hop count, or addresses/CIDRs; `true` is refused',
    doc: "whose `X-Forwarded-For`/`-Proto` to believe: `false` (nobody: the client address is the TCP peer), a hop count (`1`: one reverse proxy in front), or proxy addresses/CIDRs (`10.0.0.5,192.168.0.0/16`)",
  })
  TRUST_PROXY = 'false';

  @IntSetting({
    min: 1,
    doc: 'requests per signed-in user or API key per minute, over all routes, before 429 + `Retry-After` (counted by identity, not address; per API process)',
  })
  RATE_LIMIT_PER_MINUTE = 1200;

  @IntSetting({
    min: 1,
    doc: 'requests per client address per minute without valid credentials (sign-in, health, docs, a bad token or key) before 429 + `Retry-After` (per API process)',
  })
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 300;

  // Building and rendering a 周报 is heavy, hence a stricter limit than RATE_LIMIT_PER_MINUTE.
  @IntSetting({ min: 1, doc: 'weekly-report requests (`/reports/weekly/*`) per API key or user per minute before 429 + `Retry-After`' })
  REPORT_RATE_LIMIT_PER_MINUTE = 60;

  // — Sign-in and sessions —

  @TextSetting({
    secret: true,
    defaultNote: 'outside production a public development value',
    allowed: `production: ≥ ${JWT_SECRET_MIN_BYTES} bytes, none of the values written in this repository`,
    doc: 'signs access tokens (HS256). Production: required (or `JWT_SECRET_FILE`), and the API, worker and scripts refuse to start with a short or a known one (`openssl rand -base64 48`)',
  })
  JWT_SECRET?: string;

  @TextSetting({
    defaultNote: 'compose: `/var/lib/kpt-secrets/jwt-secret`',
    doc: 'file holding `JWT_SECRET`, read when `JWT_SECRET` is empty; `docker compose` generates it on first start',
  })
  JWT_SECRET_FILE?: string;

  @IntSetting({ min: 60, doc: 'lifetime of a sign-in session (Bearer token and browser cookie), in seconds' })
  JWT_TTL_SECONDS = 8 * 3600;

  @IntSetting({
    min: 1,
    max: 1000,
    doc: 'failed sign-ins per account **and** address within the window; the next attempt from that address for that account gets 429 + `Retry-After` (a correct password clears the count)',
  })
  LOGIN_MAX_FAILURES = 10;

  @IntSetting({ min: 1, max: 100_000, doc: 'failed sign-ins per address over all accounts within the window before 429 (password spraying)' })
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  // The exception keeps a stranger from locking the real user out.
  @IntSetting({
    min: 1,
    max: 100_000,
    doc: 'failed sign-ins per account over all addresses within the window; then 429 for that account — except from an address it signed in from in the last 30 days',
  })
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 100;

  @IntSetting({
    min: 10,
    max: 86_400,
    doc: 'window of the failure counts in seconds (fixed, shared by all API processes through Postgres); the lockout ends with it',
  })
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @IntSetting({
    min: 0,
    max: 300,
    doc: 'how long Bull Board (`/admin/queues`) trusts what it last read of an account (active, role), in seconds; `0` reads it on every request, and the instance that made a change forgets at once. The API itself reads the session and the account on every request',
  })
  USER_ACCESS_CACHE_TTL_SECONDS = 30;

  // — Imports and exports —

  @IntSetting({ min: 1024, doc: 'largest Excel upload (bytes, as uploaded)' })
  IMPORT_MAX_FILE_BYTES = 5 * 1024 * 1024;

  @IntSetting({ min: 1024, doc: 'largest unzipped size of an uploaded workbook, in bytes (zip bombs stop here, before any parsing)' })
  IMPORT_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

  @IntSetting({ min: 1, max: 100_000, doc: 'most data rows per import' })
  IMPORT_MAX_ROWS = 5000;

  // OC4IDS asks publishers to register a prefix (oc4ids-xxxxxx-); until then this local one is used.
  @TextSetting({
    pattern: {
      regex: /^[A-Za-z0-9][A-Za-z0-9-]*-$/,
      message: 'OC4IDS_PREFIX must be letters, digits and hyphens, ending in a hyphen (e.g. oc4ids-abc123-)',
    },
    allowed: 'letters, digits, hyphens, ending in `-`',
    doc: 'prefix of project ids in the OC4IDS export (`<prefix><project uuid>`)',
  })
  OC4IDS_PREFIX = 'oc4ids-yuquan-';

  // — Attachments (现场照片、验收文件、批复) —

  @ChoiceSetting({
    choices: ['local', 's3'],
    doc: 'where attachment files live: `local` (a directory, `ATTACHMENTS_DIR`; compose mounts a volume there) or `s3` (any S3-compatible store: MinIO, Aliyun OSS, Tencent COS; the `ATTACHMENTS_S3_*` settings)',
  })
  ATTACHMENTS_STORAGE: 'local' | 's3' = 'local';

  // Relative paths resolve from the working directory.
  @TextSetting({ minLength: 1, defaultNote: 'compose `/data/attachments` (volume `attachments`)', doc: 'directory of the local attachment store; uploads are spooled in its `.incoming/` first' })
  ATTACHMENTS_DIR = 'data/attachments';

  @IntSetting({ min: 1024, doc: 'largest attachment file, in bytes (20 MiB); a larger one is refused with 413' })
  ATTACHMENTS_MAX_FILE_BYTES = 20 * 1024 * 1024;

  @IntSetting({ min: 1024, doc: 'most bytes of attachment files in one upload request (100 MiB); more is refused with 413' })
  ATTACHMENTS_MAX_REQUEST_BYTES = 100 * 1024 * 1024;

  @IntSetting({ min: 1, max: 50, doc: 'most files in one attachment upload request' })
  ATTACHMENTS_MAX_FILES = 20;

  @TextSetting({ doc: 'S3 endpoint (`http://127.0.0.1:9000` for MinIO, `https://oss-cn-huhehaote.aliyuncs.com`, …); empty: the AWS endpoint of the region' })
  ATTACHMENTS_S3_ENDPOINT = '';

  @TextSetting({ minLength: 1, doc: 'S3 region (MinIO accepts any)' })
  ATTACHMENTS_S3_REGION = 'us-east-1';

  @TextSetting({ doc: 'S3 bucket of the attachment files (required with `ATTACHMENTS_STORAGE=s3`)' })
  ATTACHMENTS_S3_BUCKET = '';

  @TextSetting({ secret: true, doc: 'S3 access key id' })
  ATTACHMENTS_S3_ACCESS_KEY_ID = '';

  @TextSetting({ secret: true, doc: 'S3 secret access key' })
  ATTACHMENTS_S3_SECRET_ACCESS_KEY = '';

  @BooleanSetting({ doc: 'address the bucket in the path (`endpoint/bucket/key`), as MinIO needs; `false` for virtual-hosted buckets (OSS, COS)' })
  ATTACHMENTS_S3_FORCE_PATH_STYLE = true;

  // — Delivery channels and their secrets —

  @TextSetting({
    secret: true,
    defaultNote: 'required in production',
    allowed: '32 bytes, base64 or hex',
    doc: 'encrypts channel tokens and 加签 secrets in the database (AES-256-GCM): 32 random bytes (`openssl rand -base64 32`); or `SECRETS_ENCRYPTION_KEY_FILE`',
  })
  SECRETS_ENCRYPTION_KEY?: string;

  @TextSetting({
    defaultNote: 'compose: generated into the `app-secrets` volume',
    doc: 'a file holding the key instead of the variable (docker compose generates one on first start)',
  })
  SECRETS_ENCRYPTION_KEY_FILE?: string;

  @TextSetting({
    secret: true,
    allowed: 'keys as above, comma-separated',
    doc: 'earlier keys, still read until re-encryption (`npm run secrets:reencrypt`, or the API\'s start) has moved every value to the current key',
  })
  SECRETS_ENCRYPTION_PREVIOUS_KEYS?: string;

  @HostListSetting({
    defaultNote: 'any public host',
    doc: 'the only hosts a 钉钉/企业微信 robot URL may name, e.g. `oapi.dingtalk.com,qyapi.weixin.qq.com`; unset: any host whose addresses are all public',
  })
  CHANNEL_HOST_ALLOWLIST: string[] = [];

  // Every other non-public address (private, CGNAT, link-local, metadata, ULA, …) stays refused regardless.
  @BooleanSetting({
    defaultNote: 'refused in production',
    doc: '`true` lets robot URLs point at 127.0.0.1/::1/localhost, over http too — for the test suite\'s local sinks and local development only',
  })
  CHANNEL_ALLOW_LOOPBACK = false;

  @IntSetting({ min: 100, max: 120_000, doc: 'timeout of a 钉钉/企业微信/SMTP delivery, in milliseconds (after it the attempt counts as failed)' })
  CHANNEL_TIMEOUT_MS = 10_000;

  @UrlSetting({
    protocols: ['smtp:', 'smtps:'],
    secret: true,
    doc: 'SMTP server for e-mail reminders (`smtp://user:pass@host:587`, `smtps://` for TLS on 465); unset: e-mail deliveries fail saying so',
  })
  SMTP_URL?: string;

  @TextSetting({ doc: 'sender of e-mail reminders' })
  SMTP_FROM = '玉泉区重点工程调度 <noreply@localhost>';

  // — The worker —

  // 0: any free port, for tests.
  @IntSetting({ min: 0, max: 65535, doc: 'port of the worker health endpoint (`0`: any free port)' })
  WORKER_HEALTH_PORT = 3001;

  // Loopback by default: the backlog and outbox figures are for the machine (or container) itself —
  // docker-compose's healthcheck runs inside the container.
  @TextSetting({ doc: "address the worker's `/health` listens on; another than loopback needs `WORKER_HEALTH_TOKEN` in production" })
  WORKER_HEALTH_HOST = '127.0.0.1';

  @TextSetting({
    secret: true,
    minLength: 16,
    doc: "when set, the worker's `/health` answers only `Authorization: Bearer <token>` (else a bare 401)",
  })
  WORKER_HEALTH_TOKEN?: string;

  // Each delivery holds one database connection while it delivers.
  @IntSetting({ min: 1, max: 16, doc: 'reminder deliveries in flight per worker process' })
  REMINDER_SEND_CONCURRENCY = 8;

  @IntSetting({ min: 1, max: 10_000, doc: 'milestones read per batch by the reminder scan (keyset pages over the open-milestones index)' })
  REMINDER_SCAN_BATCH_SIZE = 1000;

  @IntSetting({ min: 10, max: 60_000, doc: 'how often the worker relays the outbox to BullMQ, in milliseconds' })
  OUTBOX_POLL_INTERVAL_MS = 1000;

  @IntSetting({ min: 1000, max: 600_000, doc: 'BullMQ job lock, in milliseconds: a job whose worker died is retried after about this long (stalled-job check)' })
  QUEUE_LOCK_DURATION_MS = 30_000;

  @IntSetting({ min: 10, max: 3_600_000, doc: 'first retry delay of a failed job, in milliseconds; later retries double it (exponential backoff)' })
  QUEUE_BACKOFF_MS = 30_000;

  // Keep it below the orchestrator's grace period.
  @IntSetting({ min: 0, max: 600_000, doc: 'how long SIGTERM waits for in-flight jobs before the worker closes anyway, in milliseconds' })
  WORKER_SHUTDOWN_TIMEOUT_MS = 20_000;

  // At start and on each watchdog round an occurrence whose time passed without a run (worker down at that
  // minute, first deployment, Redis lost its data) runs at once: today's scans after the send time, the last
  // completed week's 周报.
  @BooleanSetting({
    doc: 'run scheduled jobs (reminder scans, weekly report) whose scheduled time passed while no worker ran them (`false`: only finish killed or failed runs)',
  })
  REMINDER_CATCH_UP = true;

  @IntSetting({ min: 100, max: 3_600_000, doc: 'how often each worker checks `job_runs` (catch-up, re-adding killed or failed runs), in milliseconds' })
  JOB_WATCHDOG_INTERVAL_MS = 60_000;

  @TextSetting({ allowed: 'a cron pattern', doc: "when the worker builds last week's 周报 (Asia/Shanghai; default Monday 07:00)" })
  WEEKLY_REPORT_CRON = '0 7 * * 1';

  @IntSetting({ min: 1, max: 3600, doc: 'how often the API and the worker check Postgres for a newly published calendar year, in seconds' })
  CALENDAR_REFRESH_SECONDS = 10;
}

/** The declared settings of AppConfig, in declaration order (the order of the README's table). */
export function configSettings(): readonly SettingDeclaration[] {
  return settingsOf(AppConfig);
}

const secretKeys = new Set(configSettings().filter((setting) => setting.secret).map((setting) => setting.name));

/** The development signing secret, used only outside production when JWT_SECRET is unset (it is public). */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production';

/** What Fastify's trustProxy option gets from TRUST_PROXY: false, a hop count, or the trusted addresses. */
export type TrustProxySetting = false | number | string[];

/** Parses TRUST_PROXY, or returns the sentence saying what is wrong with it. */
export function parseTrustProxy(raw: string): TrustProxySetting | { problem: string } {
  const value = raw.trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') {
    return { problem: 'TRUST_PROXY=true would believe X-Forwarded-For from anyone; give the hop count (e.g. 1) or the proxy addresses' };
  }
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.filter((entry) => !(entry.includes('/') ? isValidCidr(entry) : ipaddr.isValid(entry)));
  if (bad.length > 0) {
    return { problem: `TRUST_PROXY: not an IP address or CIDR range: ${bad.join(', ')} (use false, a hop count, or addresses)` };
  }
  return entries;
}

function isValidCidr(value: string): boolean {
  try {
    ipaddr.parseCIDR(value);
    return true;
  } catch {
    return false;
  }
}

/** Why a production signing secret is unusable, or undefined when it is fine. */
export function jwtSecretProblem(secret: string | undefined): string | undefined {
  if (!secret) return 'JWT_SECRET (or JWT_SECRET_FILE) is required when NODE_ENV=production';
  if (Buffer.byteLength(secret, 'utf8') < JWT_SECRET_MIN_BYTES) {
    return `JWT_SECRET must be at least ${JWT_SECRET_MIN_BYTES} bytes in production (e.g. openssl rand -base64 48)`;
  }
  if (isKnownPublicSecret(secret)) {
    return 'JWT_SECRET is a value written in this repository (a default, an example or a test fixture); anyone could sign tokens with it. Generate a new one (openssl rand -base64 48)';
  }
  return undefined;
}

/** Whether a config key holds a secret that logs and error messages must hide (declared `secret: true`). */
export function isSecretConfigKey(key: string): boolean {
  return secretKeys.has(key);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function checkUrl(name: string, value: string, protocols: readonly string[]): string | undefined {
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) {
      return `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${url.protocol}//…")`;
    }
  } catch {
    return `${name} is not a valid URL; set it like ${protocols[0]}//user@host:port/${name === 'DATABASE_URL' ? 'database' : '0'}`;
  }
  return undefined;
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Validates raw environment variables into an AppConfig, or throws a ConfigError that says what to set. */
export function validateConfig(env: Record<string, string | undefined>): AppConfig {
  if (!env.DATABASE_URL) {
    throw new ConfigError(
      'DATABASE_URL is not set. Set it to the PostgreSQL connection URL, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/kpt',
    );
  }
  // exposeUnsetFields: false — a value the transform turns into undefined ("" = unset) keeps the initializer.
  const config = plainToInstance(AppConfig, env, { exposeDefaultValues: true, exposeUnsetFields: false });
  const problems: string[] = [];
  for (const error of validateSync(config, { whitelist: false })) {
    const shown = isSecretConfigKey(error.property) ? '(hidden)' : JSON.stringify(error.value);
    problems.push(`${error.property}=${shown}: ${Object.values(error.constraints ?? {}).join('; ')}`);
  }
  for (const { name, protocols } of configSettings()) {
    const value = config[name as keyof AppConfig];
    const problem = protocols && typeof value === 'string' ? checkUrl(name, value, protocols) : undefined;
    if (problem) problems.push(problem);
  }
  if (!config.JWT_SECRET && config.JWT_SECRET_FILE) {
    try {
      config.JWT_SECRET = readFileSync(config.JWT_SECRET_FILE, 'utf8').trim() || undefined;
    } catch (error) {
      problems.push(`JWT_SECRET_FILE=${config.JWT_SECRET_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  let secretBox: SecretBox | undefined;
  try {
    secretBox = secretBoxFromSettings(config);
  } catch (error) {
    if (!(error instanceof SecretKeyError)) throw error;
    problems.push(error.message);
  }
  if (config.NODE_ENV === 'production' && !config.SECRETS_ENCRYPTION_KEY && !config.SECRETS_ENCRYPTION_KEY_FILE) {
    problems.push('SECRETS_ENCRYPTION_KEY (or SECRETS_ENCRYPTION_KEY_FILE) is required when NODE_ENV=production: 32 random bytes, e.g. openssl rand -base64 32');
  }
  if (config.NODE_ENV === 'production' && config.CHANNEL_ALLOW_LOOPBACK) {
    problems.push('CHANNEL_ALLOW_LOOPBACK=true is for tests and local development only; remove it when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production') {
    const problem = jwtSecretProblem(config.JWT_SECRET);
    if (problem && !problems.some((p) => p.startsWith('JWT_SECRET_FILE'))) problems.push(problem);
  }
  const trustProxy = parseTrustProxy(config.TRUST_PROXY);
  if (typeof trustProxy === 'object' && !Array.isArray(trustProxy)) problems.push(trustProxy.problem);
  if (config.NODE_ENV === 'production' && !isLoopbackHost(config.WORKER_HEALTH_HOST) && !config.WORKER_HEALTH_TOKEN) {
    problems.push(`WORKER_HEALTH_HOST=${config.WORKER_HEALTH_HOST} exposes the worker's health report beyond this machine; set WORKER_HEALTH_TOKEN too (at least 16 characters) or leave WORKER_HEALTH_HOST unset (127.0.0.1)`);
  }
  if (config.ATTACHMENTS_STORAGE === 's3') {
    for (const name of ['ATTACHMENTS_S3_BUCKET', 'ATTACHMENTS_S3_ACCESS_KEY_ID', 'ATTACHMENTS_S3_SECRET_ACCESS_KEY'] as const) {
      if (!config[name]) problems.push(`${name} is required when ATTACHMENTS_STORAGE=s3`);
    }
    if (config.ATTACHMENTS_S3_ENDPOINT) {
      const problem = checkUrl('ATTACHMENTS_S3_ENDPOINT', config.ATTACHMENTS_S3_ENDPOINT, ['http:', 'https:']);
      if (problem) problems.push(problem);
    }
  }
  if (config.ATTACHMENTS_MAX_REQUEST_BYTES < config.ATTACHMENTS_MAX_FILE_BYTES) {
    problems.push('ATTACHMENTS_MAX_REQUEST_BYTES must be at least ATTACHMENTS_MAX_FILE_BYTES');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  config.JWT_SECRET ??= DEV_JWT_SECRET;
  // The entity column transformers (department channel secrets) encrypt with this box from now on.
  installSecretBox(secretBox ?? developmentSecretBox());
  return config;
}

/** Fastify's trustProxy option for a validated configuration. */
export function trustProxySetting(config: AppConfig): TrustProxySetting {
  const setting = parseTrustProxy(config.TRUST_PROXY);
  return typeof setting === 'object' && !Array.isArray(setting) ? false : setting;
}
