/**
 * Issue 17's scale curve: the same work at 1,000 / 10,000 / 100,000 projects (×20 milestones each, the synthetic
 * portfolio of bench/support) — the project list, the supervision views (first answer of a fresh process and the
 * steady p50), the weekly report build and the reminder scan — with time and peak memory at each size and the
 * growth per 10×. The limit of each figure is linear growth: ten times the figure at the size before (ratio ≥ 1:
 * grew no faster than the portfolio). Writes BENCHMARKS-scale.svg, a log-log chart of time against size.
 * BENCH_SCALE_SIZES=1000,10000 picks other sizes.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { dataSourceOptions } from '@app/database';
import { districtDate } from '@app/domain';
import { deleteKeysWithPrefix, QueueRegistry } from '@app/queue';
import { lastCompletedIsoWeek, PortfolioReader, WeeklyReportBuilder } from '@app/reporting';
import { ReminderScanProcessor } from '../apps/worker/src/reminders/reminder-scan.processor';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { BenchResult, durationRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { measureLoad } from './support/load';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { BENCH_PASSWORD, generateSyntheticPortfolio } from './support/synthetic-portfolio';

const DATABASE = 'kpt_bench_scale';
const API_PORT = 3960;
const MILESTONES_PER_PROJECT = 20;
const CHART = join(__dirname, '..', '..', 'BENCHMARKS-scale.svg');

interface Figure {
  ms: number;
  /** Peak resident memory of the process doing the work, MiB. */
  peakMiB: number;
}

type Measure = 'list' | 'summary cold' | 'summary warm' | 'warning lights warm' | 'weekly build' | 'reminder scan';

function log(message: string): void {
  process.stderr.write(`[scale] ${message}\n`);
}

/** Runs work while sampling this process's RSS; the peak is what the work needed on top of what was there. */
async function inProcess<T>(work: () => Promise<T>): Promise<Figure> {
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return { ms: performance.now() - started, peakMiB: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
}

function peakOfProcess(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

async function measureApi(databaseUrl: string): Promise<Partial<Record<Measure, Figure>>> {
  const api = startNode('apps/api/src/main.js', {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(API_PORT),
    ...freshProductionSecrets(),
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  try {
    const base = `http://127.0.0.1:${API_PORT}`;
    await waitForHttp(`${base}/health`);
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-admin', password: BENCH_PASSWORD }),
    });
    const authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const figures: Partial<Record<Measure, Figure>> = {};
    const steady = async (path: string) => (await measureLoad({ url: `${base}${path}`, headers: { authorization }, connections: 1, durationSeconds: 4 })).p50Ms;

    const started = performance.now();
    const cold = await fetch(`${base}/api/v1/supervision/summary?by=ownerUnit`, { headers: { authorization } });
    if (!cold.ok) throw new Error(`summary: ${cold.status}`);
    figures['summary cold'] = { ms: performance.now() - started, peakMiB: peakOfProcess(api.pid!) };
    figures['summary warm'] = { ms: await steady('/api/v1/supervision/summary?by=ownerUnit'), peakMiB: peakOfProcess(api.pid!) };
    figures['warning lights warm'] = { ms: await steady('/api/v1/warning-lights/projects'), peakMiB: peakOfProcess(api.pid!) };
    const query = `q=${encodeURIComponent('220 千伏')}&status=under_construction&page=2&pageSize=20`;
    figures.list = { ms: await steady(`/api/v1/projects?${query}`), peakMiB: peakOfProcess(api.pid!) };
    return figures;
  } finally {
    await stop(api);
  }
}

async function measureWeeklyBuild(databaseUrl: string): Promise<Figure> {
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 4 } })).initialize();
  try {
    const builder = new WeeklyReportBuilder(dataSource, new PortfolioReader(dataSource, new WorkingDayCalendar()));
    const week = lastCompletedIsoWeek(districtDate(new Date()));
    return await inProcess(() => builder.build(week));
  } finally {
    await dataSource.destroy();
  }
}

