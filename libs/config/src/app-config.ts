import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { developmentSecretBox, installSecretBox, SecretBox, secretBoxFromSettings, SecretKeyError } from './secret-box';

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

  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /** Secret: signs access tokens. Required in production. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  JWT_SECRET?: string;

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

  /** Requests a client (user, key or address) may make per minute before 429. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1200 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

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
   * How long the API trusts what it last read of a user's account (active, role,
   * department) before reading it again: a deactivated user loses access at most
   * this many seconds later on other instances (at once on the instance that made
   * the change). 0 reads the account on every request.
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

const secretKeys = new Set(['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'SECRETS_ENCRYPTION_KEY', 'SECRETS_ENCRYPTION_PREVIOUS_KEYS']);

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
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    problems.push('JWT_SECRET is required when NODE_ENV=production (at least 16 characters)');
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
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  config.JWT_SECRET ??= 'dev-only-secret-change-me-in-production';
  // The entity column transformers (department channel secrets) encrypt with this box from now on.
  installSecretBox(secretBox ?? developmentSecretBox());
  return config;
}
