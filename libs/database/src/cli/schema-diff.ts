/**
 * `npm run db:diff`: prints the SQL that would bring the database in line with
 * the entities. After `db:migrate` it must print nothing; when an entity
 * changes, this is the starting point of the new migration (to be read and
 * named by hand, never applied blindly).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, validateConfig } from '@app/config';
import { dataSourceOptions } from '../data-source-options';

export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}

async function main(): Promise<void> {
  const config = validateConfig(process.env);
  const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL)).initialize();
  try {
    const queries = await pendingSchemaChanges(dataSource);
    for (const query of queries) console.log(`${query};`);
    if (queries.length > 0) process.exitCode = 2;
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
