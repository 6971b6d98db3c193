import { adminQuery } from './services';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.KPT_TEST_TEMPLATE_DB;
  if (template) await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
}
