import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isKnownPublicSecret, KNOWN_PUBLIC_SECRETS } from './known-public-secrets';

const root = join(__dirname, '..', '..', '..');

/**
 * Every secret-looking literal in the repository's files: a quoted string, a
 * `${VAR:-default}` default or a `KEY=value` on a line that speaks of a secret
 * or of signing — 16 or more ASCII characters without spaces that are not an
 * identifier, a path, a URL, a masked value or code.
 */
export function secretLookingLiterals(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split('\n')) {
    if (!/secret|signing|jwt/i.test(line)) continue;
    const candidates = [
      ...[...line.matchAll(/'([^'\s]{8,})'|"([^"\s]{8,})"|`([^`\s$]{8,})`/g)].map((m) => m[1] ?? m[2] ?? m[3]),
      ...[...line.matchAll(/:-([^}\s]{8,})\}/g)].map((m) => m[1]),
      ...[...line.matchAll(/^\s*[A-Z_]*SECRET[A-Z_]*\s*[=:]\s*['"]?([^'"\s#]{8,})/g)].map((m) => m[1]),
    ];
    for (const value of candidates) {
      if (value.length < 16 || !/^[\x21-\x7e]+$/.test(value)) continue;
      if (/^[A-Za-z0-9_]+$/.test(value) && value.includes('_')) continue; // an identifier (a variable, a constraint)
      if (/[/*(){}\\@,…$]/.test(value)) continue; // a path, a URL, a masked value, code
      found.push(value);
    }
  }
  return found;
}

describe('the list of secrets known from the repository', () => {
  it('holds every secret-looking default, example and fixture in the repository', () => {
    const files = repositoryFiles()
      .filter((file) => file && /\.(ts|js|json|ya?ml|md|sh|example|env)$|Dockerfile|\.env/.test(file))
      .filter((file) => !/package-lock\.json$|known-public-secrets(\.spec)?\.ts$|^apps\/web\/src\/api\/.*\.d\.ts$/.test(file));
    const missing = new Map<string, string>();
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(join(root, file), 'utf8');
      } catch {
        continue; // listed but deleted in the work tree
      }
      for (const value of secretLookingLiterals(text)) {
        if (!isKnownPublicSecret(value) && !NOT_SECRETS.includes(value)) missing.set(value, file);
      }
    }
    // A literal here is readable by anyone: add it to KNOWN_PUBLIC_SECRETS (libs/config/src/known-public-secrets.ts)
    // so that production refuses it as JWT_SECRET — or, better, do not write secrets into files.
    expect(Object.fromEntries(missing)).toEqual({});
  });

  it('finds the kinds of defaults it must (so the scan itself cannot silently stop working)', () => {
    expect(secretLookingLiterals(`  JWT_SECRET: \${JWT_SECRET:-change-me-please-32-characters!!}`)).toContain('change-me-please-32-characters!!');
    expect(secretLookingLiterals(`export const TEST_JWT_SECRET = 'test-secret-at-least-16-chars';`)).toContain('test-secret-at-least-16-chars');
    expect(secretLookingLiterals('JWT_SECRET=s3cr3t-value-here')).toContain('s3cr3t-value-here');
    expect(KNOWN_PUBLIC_SECRETS).toContain('change-me-please-32-characters!!');
  });
});

/** The repository's files: git's list, or (a copy without .git) a walk that skips what git ignores. */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    const found: string[] = [];
    const walk = (directory: string): void => {
      for (const entry of readdirSync(directory, { withFileTypes: true })) {
        if (['node_modules', 'dist', '.git', 'coverage'].includes(entry.name)) continue;
        const path = join(directory, entry.name);
        if (entry.isDirectory()) walk(path);
        else found.push(relative(root, path));
      }
    };
    walk(root);
    return found;
  }
}

/** Literals the scan flags that are no secret of any kind (ids on lines that mention one). */
const NOT_SECRETS: string[] = [
  'reminder-m1-overdue-20260305-dingtalk-1a2b3c4d5e6f7a8b',
  'key-project-tracker',
  // Names of things about secrets: a migration, a column, scripts, a key file.
  'EncryptDepartmentChannelSecrets1764000003000',
  'department_channels.secret',
  'ensure-secret-file',
  'kpt-reencrypt-secrets',
  'secrets-encryption-key',
  'secrets:reencrypt',
];
