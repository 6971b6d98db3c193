/**
 * Encryption of secrets at rest (the robot URLs with their tokens and the 钉钉 加签
 * secrets of department channels): AES-256-GCM from node:crypto, one random
 * 96-bit IV per value, the column's name as additional data (so a ciphertext
 * cannot be moved to another column), and the id of the key in the stored text,
 * so keys can be rotated: values under a previous key stay readable while
 * SECRETS_ENCRYPTION_PREVIOUS_KEYS lists it, and the re-encryption pass
 * (`npm run secrets:reencrypt`, also run when the API starts) moves them to the
 * current key.
 *
 * Stored form: `enc:v1:<key id>:<base64url(iv ‖ tag ‖ ciphertext)>`. A value
 * without the prefix is legacy plaintext (rows written before encryption): it is
 * read as it is and encrypted by the next re-encryption pass.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Used only outside production when no key is configured; the configuration refuses to start production without one. */
const DEVELOPMENT_KEY = createHash('sha256').update('key-project-tracker development-only secrets key').digest();

export class SecretKeyError extends Error {
  override name = 'SecretKeyError';
}

/** A 32-byte key from base64/base64url (44/43 characters) or hex (64 characters). */
export function parseSecretKey(text: string, name: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(value) && !/^[A-Za-z0-9+/_-]{43}=?$/.test(value))) {
    throw new SecretKeyError(`${name} must be 32 random bytes in base64 or hex, e.g. the output of: openssl rand -base64 32`);
  }
  return key;
}

/** The key's id: the first 8 hex digits of its SHA-256, stored with each value (it says which key, nothing about the key). */
export function secretKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  /** `current` encrypts; it and `previous` decrypt. */
  constructor(
    private readonly current: Buffer,
    previous: Buffer[] = [],
    readonly isDevelopmentKey = false,
  ) {
    this.currentKeyId = secretKeyId(current);
    this.keys.set(this.currentKeyId, current);
    for (const key of previous) if (!this.keys.has(secretKeyId(key))) this.keys.set(secretKeyId(key), key);
  }

  static isEncrypted(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }

  /** The key id a stored value was encrypted with, or undefined for plaintext. */
  static keyIdOf(stored: string): string | undefined {
    return SecretBox.isEncrypted(stored) ? stored.slice(PREFIX.length).split(':', 1)[0] : undefined;
  }

  encrypt(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${PREFIX}${this.currentKeyId}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Plaintext of a stored value (legacy plaintext passes through); throws SecretKeyError when its key is not configured or it was tampered with. */
  decrypt(stored: string, context: string): string {
    if (!SecretBox.isEncrypted(stored)) return stored;
    const [keyId, payload] = stored.slice(PREFIX.length).split(':', 2);
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretKeyError(
        `A stored secret (${context}) is encrypted with key ${keyId}, which is not configured: add that key to SECRETS_ENCRYPTION_PREVIOUS_KEYS`,
      );
    }
    const raw = Buffer.from(payload ?? '', 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretKeyError(`A stored secret (${context}) does not decrypt with key ${keyId}: it was altered or belongs to another column`);
    }
  }

  /** Whether a stored value should be rewritten: plaintext, or under a key that is not the current one. */
  needsReencryption(stored: string): boolean {
    return SecretBox.keyIdOf(stored) !== this.currentKeyId;
  }
}

export interface SecretKeySettings {
  SECRETS_ENCRYPTION_KEY?: string;
  SECRETS_ENCRYPTION_KEY_FILE?: string;
  SECRETS_ENCRYPTION_PREVIOUS_KEYS?: string;
}

/**
 * The SecretBox the settings describe: SECRETS_ENCRYPTION_KEY, or the file named
 * by SECRETS_ENCRYPTION_KEY_FILE (how docker compose hands over the key it
 * generated on first start); undefined when neither is set.
 */
export function secretBoxFromSettings(settings: SecretKeySettings): SecretBox | undefined {
  let currentText = settings.SECRETS_ENCRYPTION_KEY;
  if (!currentText && settings.SECRETS_ENCRYPTION_KEY_FILE) {
    try {
      currentText = readFileSync(settings.SECRETS_ENCRYPTION_KEY_FILE, 'utf8');
    } catch (error) {
      throw new SecretKeyError(`SECRETS_ENCRYPTION_KEY_FILE=${settings.SECRETS_ENCRYPTION_KEY_FILE} cannot be read (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  const previous = (settings.SECRETS_ENCRYPTION_PREVIOUS_KEYS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, index) => parseSecretKey(part, `SECRETS_ENCRYPTION_PREVIOUS_KEYS (entry ${index + 1})`));
  if (!currentText) return previous.length > 0 ? new SecretBox(DEVELOPMENT_KEY, previous, true) : undefined;
  return new SecretBox(parseSecretKey(currentText, 'SECRETS_ENCRYPTION_KEY'), previous);
}

/** The development-only box (a fixed key in the source): never used with NODE_ENV=production. */
export function developmentSecretBox(): SecretBox {
  return new SecretBox(DEVELOPMENT_KEY, [], true);
}

let installed: SecretBox | undefined;

/** Makes `box` the one the entity column transformers use (done when the configuration is validated). */
export function installSecretBox(box: SecretBox): void {
  installed = box;
}

/**
 * The box in use: the one installed at boot, else one from the environment
 * (scripts and tests that touch entities without booting a Nest app).
 */
export function currentSecretBox(): SecretBox {
  installed ??= secretBoxFromSettings(process.env) ?? developmentSecretBox();
  return installed;
}

/** TypeORM column transformer: encrypts on write, decrypts on read, with the column as context. */
export function encryptedColumn(context: string) {
  return {
    to: (value: string | null | undefined) => (value === null || value === undefined ? value : currentSecretBox().encrypt(value, context)),
    from: (value: string | null) => (value === null ? null : currentSecretBox().decrypt(value, context)),
  };
}
