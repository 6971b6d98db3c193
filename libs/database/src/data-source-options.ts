import { join } from 'node:path';
import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '@app/domain';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// `date` columns are calendar dates in Asia/Shanghai: keep them as 'YYYY-MM-DD'
// strings. The default parser makes a JS Date at local midnight of the server,
// which shifts the day whenever the server's zone is not Shanghai.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

export const MIGRATIONS_TABLE = 'schema_migrations';

/** Options shared by the API, the worker, the CLI scripts and the tests. */
export function dataSourceOptions(databaseUrl: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    // Both the TypeScript sources (tests) and the compiled files (dist/) live
    // three levels below the repository root, next to `migrations/`.
    migrations: [join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'key-project-tracker' },
    ...overrides,
  } as DataSourceOptions;
}
