/**
 * `npm run db:seed`: loads the plan catalogue (专栏 1 indicators, 专栏 2–11 groups and
 * projects, the sub-districts of 专栏 7) and the shipped node templates (节点模板) into DATABASE_URL. Safe to run again: a
 * second run changes nothing. Run the migrations first (`npm run db:migrate`).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { validateConfig } from '@app/config';
import { dataSourceOptions } from '@app/database';
import { seedNodeTemplates } from '../node-templates.seed';
import { seedPlanCatalogue, SeedCounts } from '../plan-catalogue.seed';
import { reportSeedFailure } from './report-failure';

export function describeSeedCounts(counts: SeedCounts): string {
  const lines = [`plan ${counts.planCode}: ${counts.indicators} indicators (专栏 1), ${counts.subdistricts} sub-districts`];
  for (const column of counts.columns) {
    lines.push(`  专栏 ${String(column.number).padStart(2)} ${column.title}: ${column.groups} groups, ${column.projects} projects`);
  }
  lines.push(`  total: ${counts.columns.length} columns, ${counts.groups} groups, ${counts.projects} projects`);
  lines.push(`rows inserted ${counts.inserted}, updated ${counts.updated}, unchanged ${counts.unchanged}`);
  // The plan reads differently than when this database was seeded (a splitter rule changed).
  for (const row of counts.renamed) lines.push(`renamed ${row.planRef} (${row.id}): 「${row.from}」 → 「${row.to}」`);
  for (const row of counts.removed) lines.push(`removed 「${row.name}」 (was ${row.planRef}, ${row.id}): no longer in the plan, nothing attached to it`);
  for (const row of counts.detached) {
    lines.push(
      `WARNING: 「${row.name}」 (was ${row.planRef}, ${row.id}) is no longer a project of the plan but carries data people entered; ` +
        'it is kept, detached from the plan (plan_ref cleared): merge its milestones and reports into the right project, or delete it, in the app',
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = validateConfig(process.env);
  const dataSource = await new DataSource(dataSourceOptions(config.DATABASE_URL, { extra: { max: 2 } })).initialize();
  try {
    console.log(describeSeedCounts(await seedPlanCatalogue(dataSource)));
    const templates = await seedNodeTemplates(dataSource);
    console.log(
      `node templates (节点模板): ${templates.templates} shipped — inserted ${templates.inserted}, new seed versions ${templates.newVersions}, unchanged ${templates.unchanged}`,
    );
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    reportSeedFailure('seeding the plan catalogue', error);
    process.exit(1);
  });
}
