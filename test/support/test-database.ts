import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { adminQuery, databaseUrl } from './services';

export interface TestDatabase {
  name: string;
  url: string;
  /** A data source on it, for arranging data and checking what the app wrote. */
  dataSource: DataSource;
  drop(): Promise<void>;
}

/** A fresh, migrated, empty database of this spec file's own, cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.KPT_TEST_TEMPLATE_DB;
  if (!template) throw new Error('KPT_TEST_TEMPLATE_DB is not set: run the tests through jest (globalSetup migrates the template)');
  const name = `kpt_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = databaseUrl(name);
  const dataSource = await new DataSource(dataSourceOptions(url, { extra: { max: 5 } })).initialize();
  return {
    name,
    url,
    dataSource,
    async drop() {
      await dataSource.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
