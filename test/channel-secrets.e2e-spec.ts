import { createHmac, randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, SecretBox, secretBoxFromSettings, secretKeyId, validateConfig } from '@app/config';
import { ensureSecretFile } from '../libs/config/src/cli/ensure-secret-file';
import { Department, DepartmentChannel } from '@app/domain';
import { reencryptChannelSecrets } from '@app/notifications';
import { startWebhookSink, WebhookSink } from './support/channel-sinks';
import { createDepartment, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/** Robot tokens and 加签 secrets are encrypted in the table, readable across a key rotation, never shown by GET. */

const SECRET = 'SEC7d1e2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f8a9b';
const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f8a';
const KEY_1 = randomBytes(32).toString('base64');
const KEY_2 = randomBytes(32).toString('hex');
const SECRET_ENV = ['SECRETS_ENCRYPTION_KEY', 'SECRETS_ENCRYPTION_PREVIOUS_KEYS', 'SECRETS_ENCRYPTION_KEY_FILE'];

describe('department channel secrets at rest', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication | undefined;
  let robot: WebhookSink;
  let fgw: Department;

  const raw = async (id: string) =>
    (await database.dataSource.query(`SELECT address, secret FROM department_channels WHERE id = $1`, [id]))[0] as { address: string; secret: string | null };

  async function start(env: Record<string, string>) {
    await app?.close();
    for (const name of SECRET_ENV) delete process.env[name];
    app = await createTestApp(database, env);
    return signIn(app, 'editor-fgw');
  }

  beforeAll(async () => {
    robot = await startWebhookSink();
    database = await createTestDatabase();
    fgw = await createDepartment(database.dataSource, { code: 'yq-fgw', name: '玉泉区发展和改革委员会' });
    await createUser(database.dataSource, 'department_editor', { username: 'editor-fgw', departmentId: fgw.id });
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await robot?.close();
    for (const name of SECRET_ENV) delete process.env[name];
  });

  let channelId: string;

  it('stores the robot URL and the 加签 secret encrypted; GET shows a mask and that it is set, never the value', async () => {
    const editor = await start({ SECRETS_ENCRYPTION_KEY: KEY_1 });
    const created = await app!.inject({
      method: 'POST',
      url: `/api/v1/departments/${fgw.id}/channels`,
      headers: editor,
      payload: { channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=${TOKEN}`, secret: SECRET },
    });
    expect(created.statusCode).toBe(201);
    channelId = created.json().id;

    const stored = await raw(channelId);
    const keyId = secretKeyId(Buffer.from(KEY_1, 'base64'));
    expect(stored.address).toMatch(new RegExp(`^enc:v1:${keyId}:`));
    expect(stored.secret).toMatch(new RegExp(`^enc:v1:${keyId}:`));
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    expect(JSON.stringify(stored)).not.toContain(SECRET.slice(3, 20));

    const listed = await app!.inject({ method: 'GET', url: `/api/v1/departments/${fgw.id}/channels`, headers: editor });
    expect(listed.json()).toEqual([expect.objectContaining({ hasSecret: true, secretHint: '****8a9b', address: `${robot.url}/robot/send?access_token=****7f8a` })]);
    expect(listed.body).not.toContain(TOKEN);
    expect(listed.body).not.toContain(SECRET);
    // the same address twice is still a 409, though the two ciphertexts differ
    const again = await app!.inject({
      method: 'POST',
      url: `/api/v1/departments/${fgw.id}/channels`,
      headers: editor,
      payload: { channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=${TOKEN}` },
    });
    expect(again.statusCode).toBe(409);
  });

  it('after a key rotation the API starts, re-encrypts under the new key, and still signs with the secret', async () => {
    const editor = await start({ SECRETS_ENCRYPTION_KEY: KEY_2, SECRETS_ENCRYPTION_PREVIOUS_KEYS: KEY_1 });
    const stored = await raw(channelId);
    const newKeyId = secretKeyId(Buffer.from(KEY_2, 'hex'));
    expect(stored.address).toMatch(new RegExp(`^enc:v1:${newKeyId}:`));
    expect(stored.secret).toMatch(new RegExp(`^enc:v1:${newKeyId}:`));

    robot.received.length = 0;
    const sent = await app!.inject({ method: 'POST', url: `/api/v1/department-channels/${channelId}/test`, headers: editor });
    expect(sent.statusCode).toBe(200);
    const url = new URL(robot.received[0].url, robot.url);
    expect(url.searchParams.get('access_token')).toBe(TOKEN);
    const timestamp = url.searchParams.get('timestamp')!;
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'));
  });

  it('a plaintext row from before encryption is read as it is, and encrypted by the next pass (API start or npm run secrets:reencrypt)', async () => {
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO department_channels (department_id, channel, address, secret) VALUES ($1, 'dingtalk', $2, $3) RETURNING id`,
      [fgw.id, `${robot.url}/robot/send?access_token=legacy-token-1234`, 'SEC-legacy-secret-5678'],
    );
    const read = await database.dataSource.getRepository(DepartmentChannel).findOneByOrFail({ id });
    expect(read).toMatchObject({ address: `${robot.url}/robot/send?access_token=legacy-token-1234`, secret: 'SEC-legacy-secret-5678' });

    const box = new SecretBox(Buffer.from(KEY_2, 'hex'));
    await expect(reencryptChannelSecrets(database.dataSource, box)).resolves.toEqual({ rewritten: 2, unreadable: 0, skipped: false });
    const stored = await raw(id);
    expect(stored.address.startsWith(`enc:v1:${box.currentKeyId}:`)).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('legacy');
    await expect(reencryptChannelSecrets(database.dataSource, box)).resolves.toEqual({ rewritten: 0, unreadable: 0, skipped: false });
  });

  it('without the old key a value is unreadable with a sentence that names the key; altered ciphertext is refused', () => {
    const oldBox = new SecretBox(Buffer.from(KEY_1, 'base64'));
    const sealed = oldBox.encrypt(SECRET, 'department_channels.secret');
    const newBox = new SecretBox(Buffer.from(KEY_2, 'hex'));
    expect(() => newBox.decrypt(sealed, 'department_channels.secret')).toThrow(
      new RegExp(`encrypted with key ${oldBox.currentKeyId}, which is not configured: add that key to SECRETS_ENCRYPTION_PREVIOUS_KEYS`),
    );
    expect(() => oldBox.decrypt(sealed, 'department_channels.address')).toThrow(/altered or belongs to another column/);
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => oldBox.decrypt(tampered, 'department_channels.secret')).toThrow(/altered/);
    expect(new SecretBox(Buffer.from(KEY_2, 'hex'), [Buffer.from(KEY_1, 'base64')]).decrypt(sealed, 'department_channels.secret')).toBe(SECRET);
  });

  it('production needs a key; a malformed key is refused at boot', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex') };
    expect(() => validateConfig(env)).toThrow(/SECRETS_ENCRYPTION_KEY \(or SECRETS_ENCRYPTION_KEY_FILE\) is required when NODE_ENV=production/);
    expect(() => validateConfig({ ...env, SECRETS_ENCRYPTION_KEY: 'too-short' })).toThrow(ConfigError);
    expect(() => validateConfig({ ...env, SECRETS_ENCRYPTION_KEY: 'too-short' })).toThrow(/32 random bytes in base64 or hex/);
    expect(() => validateConfig({ ...env, SECRETS_ENCRYPTION_KEY_FILE: '/nonexistent/kpt-key' })).toThrow(/cannot be read \(ENOENT\)/);
    // the value never appears in the message
    try {
      validateConfig({ ...env, SECRETS_ENCRYPTION_KEY: 'short-but-secret-value' });
    } catch (error) {
      expect((error as Error).message).not.toContain('short-but-secret-value');
    }
  });

  it('compose: the first start generates a random key file, later starts keep it, and the app reads it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpt-secrets-'));
    try {
      const path = join(dir, 'secrets-encryption-key');
      expect(ensureSecretFile(path)).toBe('generated');
      const key = readFileSync(path, 'utf8');
      expect(Buffer.from(key, 'base64')).toHaveLength(32);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(ensureSecretFile(path)).toBe('kept');
      expect(readFileSync(path, 'utf8')).toBe(key);
      expect(secretBoxFromSettings({ SECRETS_ENCRYPTION_KEY_FILE: path })!.currentKeyId).toBe(secretKeyId(Buffer.from(key, 'base64')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
