/**
 * Rewrites the configuration table in README.md from AppConfig's declarations (libs/config/src/app-config.ts).
 * `npm run config:table`; libs/config/src/config-table.spec.ts fails when the committed table differs.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withConfigurationTable } from '../libs/config/src/config-table';

const readmePath = resolve(__dirname, '..', 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withConfigurationTable(before);
if (after === before) {
  console.log('README.md: the configuration table is up to date');
} else {
  writeFileSync(readmePath, after);
  console.log('README.md: configuration table rewritten');
}
