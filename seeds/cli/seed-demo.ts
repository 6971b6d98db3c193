/**
 * `npm run db:seed:demo`: adds DEMO DATA (demo departments and accounts, owners,
 * dates, investment, milestones and progress reports of the catalogue projects)
 * to DATABASE_URL, loading the plan catalogue first when it is missing. Safe to
 * run again: a second run adds nothing and overwrites nothing. Accounts get the
 * password in SEED_DEMO_PASSWORD (default yuquan-demo-2026); "today" comes from
 * the clock (KPT_FIXED_NOW fixes it outside production).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { clockFromEnvironment } from '@app/calendar';
import { validateConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { DEFAULT_DEMO_PASSWORD, DemoSeedCounts, seedDemo } from '../demo.seed';
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

async function main(): Promise<void> {
  const config = validateConfig(process.env);
  const password = process.env.SEED_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  const today = clockFromEnvironment().today();
  const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL, { extra: { max: 2 } })).initialize();
  try {
    const counts = await seedDemo(dataSource, { password, today });
    console.log(describeDemoCounts(counts, Boolean(process.env.SEED_DEMO_PASSWORD)));
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
