import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, DEV_JWT_SECRET, parseTrustProxy, validateConfig } from './app-config';
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
