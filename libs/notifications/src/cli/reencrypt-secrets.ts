/**
 * `npm run secrets:reencrypt`: after a key rotation (SECRETS_ENCRYPTION_KEY new,
 * the old one in SECRETS_ENCRYPTION_PREVIOUS_KEYS), rewrites every stored channel
 * secret under the new key, and encrypts rows still in plaintext. The API does the
 * same when it starts; this is for doing it now, without a restart. Afterwards the
 * old key can leave SECRETS_ENCRYPTION_PREVIOUS_KEYS.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, currentSecretBox, validateConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { reencryptChannelSecrets } from '../channel-secrets.reencrypt';

async function main(): Promise<void> {
  const config = validateConfig(process.env);
  const box = currentSecretBox();
  const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL, { extra: { max: 1 } })).initialize();
  try {
    const result = await reencryptChannelSecrets(dataSource, box);
    if (result.skipped) {
      console.log('Another process is re-encrypting right now; nothing done.');
      return;
    }
    console.log(`Channel secrets: ${result.rewritten} value(s) rewritten under key ${box.currentKeyId}.`);
    if (result.unreadable > 0) {
      console.error(`${result.unreadable} value(s) are under a key that is not configured; add it to SECRETS_ENCRYPTION_PREVIOUS_KEYS and run again.`);
      process.exitCode = 1;
    }
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
}