async function measureScan(databaseUrl: string): Promise<Figure> {
  const prefix = `kpt-bench-scale-${randomBytes(3).toString('hex')}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    WORKER_HEALTH_PORT: '0',
    REMINDER_CATCH_UP: 'false',
  });
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn'] });
  try {
    await app.get(QueueRegistry).queue('reminders').pause();
    return await inProcess(() => app.get(ReminderScanProcessor).scan());
  } finally {
    await app.close();
    await deleteKeysWithPrefix(prefix, process.env.REDIS_URL!);
  }
}

/** A log-log line chart of time against portfolio size, one line per measure, with the slope of linear growth for reference. */
function chart(sizes: number[], series: Array<{ name: string; values: number[] }>): string {
  const width = 760;
  const height = 420;
  const margin = { left: 70, right: 210, top: 30, bottom: 50 };
  const all = series.flatMap((s) => s.values).filter((v) => v > 0);
  const [minY, maxY] = [Math.log10(Math.min(...all)) - 0.2, Math.log10(Math.max(...all)) + 0.2];
  const [minX, maxX] = [Math.log10(sizes[0]), Math.log10(sizes[sizes.length - 1])];
  const x = (size: number) => margin.left + ((Math.log10(size) - minX) / (maxX - minX || 1)) * (width - margin.left - margin.right);
  const y = (ms: number) => height - margin.bottom - ((Math.log10(ms) - minY) / (maxY - minY)) * (height - margin.top - margin.bottom);
  const colours = ['#c0392b', '#2471a3', '#1e8449', '#b9770e', '#7d3c98', '#566573'];
  const parts: string[] = [];
  for (let decade = Math.ceil(minY); decade <= Math.floor(maxY); decade++) {
    const ms = 10 ** decade;
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(ms)}" y2="${y(ms)}" stroke="#ddd"/>`);
    parts.push(`<text x="${margin.left - 8}" y="${y(ms) + 4}" text-anchor="end" font-size="12">${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}</text>`);
  }
  for (const size of sizes) {
    parts.push(`<line x1="${x(size)}" x2="${x(size)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#eee"/>`);
    parts.push(`<text x="${x(size)}" y="${height - margin.bottom + 18}" text-anchor="middle" font-size="12">${size.toLocaleString('en')}</text>`);
  }
  series.forEach((s, i) => {
    const colour = colours[i % colours.length];
    const points = s.values.map((v, j) => `${x(sizes[j]).toFixed(1)},${y(Math.max(v, 0.01)).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`);
    points.forEach((p) => parts.push(`<circle cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3" fill="${colour}"/>`));
    parts.push(`<text x="${width - margin.right + 12}" y="${margin.top + 24 + 18 * i}" font-size="12" fill="${colour}">${s.name}</text>`);
  });
  // Linear growth (×10 per 10×) from the smallest figure, dashed: a line steeper than this grows faster than the portfolio.
  const base = Math.min(...series.map((s) => s.values[0]).filter((v) => v > 0));
  const linearEnd = base * sizes[sizes.length - 1] / sizes[0];
  parts.push(`<line x1="${x(sizes[0])}" y1="${y(base)}" x2="${x(sizes[sizes.length - 1])}" y2="${y(Math.min(linearEnd, 10 ** maxY))}" stroke="#999" stroke-dasharray="5,4"/>`);
  parts.push(`<text x="${width - margin.right + 12}" y="${margin.top + 24 + 18 * series.length}" font-size="12" fill="#999">linear (10× per 10×)</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${margin.left}" y="18" font-size="14">Time against portfolio size (projects × ${MILESTONES_PER_PROJECT} milestones), log-log — npm run bench, ${new Date().toISOString().slice(0, 10)}</text>`,
    ...parts,
    `<text x="${(margin.left + width - margin.right) / 2}" y="${height - 12}" text-anchor="middle" font-size="12">projects</text>`,
    `</svg>`,
  ].join('\n');
}

export async function runScaleBenchmark(): Promise<BenchResult[]> {
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
  const figures = new Map<number, Partial<Record<Measure, Figure>>>();
  for (const projects of sizes) {
    log(`${projects} projects: generating`);
    const databaseUrl = await createBenchDatabase(DATABASE);
    try {
      await generateSyntheticPortfolio(databaseUrl, { projects, milestonesPerProject: MILESTONES_PER_PROJECT });
      log(`${projects} projects: API views`);
      const at: Partial<Record<Measure, Figure>> = await measureApi(databaseUrl);
      log(`${projects} projects: weekly build`);
      at['weekly build'] = await measureWeeklyBuild(databaseUrl);
      log(`${projects} projects: reminder scan`);
      at['reminder scan'] = await measureScan(databaseUrl);
      figures.set(projects, at);
    } finally {
      await dropBenchDatabase(DATABASE);
    }
  }

  const measures: Measure[] = ['list', 'summary cold', 'summary warm', 'warning lights warm', 'weekly build', 'reminder scan'];
  const where: Record<Measure, string> = {
    list: 'GET /projects (search, page 2) p50, API process',
    'summary cold': 'GET /supervision/summary, first answer of a fresh API process',
    'summary warm': 'GET /supervision/summary p50, warm',
    'warning lights warm': 'GET /warning-lights/projects p50, warm',
    'weekly build': 'weekly report build, in process',
    'reminder scan': 'reminder scan to enqueue, worker in process',
  };
  writeFileSync(CHART, chart(sizes, measures.map((m) => ({ name: m, values: sizes.map((size) => figures.get(size)?.[m]?.ms ?? 0) }))));
  const results: BenchResult[] = [];
  for (const measure of measures) {
    sizes.forEach((size, i) => {
      const figure = figures.get(size)![measure]!;
      const previous = i > 0 ? figures.get(sizes[i - 1])![measure]! : undefined;
      const linear = previous ? previous.ms * (size / sizes[i - 1]) : figure.ms;
      results.push({
        name: `${where[measure]}: ${size.toLocaleString('en')} projects`,
        value: Math.round(figure.ms * 10) / 10,
        unit: 'ms',
        limitName: previous ? `linear growth from ${sizes[i - 1].toLocaleString('en')}` : 'first size (reference)',
        limitValue: Math.round(linear * 10) / 10,
        ratio: durationRatio(figure.ms, linear),
        notes:
          `peak RSS ${figure.peakMiB.toFixed(0)} MiB` +
          (previous ? `; grew ×${(figure.ms / previous.ms).toFixed(1)} for ×${size / sizes[i - 1]} projects` : '') +
          (results.length === 0 ? '; chart: [BENCHMARKS-scale.svg](BENCHMARKS-scale.svg)' : ''),
      });
    });
  }
  return results;
}
