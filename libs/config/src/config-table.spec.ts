import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSettings } from './app-config';
import { CONFIG_TABLE_END, configurationTable, withConfigurationTable } from './config-table';

const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Set and read by the test run itself (globalSetup → Jest workers), or the shell's own: nobody sets them by hand. */
const PLUMBING = ['PATH', 'KPT_TEST_RUN_ID', 'KPT_TEST_TEMPLATE_DB'];

describe("README's configuration table", () => {
  it('is the one the declarations in AppConfig make (npm run config:table)', () => {
    // On a difference: run `npm run config:table` and commit README.md.
    expect(withConfigurationTable(readme)).toBe(readme);
  });

  it('has a row for every declared variable, with a meaning', () => {
    const table = configurationTable();
    for (const setting of configSettings()) {
      expect(setting.doc.trim()).not.toBe('');
      expect(table).toContain(`| \`${setting.name}\` |`);
    }
    expect(table).toMatch(/\| `JWT_SECRET` \| [^|]+ \| [^|]+ \| yes \|/);
    expect(table).toMatch(/\| `PORT` \| `3000` \| 1–65535 \| — \|/);
    expect(table).toMatch(/\| `DATABASE_URL` \| — \(required\) \|/);
  });

  it('fails when the README holds a table the declarations do not make', () => {
    const edited = readme.replace(/\| `PORT` \| `3000` \|/, '| `PORT` | `8080` |');
    expect(edited).not.toBe(readme);
    expect(withConfigurationTable(edited)).not.toBe(edited);
  });

  it('names, with the hand-kept table below it, every environment variable the code reads', () => {
    const declared = new Set(configSettings().map((setting) => setting.name));
    const outside = outsideTableNames();
    const read = variablesReadByTheCode();
    const unnamed = [...read.keys()].filter((name) => !declared.has(name) && !outside.has(name) && !PLUMBING.includes(name));
    // The scan itself still finds what it must (reads in TypeScript, in a seed's env argument, in shell).
    expect(read.get('KPT_FIXED_NOW')).toContain('libs/calendar/src/clock.ts');
    expect(read.get('SEED_DEMO')).toContain('seeds/cli/seed-demo.ts');
    expect(read.get('CHROMIUM_PATH')).toContain('.ci/run');
    // A variable here is read from the environment but documented nowhere: declare it in AppConfig, or add a
    // row to the table "Read outside AppConfig" in README.md.
    expect(Object.fromEntries(unnamed.map((name) => [name, read.get(name)]))).toEqual({});
    // No stale rows, and no variable with two homes.
    expect([...outside].filter((name) => !read.has(name))).toEqual([]);
    expect([...outside].filter((name) => declared.has(name))).toEqual([]);
  });
});

/** The variables of the hand-kept table that follows the generated one (every `NAME` in its first column). */
function outsideTableNames(): Set<string> {
  const after = readme.slice(readme.indexOf(CONFIG_TABLE_END) + CONFIG_TABLE_END.length);
  const lines = after.split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line);
  }
  expect(rows.length).toBeGreaterThan(0);
  return new Set(rows.flatMap((row) => [...row.split('|')[1].matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((match) => match[1])));
}

/** Each environment variable the repository's code reads, with the files that read it. */
function variablesReadByTheCode(): Map<string, string[]> {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && !file.startsWith('node_modules/') && !file.startsWith('docs/'));
  const found = new Map<string, string[]>();
  const note = (name: string, file: string): void => {
    const readers = found.get(name) ?? [];
    if (!readers.includes(file)) readers.push(file);
    found.set(name, readers);
  };
  for (const file of files) {
    const script = /\.(ts|js|mjs|vue)$/.test(file);
    const shell = /\.(sh|ya?ml)$|Dockerfile|^\.ci\//.test(file);
    if (!script && !shell) continue;
    let text: string;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // listed but deleted in the work tree
    }
    if (script) {
      for (const match of text.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)|\benv\.([A-Z][A-Z0-9_]*)|process\.env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g)) {
        note(match[1] ?? match[2] ?? match[3], file);
      }
    } else {
      for (const match of text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) note(match[1], file);
    }
  }
  return found;
}
