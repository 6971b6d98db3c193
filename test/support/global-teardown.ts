import { deleteKeysMatching } from '../../libs/queue/src/redis-connection';
import { reportContractCoverage } from './contract-coverage';
import { adminQuery, TEST_REDIS_URL } from './services';

/**
 * Prints which OpenAPI operations the run's e2e tests exercised, then drops the template database and every Redis
 * key of this run (kpt-test-<run>-*), and nothing else.
 */
export default async function globalTeardown(): Promise<void> {
  reportContractCoverage();
  const template = process.env.KPT_TEST_TEMPLATE_DB;
  if (template) await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  const runId = process.env.KPT_TEST_RUN_ID;
  if (runId) await deleteKeysMatching(`kpt-test-${runId}-*`, TEST_REDIS_URL);
}
