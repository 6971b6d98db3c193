import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'kpt_';

/** A new API key: shown to its owner once; only the hash is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12), hash: hashApiKey(key) };
}

/** SHA-256 is enough for a 256-bit random secret: there is nothing to brute-force. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
