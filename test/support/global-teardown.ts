import { deleteKeysMatching } from '../../libs/queue/src/redis-connection';
import { adminQuery, TEST_REDIS_URL } from './services';

/** Drops the template database and every Redis key of this run (kpt-test-<run>-*), and nothing else. */
export default async function globalTeardown(): Promise<void> {
  const template = process.env.KPT_TEST_TEMPLATE_DB;
  if (template) await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  const runId = process.env.KPT_TEST_RUN_ID;
  if (runId) await deleteKeysMatching(`kpt-test-${runId}-*`, TEST_REDIS_URL);
}
