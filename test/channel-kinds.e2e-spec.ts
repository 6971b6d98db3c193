import { CHANNEL_KINDS, DEPARTMENT_CHANNEL_KINDS } from '@app/domain';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * CHANNEL_KINDS (libs/domain) is the one list of delivery channels; the migrated
 * schema's CHECK constraints must say the same. TypeORM compares CHECKs by name
 * only, so `db:diff` does not see a kind added to the list without a migration —
 * this does.
 */
describe('channel kinds: one list, and the CHECK constraints of the migrated schema agree', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  const allowedBy = async (constraint: string): Promise<string[]> => {
    const [row]: Array<{ definition: string }> = await database.dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conname = $1`,
      [constraint],
    );
    expect(row).toBeDefined();
    return [...row.definition.matchAll(/'([a-z_]+)'/g)].map((match) => match[1]);
  };

  it.each([
    ['ck_reminders_channel', CHANNEL_KINDS],
    ['ck_notice_reminders_channel', CHANNEL_KINDS],
    ['ck_problem_reminders_channel', CHANNEL_KINDS],
    ['ck_department_channels_channel', DEPARTMENT_CHANNEL_KINDS],
  ])('%s allows exactly the declared kinds', async (constraint, kinds) => {
    await expect(allowedBy(constraint)).resolves.toEqual([...kinds]);
  });
});
