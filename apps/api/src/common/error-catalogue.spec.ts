import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppError, type ErrorCodeOf } from './app-error';
import { WeeklyReportErrors } from '../weekly-reports/weekly-report.errors';

/**
 * One shape for errors (#16.5): each feature's <feature>.errors.ts exports factory objects whose members build an
 * AppError (their codes a literal union, ErrorCodeOf), and nothing outside the catalogue writes `new AppError(...)`.
 */
const SRC = join(__dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

const sources = filesUnder(SRC);
const catalogues = sources.filter((path) => path.endsWith('.errors.ts'));

describe('error catalogue', () => {
  it('nothing outside <feature>.errors.ts (and app-error.ts) builds an AppError inline', () => {
    const inline = sources
      .filter((path) => !path.endsWith('.errors.ts') && !path.endsWith(join('common', 'app-error.ts')))
      .filter((path) => /new (AppError|RetryLaterError)\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path));
    expect(inline).toEqual([]);
  });

  it.each(catalogues.map((path) => [relative(SRC, path), path]))('%s exports only factory objects that build AppErrors', (_name, path) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(path) as Record<string, unknown>;
    const objects = Object.entries(module).filter(([, value]) => typeof value === 'object' && value !== null);
    expect(objects.length).toBeGreaterThan(0);
    for (const [exported, value] of objects) {
      for (const [member, factory] of Object.entries(value as Record<string, unknown>)) {
        // A map of code strings (the old shape) fails here: every member is a factory.
        expect({ exported, member, kind: typeof factory }).toEqual({ exported, member, kind: 'function' });
      }
    }
  });

  it('a factory’s code is in the feature’s literal union', () => {
    const error = WeeklyReportErrors.invalidIsoWeek('2026-W99');
    const code: ErrorCodeOf<typeof WeeklyReportErrors> = error.code;
    expect(error).toBeInstanceOf(AppError);
    expect(code).toBe('INVALID_ISO_WEEK');
    expect(error.details).toEqual([{ field: 'isoWeek', reason: 'must be an existing ISO week YYYY-Www, e.g. 2026-W47' }]);
  });
});
