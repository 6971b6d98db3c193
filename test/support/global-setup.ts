// globalSetup runs outside Jest's module mapper: resolve the @app/* aliases from tsconfig.json.
import 'tsconfig-paths/register';
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/data-source-options';
import { adminQuery, databaseUrl, ensureServices } from './services';

/**
 * Once per Jest run: make sure Postgres and Redis are up, and migrate a template
 * database from empty. Each spec file then clones its own database from it
 * (CREATE DATABASE … TEMPLATE), which takes milliseconds and isolates files
 * running in parallel.
 */
export default async function globalSetup(): Promise<void> {
  await ensureServices();
  const template = `kpt_tpl_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${template}"`);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl(template))).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  process.env.KPT_TEST_TEMPLATE_DB = template;
  // Names this run's BullMQ key prefixes (testQueuePrefix), so teardown removes exactly them.
  process.env.KPT_TEST_RUN_ID = randomBytes(3).toString('hex');
}
