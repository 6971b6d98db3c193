/**
 * `npm run db:migrate`: applies pending migrations from migrations/ and exits.
 * `npm run db:migrate -- --revert` undoes the last one.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, validateConfig } from '@app/config';
import { dataSourceOptions } from '../data-source-options';

async function main(): Promise<void> {
  const config = validateConfig(process.env);
  const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize();
  try {
    if (process.argv.includes('--revert')) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
      return;
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
