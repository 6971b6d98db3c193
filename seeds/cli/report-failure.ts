import { ConfigError } from '@app/config';
import { SeedInputError } from '../seed-error';

/**
 * Prints why a seed command failed, as a sentence where the cause is known (a
 * setting, an unreachable database, missing tables) and with the stack otherwise.
 */
export function reportSeedFailure(what: string, error: unknown): void {
  if (error instanceof ConfigError || error instanceof SeedInputError) {
    console.error(error.message);
    return;
  }
  console.error(`${what} failed; nothing of this run was written (the seed runs in one transaction).`);
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01' || code === '28000') {
    console.error(`Cannot connect to the database named by DATABASE_URL: ${message}`);
  } else if (code === '42P01') {
    console.error(`${message}. The tables are missing: run \`npm run db:migrate\` first.`);
  } else {
    console.error(error);
  }
}
