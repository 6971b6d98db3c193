import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSettings, ConfigError, DEV_JWT_SECRET, isSecretConfigKey, parseTrustProxy, validateConfig } from './app-config';
import { ensureSecretFile } from './cli/ensure-secret-file';
import { KNOWN_PUBLIC_SECRETS } from './known-public-secrets';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kpt' };
const strong = 'Qm9vdHN0cmFwIGEgcmVhbCBzZWNyZXQgaGVyZSBwbGVhc2Uh';

describe('JWT_SECRET in production', () => {
  // The channel-secrets key is required in production too; these tests are about JWT_SECRET.
  const encryptionKey = randomBytes(32).toString('base64');
  const production = (env: Record<string, string>) =>
    validateConfig({ ...base, NODE_ENV: 'production', SECRETS_ENCRYPTION_KEY: encryptionKey, ...env });

  it('refuses to start without a secret, saying what to set', () => {
    expect(() => production({})).toThrow(ConfigError);
    expect(() => production({})).toThrow(/JWT_SECRET \(or JWT_SECRET_FILE\) is required/);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => production({ JWT_SECRET: 'x'.repeat(31) })).toThrow(/at least 32 bytes/);
  });

  it.each(KNOWN_PUBLIC_SECRETS.filter((value) => Buffer.byteLength(value) >= 32))('refuses %s, which is written in the repository', (secret) => {
    expect(() => production({ JWT_SECRET: secret })).toThrow(/written in this repository/);
    expect(() => production({ JWT_SECRET: ` ${secret}\n` })).toThrow(/written in this repository/);
  });

  it('refuses the old docker-compose default and the development default', () => {
    expect(() => production({ JWT_SECRET: 'change-me-please-32-characters!!' })).toThrow(/written in this repository/);
    expect(() => production({ JWT_SECRET: DEV_JWT_SECRET })).toThrow(/written in this repository/);
  });

  it('accepts a strong secret, directly or from JWT_SECRET_FILE (a generated one)', () => {
    expect(production({ JWT_SECRET: strong }).JWT_SECRET).toBe(strong);
    const directory = mkdtempSync(join(tmpdir(), 'kpt-secrets-'));
    expect(ensureSecretFile(join(directory, 'jwt_secret'))).toBe('generated');
    const fromFile = production({ JWT_SECRET_FILE: join(directory, 'jwt_secret') }).JWT_SECRET!;
    expect(Buffer.byteLength(fromFile)).toBeGreaterThanOrEqual(32);
    // A second start keeps the secret: tokens issued before a restart stay valid.
    expect(ensureSecretFile(join(directory, 'jwt_secret'))).toBe('kept');
    expect(production({ JWT_SECRET_FILE: join(directory, 'jwt_secret') }).JWT_SECRET).toBe(fromFile);
  });

  it('says when JWT_SECRET_FILE cannot be read', () => {
    expect(() => production({ JWT_SECRET_FILE: '/nonexistent/jwt_secret' })).toThrow(/JWT_SECRET_FILE=\/nonexistent\/jwt_secret cannot be read/);
  });

  it('prefers JWT_SECRET over the file; an empty JWT_SECRET (compose passes one through) falls back to the file', () => {
    const directory = mkdtempSync(join(tmpdir(), 'kpt-secrets-'));
    writeFileSync(join(directory, 'jwt_secret'), `${strong}-file\n`);
    expect(production({ JWT_SECRET: strong, JWT_SECRET_FILE: join(directory, 'jwt_secret') }).JWT_SECRET).toBe(strong);
    expect(production({ JWT_SECRET: '', JWT_SECRET_FILE: join(directory, 'jwt_secret') }).JWT_SECRET).toBe(`${strong}-file`);
  });

  it('outside production falls back to the development secret', () => {
    expect(validateConfig({ ...base }).JWT_SECRET).toBe(DEV_JWT_SECRET);
  });
});

describe('TRUST_PROXY', () => {
  it('is off by default and for false/0', () => {
    expect(validateConfig(base).TRUST_PROXY).toBe('false');
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
  });

  it('takes a hop count or a list of addresses and ranges', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 192.168.1.0/24,::1')).toEqual(['10.0.0.5', '192.168.1.0/24', '::1']);
  });

  it('refuses true (trust everyone) and things that are not addresses', () => {
    expect(() => validateConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would believe X-Forwarded-For from anyone/);
    expect(() => validateConfig({ ...base, TRUST_PROXY: 'proxy.local' })).toThrow(/not an IP address or CIDR range: proxy.local/);
  });
});

