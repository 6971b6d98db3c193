/**
 * `npm run bench`: runs every benchmark (or those named in BENCH_ONLY, e.g.
 * BENCH_ONLY=projects,reminders) and rewrites BENCHMARKS.md with the figures,
 * the machine and the date. Each figure stands beside its limit — raw SQL, raw
 * BullMQ, a bare Node handler — measured in the same run.
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join } from 'node:path';
import { BenchResult } from './support/bench-result';

interface Suite {
  key: string;
  title: string;
  run: () => Promise<BenchResult[]>;
}

const suites: Suite[] = [
  { key: 'projects', title: 'Portfolio API (issue 2)', run: async () => (await import('./projects.bench')).runProjectsBenchmark() },
  { key: 'reminders', title: 'Reminder scan and delivery (issue 3)', run: async () => (await import('./reminders.bench')).runReminderBenchmark() },
  { key: 'weekly', title: 'Weekly report 周报 (issue 4)', run: async () => (await import('./weekly-report.bench')).runWeeklyReportBenchmark() },
  { key: 'web', title: 'Web workbench in Chromium (issue 10)', run: async () => (await import('./web-workbench.bench')).runWebWorkbenchBenchmark() },
  { key: 'scale', title: 'Scale curve (issue 17)', run: async () => (await import('./scale.bench')).runScaleBenchmark() },
  { key: 'horizontal', title: 'Two APIs and two workers (issue 17)', run: async () => (await import('./horizontal.bench')).runHorizontalBenchmark() },
  { key: 'node-statistics', title: 'Node templates 手续办结率 (issue 12)', run: async () => (await import('./node-statistics.bench')).runNodeStatisticsBenchmark() },
  { key: 'attachments', title: 'Attachments 附件 (issue 15)', run: async () => (await import('./attachments.bench')).runAttachmentsBenchmark() },
  { key: 'problems', title: 'Problem ledger 问题台账 (issue 12)', run: async () => (await import('./problems.bench')).runProblemsBenchmark() },
];

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

function table(results: BenchResult[]): string {
  const rows = results.map(
    (r) => `| ${r.name} | ${format(r.value)} ${r.unit} | ${r.limitName}: ${format(r.limitValue)} ${r.unit} | ${r.ratio.toFixed(2)} | ${r.notes ?? ''} |`,
  );
  return ['| measure | ours | limit (same run) | ratio | notes |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const OUTPUT = join(__dirname, '..', '..', 'BENCHMARKS.md');

/** The sections of the current BENCHMARKS.md by title, so a partial run (BENCH_ONLY) keeps the others. */
function previousSections(): Map<string, string> {
  const sections = new Map<string, string>();
  if (!existsSync(OUTPUT)) return sections;
  for (const part of readFileSync(OUTPUT, 'utf8').split(/^(?=## )/m).slice(1)) {
    sections.set(part.split('\n', 1)[0].slice(3).trim(), part.trimEnd());
  }
  return sections;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const previous = previousSections();
  const sections: string[] = [];
  for (const suite of suites) {
    if (only && !only.includes(suite.key)) {
      const kept = previous.get(suite.title)?.replace(/\n+\(kept from an earlier run\)$/, '');
      if (kept) sections.push(`${kept}\n\n(kept from an earlier run)`);
      continue;
    }
    console.log(`== ${suite.title}`);
    const started = Date.now();
    const results = await suite.run();
    console.table(results.map((r) => ({ name: r.name, value: format(r.value), unit: r.unit, limit: format(r.limitValue), ratio: r.ratio.toFixed(2) })));
    sections.push(`## ${suite.title}\n\n${table(results)}\n\n(run took ${((Date.now() - started) / 1000).toFixed(0)} s, ${new Date().toISOString()})`);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}, Node ${process.version}`;
  const document = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run-benchmarks.ts). Ratio: ours ÷ limit for throughput, limit ÷ ours for',
    'times — 1.00 means as fast as the limit, which does the same work with no framework around it.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${machine}`,
    `- Load: autocannon, ${process.env.BENCH_SECONDS ?? 10} s per run, 20 connections, client on the same machine`,
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
  writeFileSync(OUTPUT, document);
  console.log('wrote BENCHMARKS.md');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
