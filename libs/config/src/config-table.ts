/**
 * The README's configuration table, made from AppConfig's declarations (setting.decorators.ts): one row
 * per variable with its default, bounds, whether it is secret and its meaning. `npm run config:table`
 * writes it between the two markers; config-table.spec.ts fails when README.md holds another table.
 */
import { AppConfig, configSettings } from './app-config';
import type { SettingDeclaration } from './setting.decorators';

export const CONFIG_TABLE_START =
  '<!-- config-table:start — generated from libs/config/src/app-config.ts by `npm run config:table`; edit the declarations, not this table -->';
export const CONFIG_TABLE_END = '<!-- config-table:end -->';

/** A table cell: pipes escaped, one line. */
function cell(text: string): string {
  if (/[\r\n]/.test(text)) throw new Error(`a configuration table cell must be one line: ${text}`);
  return text.replace(/\|/g, '\\|');
}

function shownDefault(setting: SettingDeclaration, defaults: AppConfig): string {
  const value: unknown = defaults[setting.name as keyof AppConfig];
  let shown: string;
  if (setting.required) shown = '— (required)';
  else if (value === undefined || (Array.isArray(value) && value.length === 0)) shown = '—';
  else if (Array.isArray(value)) shown = value.map((entry) => `\`${String(entry)}\``).join(', ');
  else shown = `\`${String(value)}\``;
  return setting.defaultNote ? `${shown}; ${setting.defaultNote}` : shown;
}

/** The generated block: the markers, a line on how to read it, and the table. */
export function configurationTable(): string {
  const defaults = new AppConfig();
  const rows = configSettings().map((setting) =>
    [`\`${setting.name}\``, shownDefault(setting, defaults), setting.bounds, setting.secret ? 'yes' : '—', setting.doc].map(cell),
  );
  return [
    CONFIG_TABLE_START,
    'Read by the API, the worker and the scripts at start (`AppConfig`): a value out of bounds stops the process with a sentence naming the variable. ' +
      'An empty value counts as unset. A secret’s value is never shown in an error message (it reads `(hidden)`).',
    '',
    '| variable | default | bounds / allowed values | secret | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    CONFIG_TABLE_END,
  ].join('\n');
}

/** README.md's text with the generated block replaced by the current one. */
export function withConfigurationTable(readme: string): string {
  const start = readme.indexOf(CONFIG_TABLE_START.slice(0, CONFIG_TABLE_START.indexOf(' —')));
  const end = readme.indexOf(CONFIG_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${CONFIG_TABLE_START} … ${CONFIG_TABLE_END} block`);
  return readme.slice(0, start) + configurationTable() + readme.slice(end + CONFIG_TABLE_END.length);
}