describe('the declared settings', () => {
  it('keep the initializer as the default when a variable is unset or empty (compose passes ${NAME:-} as "")', () => {
    const unset = validateConfig(base);
    expect(unset.PORT).toBe(3000);
    expect(unset.JWT_TTL_SECONDS).toBe(8 * 3600);
    expect(unset.REMINDER_CATCH_UP).toBe(true);
    expect(unset.CHANNEL_HOST_ALLOWLIST).toEqual([]);
    const empty = validateConfig({
      ...base,
      PORT: '',
      JWT_TTL_SECONDS: '',
      DOCS_PUBLIC: '',
      REMINDER_CATCH_UP: '',
      NODE_ENV: '',
      LOG_LEVEL: '',
      REDIS_URL: '',
      WORKER_HEALTH_HOST: '',
      WORKER_HEALTH_TOKEN: '',
      SMTP_URL: '',
      CHANNEL_HOST_ALLOWLIST: '',
      JWT_SECRET: '',
    });
    expect(empty).toMatchObject({
      PORT: 3000,
      JWT_TTL_SECONDS: 8 * 3600,
      DOCS_PUBLIC: false,
      REMINDER_CATCH_UP: true,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      REDIS_URL: 'redis://127.0.0.1:6379',
      WORKER_HEALTH_HOST: '127.0.0.1',
      CHANNEL_HOST_ALLOWLIST: [],
      JWT_SECRET: DEV_JWT_SECRET,
    });
    expect(empty.WORKER_HEALTH_TOKEN).toBeUndefined();
    expect(empty.SMTP_URL).toBeUndefined();
  });

  it('parse what is set', () => {
    const config = validateConfig({ ...base, PORT: '8080', DOCS_PUBLIC: 'true', REMINDER_CATCH_UP: 'false', CHANNEL_HOST_ALLOWLIST: ' OAPI.dingtalk.com, ,qyapi.weixin.qq.com' });
    expect(config).toMatchObject({ PORT: 8080, DOCS_PUBLIC: true, REMINDER_CATCH_UP: false, CHANNEL_HOST_ALLOWLIST: ['oapi.dingtalk.com', 'qyapi.weixin.qq.com'] });
  });

  it.each([
    ['PORT', '0', /PORT=0: PORT must not be less than 1/],
    ['PORT', '65536', /PORT must not be greater than 65535/],
    ['PORT', 'abc', /PORT must be an integer number/],
    ['LOGIN_MAX_FAILURES', '1001', /LOGIN_MAX_FAILURES must not be greater than 1000/],
    ['JWT_TTL_SECONDS', '59', /JWT_TTL_SECONDS must not be less than 60/],
    ['USER_ACCESS_CACHE_TTL_SECONDS', '-1', /USER_ACCESS_CACHE_TTL_SECONDS must not be less than 0/],
    ['REMINDER_SEND_CONCURRENCY', '17', /REMINDER_SEND_CONCURRENCY must not be greater than 16/],
    ['IMPORT_MAX_ROWS', '1.5', /IMPORT_MAX_ROWS must be an integer number/],
    ['DOCS_PUBLIC', 'yes', /DOCS_PUBLIC must be true or false/],
    ['REMINDER_CATCH_UP', '1', /REMINDER_CATCH_UP must be true or false/],
    ['NODE_ENV', 'prod', /NODE_ENV must be one of the following values: development, production, test/],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL must be one of the following values/],
    ['OC4IDS_PREFIX', 'oc4ids_x', /OC4IDS_PREFIX must be letters, digits and hyphens, ending in a hyphen/],
    ['REDIS_URL', 'http://cache:6379', /REDIS_URL must start with redis:\/\/ or rediss:\/\//],
    ['SMTP_URL', 'mail.example.gov.cn', /SMTP_URL is not a valid URL/],
    ['DATABASE_URL', 'mysql://db/kpt', /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//],
  ])('refuse %s=%s, naming the variable', (name, value, message) => {
    expect(() => validateConfig({ ...base, [name as string]: value as string })).toThrow(message as RegExp);
  });

  it('accept the values at their bounds', () => {
    expect(validateConfig({ ...base, PORT: '1', WORKER_HEALTH_PORT: '0', LOGIN_MAX_FAILURES: '1000', USER_ACCESS_CACHE_TTL_SECONDS: '0' })).toMatchObject({
      PORT: 1,
      WORKER_HEALTH_PORT: 0,
      LOGIN_MAX_FAILURES: 1000,
      USER_ACCESS_CACHE_TTL_SECONDS: 0,
    });
  });

  it('hide the value of a secret in the error, and only of a secret', () => {
    const token = 'short-token';
    let message = '';
    try {
      validateConfig({ ...base, WORKER_HEALTH_TOKEN: token, PORT: '70000' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/WORKER_HEALTH_TOKEN=\(hidden\): WORKER_HEALTH_TOKEN must be longer than or equal to 16 characters/);
    expect(message).toMatch(/PORT=70000: PORT must not be greater than 65535/);
    expect(message).not.toContain(token);
  });

  it('ask for the bucket and both keys when attachments go to S3, and hide the keys', () => {
    let message = '';
    try {
      validateConfig({ ...base, ATTACHMENTS_STORAGE: 's3', ATTACHMENTS_S3_SECRET_ACCESS_KEY: 's3-secret-value', ATTACHMENTS_S3_ENDPOINT: 'minio:9000' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ATTACHMENTS_S3_BUCKET is required when ATTACHMENTS_STORAGE=s3');
    expect(message).toContain('ATTACHMENTS_S3_ACCESS_KEY_ID is required');
    expect(message).toContain('ATTACHMENTS_S3_ENDPOINT');
    expect(message).not.toContain('s3-secret-value');
    expect(validateConfig({ ...base }).ATTACHMENTS_STORAGE).toBe('local');
  });

  it('mark as secret exactly the values that must not be shown', () => {
    expect(configSettings().filter((setting) => setting.secret).map((setting) => setting.name).sort()).toEqual(
      ['ATTACHMENTS_S3_ACCESS_KEY_ID', 'ATTACHMENTS_S3_SECRET_ACCESS_KEY', 'DATABASE_URL', 'JWT_SECRET', 'REDIS_URL', 'SECRETS_ENCRYPTION_KEY', 'SECRETS_ENCRYPTION_PREVIOUS_KEYS', 'SMTP_URL', 'WORKER_HEALTH_TOKEN'].sort(),
    );
    expect(isSecretConfigKey('JWT_SECRET')).toBe(true);
    expect(isSecretConfigKey('PORT')).toBe(false);
  });
});
