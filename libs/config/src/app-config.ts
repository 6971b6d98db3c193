import { readFileSync } from 'node:fs';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { developmentSecretBox, installSecretBox, SecretBox, secretBoxFromSettings, SecretKeyError } from './secret-box';
import * as ipaddr from 'ipaddr.js';
import { isKnownPublicSecret } from './known-public-secrets';

/**
 * Every setting the API, the worker and the scripts read from the environment,
 * validated once at boot. A missing or malformed value stops the process with a
 * sentence that names the variable to set.
 */
export class AppConfig {
  /** postgres://user:password@host:5432/database */
  @IsString()
  DATABASE_URL!: string;

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  /** Port of the worker's own health endpoint (0: any free port, for tests). */
  @Transform(({ value }) => (value === undefined || value === '' ? 3001 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /**
   * Address the worker's /health listens on. Loopback by default: the backlog and outbox figures are for the
   * machine (or container) itself — docker-compose's healthcheck runs inside the container. Another address
   * in production needs WORKER_HEALTH_TOKEN.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? '127.0.0.1' : value))
  @IsString()
  WORKER_HEALTH_HOST = '127.0.0.1';

  /** Secret: when set, the worker's /health answers only `Authorization: Bearer <token>` (at least 16 characters). */
  @Transform(({ value }) => (value === '' ? undefined : value))
  @IsOptional()
  @IsString()
  @MinLength(16)
  WORKER_HEALTH_TOKEN?: string;

  /** Serve Swagger UI (/docs) and the OpenAPI document (/docs-json) when NODE_ENV=production (always served otherwise). */
  @Transform(({ value }) => (value === undefined || value === '' || value === 'false' ? false : value === 'true' ? true : value))
  @IsIn([true, false], { message: 'DOCS_PUBLIC must be true or false' })
  DOCS_PUBLIC = false;

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /**
   * Secret: signs access tokens (HS256). Required in production: at least 32 bytes and none of the values
   * written anywhere in this repository (known-public-secrets.ts). Outside production a fixed development
   * value is used when unset.
   */
  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  /**
   * A file holding JWT_SECRET (used when JWT_SECRET itself is unset): docker compose generates a random
   * secret into a volume on first start and points the API and the worker here.
   */
  @IsOptional()
  @IsString()
  JWT_SECRET_FILE?: string;

  /**
   * Which proxies' X-Forwarded-For / X-Forwarded-Proto to believe: "false" (default, none: the client
   * address is the TCP peer), a hop count ("1": one reverse proxy in front), or a comma-separated list of
   * proxy addresses or CIDR ranges ("10.0.0.5,192.168.1.0/24"). "true" (everyone) is refused: anyone
   * could then choose their address and escape the per-address limits.
   */
  @IsString()
  TRUST_PROXY = 'false';

  /**
   * Failed sign-ins one address may make for one account within LOGIN_FAILURE_WINDOW_SECONDS; the next
   * attempt from that address for that account gets 429 with Retry-After until the window ends. A
   * successful sign-in clears the count.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 10;

  /** Failed sign-ins one address may make over all accounts within the window before 429 (password spraying). */
  @Transform(({ value }) => (value === undefined || value === '' ? 50 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  /**
   * Failed sign-ins for one account from all addresses within the window (a guess spread over many
   * addresses) before that account is refused with 429 — except from an address it has signed in from
   * in the last 30 days, so a stranger cannot lock the real user out.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 100 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 100;

  /** The window of the sign-in failure counts, in seconds (default 15 minutes); the lockout ends with it. */
  @Transform(({ value }) => (value === undefined || value === '' ? 900 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(86_400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  @Transform(({ value }) => (value === undefined || value === '' ? 8 * 3600 : Number(value)))
  @IsInt()
  @Min(60)
  JWT_TTL_SECONDS = 8 * 3600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Used to build links in reminders and reports. */
  @IsString()
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /**
   * Prefix of project ids in the OC4IDS export (`<prefix><project uuid>`). OC4IDS asks
   * publishers to register one (oc4ids-xxxxxx-); until then this local one is used.
   */
  @Matches(/^[A-Za-z0-9][A-Za-z0-9-]*-$/, { message: 'OC4IDS_PREFIX must be letters, digits and hyphens, ending in a hyphen (e.g. oc4ids-abc123-)' })
  OC4IDS_PREFIX = 'oc4ids-yuquan-';

  /**
   * The built web workbench (apps/web → `npm run build:web`), served at `/`. Relative paths resolve from the
   * working directory; when the folder has no index.html the API runs without the pages (and says so in its log).
   */
  @IsString()
  WEB_APP_DIR = 'dist/web';

  /** The system name in the web workbench's top bar and title. */
  @IsString()
  @MinLength(1)
  WEB_APP_TITLE = '玉泉区重点项目调度平台';

  /** Largest Excel file POST /imports accepts (bytes, as uploaded). */
  @Transform(({ value }) => (value === undefined || value === '' ? 5 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(1024)
  IMPORT_MAX_FILE_BYTES = 5 * 1024 * 1024;

  /** Largest total size of an Excel file's parts once unzipped: a zip bomb stops here, before any parsing. */
  @Transform(({ value }) => (value === undefined || value === '' ? 50 * 1024 * 1024 : Number(value)))
  @IsInt()
  @Min(1024)
  IMPORT_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024;

  /** Most data rows one import may hold. */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100_000)
  IMPORT_MAX_ROWS = 5000;

  /** How often the API and the worker check Postgres for a newly published official calendar year. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(3600)
  CALENDAR_REFRESH_SECONDS = 10;

  /** Requests one signed-in user or one API key may make per minute before 429 (counted by identity, not address). */
  @Transform(({ value }) => (value === undefined || value === '' ? 1200 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Requests per minute from one client address without valid credentials (sign-in, health, docs, bad tokens) before 429. */
  @Transform(({ value }) => (value === undefined || value === '' ? 300 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 300;

  /**
   * Requests per minute one caller (API key or user, not address) may make to the
   * report routes (/reports/weekly/*): building and rendering a 周报 is heavy, so
   * they get a stricter limit than RATE_LIMIT_PER_MINUTE. Over it: 429 with Retry-After.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(1)
  REPORT_RATE_LIMIT_PER_MINUTE = 60;

  /** When the worker builds last week's 周报: a cron pattern in Asia/Shanghai (default Monday 07:00). */
  @IsString()
  WEEKLY_REPORT_CRON = '0 7 * * 1';

  /**
   * How long Bull Board (/admin/queues, its own 15-minute cookie) trusts what it last read of a user's
   * account before reading it again; at once on the instance that made a change. The API itself reads
   * the session and the account on every request, so a revocation applies at once everywhere.
   * 0 reads the account on every request.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(300)
  USER_ACCESS_CACHE_TTL_SECONDS = 30;

  /** SMTP server for e-mail reminders, e.g. smtp://user:pass@mail.example.gov.cn:587 (smtps:// for TLS on 465). Unset: e-mail deliveries fail saying so. */
  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  /** Sender of e-mail reminders. */
  @IsString()
  SMTP_FROM = '玉泉区重点工程调度 <noreply@localhost>';

  /** How long a delivery channel (钉钉/企业微信 robot, SMTP server) may take before the attempt counts as failed. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10_000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(120_000)
  CHANNEL_TIMEOUT_MS = 10_000;

  /**
   * Lets robot webhooks point at this machine (127.0.0.1, ::1, localhost), over plain http too: for the
   * test suite's local robot sinks and local development only; refused with NODE_ENV=production. Every
   * other non-public address (private, CGNAT, link-local, metadata, ULA, …) stays refused regardless.
   */
  @Transform(({ value }) => (value === undefined || value === '' || value === 'false' ? false : value === 'true' ? true : value))
  @IsIn([true, false], { message: 'CHANNEL_ALLOW_LOOPBACK must be true or false' })
  CHANNEL_ALLOW_LOOPBACK = false;

  /**
   * When set, the only hosts a 钉钉/企业微信 robot URL may name, comma-separated, e.g.
   * "oapi.dingtalk.com,qyapi.weixin.qq.com". Unset: any host whose addresses are all public.
   */
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean)
      : (value ?? []),
  )
  @IsString({ each: true })
  CHANNEL_HOST_ALLOWLIST: string[] = [];

  /**
   * Secret: encrypts the robot URLs (tokens) and 钉钉 加签 secrets in the database (AES-256-GCM): 32 random
   * bytes in base64 or hex (`openssl rand -base64 32`). Required in production (or SECRETS_ENCRYPTION_KEY_FILE).
   */
  @IsOptional()
  @IsString()
  SECRETS_ENCRYPTION_KEY?: string;

  /** A file holding SECRETS_ENCRYPTION_KEY (docker compose generates one on first start into a volume). */
  @IsOptional()
  @IsString()
  SECRETS_ENCRYPTION_KEY_FILE?: string;

  /** Secret: earlier keys, comma-separated, still accepted for reading until `npm run secrets:reencrypt` (or an API start) has moved every value to the current key. */
  @IsOptional()
  @IsString()
  SECRETS_ENCRYPTION_PREVIOUS_KEYS?: string;

  /** Reminder deliveries one worker process runs at once (each holds one database connection while it delivers). */
  @Transform(({ value }) => (value === undefined || value === '' ? 8 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(16)
  REMINDER_SEND_CONCURRENCY = 8;

  /** Milestones the reminder scan reads per batch (keyset pages over the open-milestones index). */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(10_000)
  REMINDER_SCAN_BATCH_SIZE = 1000;

  /** How often the worker's outbox relay looks for new events, in milliseconds. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(60_000)
  OUTBOX_POLL_INTERVAL_MS = 1000;

  /** BullMQ job lock; a job whose worker died is retried after about this long (stalled-job check). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30_000 : Number(value)))
  @IsInt()
  @Min(1000)
  @Max(600_000)
  QUEUE_LOCK_DURATION_MS = 30_000;

  /** First retry delay of a failed job; later retries double it (exponential backoff). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30_000 : Number(value)))
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  QUEUE_BACKOFF_MS = 30_000;

  /**
   * Catch-up of every scheduled job (reminder scan, notice-reminder scan, weekly report): at start and on each
   * watchdog round, an occurrence whose scheduled time has passed without a run (worker down at that minute,
   * first deployment, Redis lost its data) is run at once — today's scans after the send time, the last completed
   * week's 周报. "false" turns only the catch-up off; killed or failed runs are always finished.
   */
  @Transform(({ value }) => (value === undefined || value === '' || value === 'true' ? true : value === 'false' ? false : value))
  @IsIn([true, false], { message: 'REMINDER_CATCH_UP must be true or false' })
  REMINDER_CATCH_UP = true;

  /** How often each worker's watchdog checks job_runs: catches up missed schedules, re-adds stalled or failed runs. */
  @Transform(({ value }) => (value === undefined || value === '' ? 60_000 : Number(value)))
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  JOB_WATCHDOG_INTERVAL_MS = 60_000;

  /** On SIGTERM, how long in-flight jobs may run on before the worker closes anyway (keep below the orchestrator's grace period). */
  @Transform(({ value }) => (value === undefined || value === '' ? 20_000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(600_000)
  WORKER_SHUTDOWN_TIMEOUT_MS = 20_000;

  /** Prefix of every BullMQ key in Redis, so deployments (and test runs) can share one Redis. */
  @IsString()
  QUEUE_PREFIX = 'kpt';
}

const secretKeys = new Set(['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SECRETS_ENCRYPTION_KEY', 'SECRETS_ENCRYPTION_PREVIOUS_KEYS', 'WORKER_HEALTH_TOKEN']);

/** The development signing secret, used only outside production when JWT_SECRET is unset (it is public). */
export const DEV_JWT_SECRET = 'dev-only-secret-change-me-in-production';
export const JWT_SECRET_MIN_BYTES = 32;

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

/** Whether a config key holds a secret that logs must redact. */
export function isSecretConfigKey(key: string): boolean {
  return secretKeys.has(key);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function checkUrl(name: string, value: string, protocols: string[]): string | undefined {
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
  const config = plainToInstance(AppConfig, env, { exposeDefaultValues: true });
  const problems: string[] = [];
  for (const error of validateSync(config, { whitelist: false })) {
    const shown = isSecretConfigKey(error.property) ? '(hidden)' : JSON.stringify(error.value);
    problems.push(`${error.property}=${shown}: ${Object.values(error.constraints ?? {}).join('; ')}`);
  }
  for (const problem of [
    checkUrl('DATABASE_URL', config.DATABASE_URL, ['postgres:', 'postgresql:']),
    checkUrl('REDIS_URL', config.REDIS_URL, ['redis:', 'rediss:']),
    config.SMTP_URL ? checkUrl('SMTP_URL', config.SMTP_URL, ['smtp:', 'smtps:']) : undefined,
  ]) {
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
