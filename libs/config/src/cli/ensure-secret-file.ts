/**
 * `node dist/libs/config/src/cli/ensure-secret-file.js <path>`: writes 32 random
 * bytes (base64) to <path> unless the file is there already, readable by its
 * owner only. docker compose's one-shot migrate service runs it on every start:
 * the first start generates the key (e.g. SECRETS_ENCRYPTION_KEY_FILE) into a
 * volume, later starts keep it — so no key of a default install is ever a value
 * written in the repository.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';

/** Creates the key file when missing; says whether it did. */
export function ensureSecretFile(path: string): 'generated' | 'kept' {
  try {
    // 'wx': create, and fail if it exists — never overwrite a key that encrypted data.
    writeFileSync(path, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    return 'generated';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return 'kept';
  }
}

function main(path: string | undefined): void {
  if (!path) throw new Error('usage: ensure-secret-file <path>');
  console.log(ensureSecretFile(path) === 'generated' ? `generated a new random key in ${path}` : `keeping the key in ${path}`);
}

if (require.main === module) {
  try {
    main(process.argv[2]);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
