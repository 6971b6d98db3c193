/**
 * `npm run db:seed:demo`: adds DEMO DATA (demo departments and accounts, owners,
 * dates, investment, milestones and progress reports of the catalogue projects)
 * to DATABASE_URL, loading the plan catalogue first when it is missing — only
 * when the database is empty (see demo.seed.ts): on every later run, and on a
 * database with real work in it, it says so and changes nothing. Accounts get the
 * password in SEED_DEMO_PASSWORD (default yuquan-demo-2026); "today" comes from
 * the clock (KPT_FIXED_NOW fixes it outside production).
 *
 * With NODE_ENV=production it refuses (exit 1) unless asked: `--force-demo` or
 * SEED_DEMO=true places the demo into an empty database (compose's migrate
 * service does this, so a fresh `docker compose up` shows a live portfolio);
 * SEED_DEMO=false skips it quietly (exit 0) in any environment.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { clockFromEnvironment } from '@app/calendar';
import { validateConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { DEFAULT_DEMO_PASSWORD, DemoSeedCounts, seedDemo } from '../demo.seed';
import { SeedInputError } from '../seed-error';
import { reportSeedFailure } from './report-failure';

export function describeDemoCounts(counts: DemoSeedCounts, passwordFromEnvironment: boolean): string {
  const width = Math.max(...counts.accounts.map((a) => a.username.length));
  const added = (what: { added: number; total: number }) => `${what.total} (${what.added} added by this run)`;
  const lines = [
    '==================== DEMO DATA ====================',
    `Demo data placed around ${counts.today}. Every row it adds is marked is_demo; do not use these accounts in production.`,
    ...(counts.catalogueSeeded ? ['The plan catalogue was missing and was loaded first (npm run db:seed).'] : []),
    '',
    `Accounts (password: ${passwordFromEnvironment ? 'the value of SEED_DEMO_PASSWORD' : DEFAULT_DEMO_PASSWORD}):`,
    ...counts.accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.role.padEnd(17)}  ${a.department ?? ''}`),
    ...(counts.accountsSkipped.length > 0
      ? [`  left alone (an account of that name exists and is not a demo account): ${counts.accountsSkipped.join(', ')}`]
      : []),
    ...(counts.users.passwordsReset > 0 ? [`  ${counts.users.passwordsReset} demo account(s) got the demo password again`] : []),
    '',
    `demo departments      ${added(counts.departments)}`,
    `demo users            ${added(counts.users)}`,
    `projects              ${counts.projects.total} (${counts.projects.filled} filled in by this run)`,
    `milestones            ${added(counts.milestones)}`,
    `annual plans          ${added(counts.annualPlans)}`,
    `monthly investments   ${added(counts.monthlyInvestments)}`,
    `progress reports      ${added(counts.progressReports)}`,
    `projects with an overdue milestone on ${counts.today}: ${counts.overdueProjects}; with one due within 5 days: ${counts.dueSoonProjects}`,
    '===================================================',
  ];
  return lines.join('\n');
}

/** What the environment and the command line ask for: place the demo, skip it, or refuse (production without a request). */
export function demoSeedDecision(env: Record<string, string | undefined>, argv: string[]): 'place' | 'skip' | 'refuse' {
  const asked = argv.includes('--force-demo') || env.SEED_DEMO === 'true';
  if (env.SEED_DEMO === 'false' && !argv.includes('--force-demo')) return 'skip';
  if (env.NODE_ENV === 'production' && !asked) return 'refuse';
  return 'place';
}

async function main(): Promise<void> {
  const decision = demoSeedDecision(process.env, process.argv.slice(2));
  if (decision === 'skip') {
    console.log('SEED_DEMO=false: no demo data.');
    return;
  }
  if (decision === 'refuse') {
    throw new SeedInputError(
      'NODE_ENV=production: the demo seed adds demo accounts with a known password and invented figures, so it runs only when asked. ' +
        'Set SEED_DEMO=true (or pass --force-demo) to place it into an empty database, or SEED_DEMO=false to skip it.',
    );
  }
  const config = validateConfig(process.env);
  const password = process.env.SEED_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  const today = clockFromEnvironment().today();
  const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL, { extra: { max: 2 } })).initialize();
  try {
    const result = await seedDemo(dataSource, { password, today });
    console.log(result.placed ? describeDemoCounts(result, Boolean(process.env.SEED_DEMO_PASSWORD)) : `No demo data added: ${result.message}`);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    reportSeedFailure('seeding the DEMO DATA', error);
    process.exit(1);
  });
}
