import 'reflect-metadata';
import { ConfigError, validateConfig } from '@app/config';
import { createApp } from './create-app';

async function bootstrap(): Promise<void> {
  // Validate first, so a configuration mistake ends the process with a sentence
  // that says what to set rather than a stack from inside the injector.
  const config = validateConfig(process.env);
  const app = await createApp();
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
