/**
 * Issue 10 benchmark: the web workbench in headless Chromium (Debian's, through playwright-core), served by the API
 * from dist/web on the 10,000-project benchmark portfolio (the synthetic portfolio plus the 周报 data of the weekly
 * bench, and this week's 周报 stored, as on any day after Monday's build).
 *
 * 1. What a first visit loads: the JavaScript and CSS of the login page, and of the dashboard for someone already
 *    signed in, as recorded in Chromium (every script and stylesheet response of that navigation), gzip-compressed
 *    here (level 6) — beside the aim of 350 KB for the dashboard.
 * 2. Dashboard, project list, and (issue 13) the overdue review and the timeline wall of the largest column: time from navigation start to the numbers being on the screen (the statistic cards;
 *    the list's count and rows), median of 5 visits with the browser's cache warm (a clerk who used it yesterday),
 *    beside the time of the API calls the page makes, as the page made them: from the first call's start to the last
 *    answer's end (what the page waits for, no page in it). The cold first visit is in the notes.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { AuditWriter, dataSourceOptions, systemActor } from '@app/database';
import { districtDate } from '@app/domain';
import { lastCompletedIsoWeek, PortfolioReader, WeeklyReportBuilder, WeeklyReportStore } from '@app/reporting';
import { BenchResult, durationRatio } from './support/bench-result';
import { createBenchDatabase, dropBenchDatabase } from './support/bench-database';
import { freshProductionSecrets, startNode, stop, waitForHttp } from './support/processes';
import { BENCH_PASSWORD, generateSyntheticPortfolio } from './support/synthetic-portfolio';
import { addReportData } from './weekly-report.bench';

const DATABASE = 'kpt_bench_web';
const API_PORT = 3904;
const BASE = `http://127.0.0.1:${API_PORT}`;
const WEB_DIR = join(__dirname, '..', 'web'); // dist/web, next to dist/bench
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const AIM_KB = 350;
const VIEWPORT = { width: 1440, height: 900 };
/**
 * The API's CSP (script-src 'self', no eval) also stops Playwright's string predicates, which the page evaluates;
 * bypassCSP lifts it for the measuring scripts only, the app's own scripts run as they would anyway.
 */
const CONTEXT = { viewport: VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const kb = (bytes: number) => bytes / 1024;

/** The scripts and stylesheets one navigation loads, with their raw and gzip sizes. */
async function assetsOf(page: Page, visit: () => Promise<void>): Promise<Array<{ url: string; raw: number; gzip: number }>> {
  const pending: Array<Promise<{ url: string; raw: number; gzip: number } | null>> = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type !== 'script' && type !== 'stylesheet') return;
    pending.push(
      response
        .body()
        .then((body) => ({ url: new URL(response.url()).pathname, raw: body.length, gzip: gzipSync(body, { level: 6 }).length }))
        .catch(() => null),
    );
  });
  await visit();
  await page.waitForLoadState('networkidle');
  return (await Promise.all(pending)).filter((asset): asset is { url: string; raw: number; gzip: number } => asset !== null);
}

async function signedInContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext(CONTEXT);
  const response = await context.request.post(`${BASE}/api/v1/auth/session`, { data: { username: 'bench-admin', password: BENCH_PASSWORD } });
  if (!response.ok()) throw new Error(`sign-in for the browser failed: ${response.status()} ${await response.text()}`);
  return context;
}

interface Visit {
  /** ms from navigation start to the numbers on the screen */
  shownMs: number;
  /** ms from the first API call's start to the last API answer's end */
  apiSpanMs: number;
  apiSumMs: number;
  apiCalls: number;
  slowest: string;
  apiBytes: number;
  /** ms from navigation start to the first API call, and from the last answer to the numbers on the screen */
  beforeApiMs: number;
  afterApiMs: number;
}

/** One visit of `path`; `shown` is a page expression that is true once the page's numbers are on the screen. */
async function visit(context: BrowserContext, path: string, shown: string): Promise<Visit> {
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  const calls: Request[] = [];
  page.on('requestfinished', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) calls.push(request);
  });
  try {
    await page.goto(`${BASE}${path}`);
    // performance.now() is measured from the navigation's start: the figure is the moment the condition first held.
    const handle = await page.waitForFunction(`(${shown}) ? performance.now() : false`, null, { polling: 'raf', timeout: 120_000 });
    const shownMs = Number(await handle.jsonValue());
    const origin = Number(await page.evaluate('performance.timeOrigin'));
    await page.waitForLoadState('networkidle');
    const spans = await Promise.all(
      calls.map(async (request) => {
        const timing = request.timing();
        const sizes = await request.sizes().catch(() => ({ responseBodySize: 0 }));
        return { url: new URL(request.url()).pathname, start: timing.startTime, end: timing.startTime + timing.responseEnd, bytes: sizes.responseBodySize };
      }),
    );
    // Only the calls answered before the numbers showed: what the page waited for.
    const awaited = spans.filter((span) => span.end - origin <= shownMs + 1);
    const start = Math.min(...awaited.map((span) => span.start));
    const end = Math.max(...awaited.map((span) => span.end));
    const slowest = awaited.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
    return {
      shownMs,
      apiSpanMs: end - start,
      apiSumMs: awaited.reduce((sum, span) => sum + (span.end - span.start), 0),
      apiCalls: awaited.length,
      slowest: `${slowest.url} ${(slowest.end - slowest.start).toFixed(0)} ms`,
      apiBytes: awaited.reduce((sum, span) => sum + span.bytes, 0),
      beforeApiMs: start - origin,
      afterApiMs: shownMs - (end - origin),
    };
  } finally {
    await page.close();
  }
}

async function timePage(browser: Browser, name: string, path: string, shown: string): Promise<BenchResult> {
  // Cold: a new browser profile each time (nothing cached), as on the very first visit.
  const cold: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await signedInContext(browser);
    try {
      cold.push((await visit(context, path, shown)).shownMs);
    } finally {
      await context.close();
    }
  }
  // Warm: one profile, its HTTP cache filled by a first visit (hashed assets are cached for a year).
  const context = await signedInContext(browser);
  try {
    await visit(context, path, shown);
    const visits: Visit[] = [];
    for (let run = 0; run < RUNS; run++) visits.push(await visit(context, path, shown));
    const shownMs = median(visits.map((v) => v.shownMs));
    const apiSpanMs = median(visits.map((v) => v.apiSpanMs));
    const typical = visits.find((v) => v.shownMs === shownMs)!;
    return {
      name: `${name}: navigation → numbers shown (warm cache)`,
      value: shownMs,
      unit: 'ms',
      limitName: 'its API calls, first start → last answer',
      limitValue: apiSpanMs,
      ratio: durationRatio(shownMs, apiSpanMs),
      notes:
        `median of ${RUNS}; ${typical.apiCalls} API calls, ${(typical.apiSumMs).toFixed(0)} ms summed, ${(typical.apiBytes / 2 ** 20).toFixed(2)} MiB of JSON; ` +
        `slowest ${typical.slowest}; page alone: ${typical.beforeApiMs.toFixed(0)} ms to its first call (document and scripts), ` +
        `${typical.afterApiMs.toFixed(0)} ms from the last answer to the numbers; cold first visit (empty cache) ${median(cold).toFixed(0)} ms; ` +
        `machine load ${loadavg()[0].toFixed(1)} on ${cpus().length} cores (browser, API and Postgres share them)`,
    };
  } finally {
    await context.close();
  }
}

export async function runWebWorkbenchBenchmark(): Promise<BenchResult[]> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error(`No built web app in ${WEB_DIR}: npm run bench builds it (npm run build)`);
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH`);
  const projects = Number(process.env.BENCH_PROJECTS ?? 10_000);
  const milestonesPerProject = Number(process.env.BENCH_MILESTONES_PER_PROJECT ?? 20);
  const week = lastCompletedIsoWeek(districtDate(new Date()));
  const databaseUrl = await createBenchDatabase(DATABASE);
  const dataSource = await new DataSource(dataSourceOptions(databaseUrl, { extra: { max: 4 } })).initialize();
  let browser: Browser | undefined;
  const api = { process: undefined as ReturnType<typeof startNode> | undefined };
  try {
    await generateSyntheticPortfolio(databaseUrl, { projects, milestonesPerProject });
    await addReportData(databaseUrl, Number(week.end.slice(0, 4)));
    const builder = new WeeklyReportBuilder(dataSource, new PortfolioReader(dataSource, new WorkingDayCalendar()));
    await new WeeklyReportStore(dataSource, builder, new AuditWriter()).buildOnce(week, { source: 'on_demand', builtBy: 'bench', actor: systemActor('bench') });

    api.process = startNode('apps/api/src/main.js', {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(API_PORT),
      ...freshProductionSecrets(),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '100000000',
      REPORT_RATE_LIMIT_PER_MINUTE: '100000000',
      QUEUE_PREFIX: 'kpt-bench-web',
      WEB_APP_DIR: WEB_DIR,
    });
    await waitForHttp(`${BASE}/health`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const results: BenchResult[] = [];

    // --- 1. what a first visit loads ---------------------------------------------------
    const sizeRow = (name: string, assets: Array<{ url: string; raw: number; gzip: number }>): BenchResult => {
      const gzip = assets.reduce((sum, asset) => sum + asset.gzip, 0);
      const raw = assets.reduce((sum, asset) => sum + asset.raw, 0);
      const biggest = [...assets].sort((a, b) => b.gzip - a.gzip).slice(0, 3);
      return {
        name,
        value: kb(gzip),
        unit: 'KB',
        limitName: 'aim (issue 10)',
        limitValue: AIM_KB,
        ratio: durationRatio(kb(gzip), AIM_KB),
        notes:
          `gzip -6 of ${assets.length} files (${kb(raw).toFixed(0)} KB uncompressed); biggest: ` +
          biggest.map((asset) => `${asset.url.replace(/^\/assets\//, '')} ${kb(asset.gzip).toFixed(0)} KB`).join(', '),
      };
    };
    const anonymous = await browser.newContext(CONTEXT);
    try {
      const page = await anonymous.newPage();
      const assets = await assetsOf(page, async () => {
        await page.goto(`${BASE}/login`);
        await page.getByLabel('用户名').waitFor();
      });
      results.push(sizeRow('first visit, login page: JS + CSS', assets));
    } finally {
      await anonymous.close();
    }
    const signedIn = await signedInContext(browser);
    try {
      const page = await signedIn.newPage();
      const assets = await assetsOf(page, async () => {
        await page.goto(`${BASE}/`);
        await page.getByRole('link', { name: /^累计完成投资：/ }).waitFor({ timeout: 120_000 });
      });
      results.push(sizeRow('first visit, dashboard (signed in): JS + CSS', assets));
    } finally {
      await signedIn.close();
    }

    // --- 2. time to the numbers --------------------------------------------------------
    const cards = ['项目总数', '红灯', '黄灯', '绿灯', '逾期节点', '年度计划投资', '累计完成投资'];
    // Shown = in the page and not behind a loading mask (one fading out already lets the numbers through).
    const unmasked = `![...document.querySelectorAll('.el-loading-mask')].some((mask) => mask.checkVisibility() && !mask.classList.contains('el-loading-fade-leave-active'))`;
    const dashboardShown = `${JSON.stringify(cards)}.every((label) => document.querySelector('[aria-label^="' + label + '："]')) && ${unmasked}`;
    results.push(await timePage(browser, `dashboard (/) on ${projects} projects, 7 statistic cards`, '/', dashboardShown));
    const listShown = `/共 [1-9]/.test(document.querySelector('.count')?.textContent ?? '') && document.querySelectorAll('.el-table__body tr.el-table__row').length > 0 && ${unmasked}`;
    results.push(await timePage(browser, `project list (/projects) on ${projects} projects, first page of 20`, '/projects', listShown));
    const searchShown = listShown;
    results.push(await timePage(browser, 'project list searched "220 千伏", under construction', `/projects?q=${encodeURIComponent('220 千伏')}&status=under_construction`, searchShown));

    // --- 3. the 督查室's desk (issue 13): 逾期督导 and the 挂图作战 wall of the largest column -------------------
    const overdueShown = `/共 [0-9]+ 个逾期节点/.test(document.querySelector('.count')?.textContent ?? '') && document.querySelectorAll('.el-table__body tr.el-table__row').length > 0 && ${unmasked}`;
    results.push(await timePage(browser, `overdue review (/supervision/overdue) on ${projects} projects, first page of 20`, '/supervision/overdue', overdueShown));
    const probe = await signedInContext(browser);
    const wall = (await (await probe.request.get(`${BASE}/api/v1/timeline`)).json()) as { column: { number: number }; projectCount: number; milestoneCount: number };
    await probe.close();
    // Shown = the chart has drawn (its 'finished' event) the wall the summary line counts.
    const timelineShown = `document.querySelector('[data-testid="timeline-chart"]')?.dataset.rendered === 'true' && ${unmasked}`;
    results.push(
      await timePage(
        browser,
        `timeline (/timeline) of the largest column (专栏${wall.column.number}: ${wall.projectCount} projects, ${wall.milestoneCount} milestones) on ${projects} projects`,
        '/timeline',
        timelineShown,
      ),
    );
    return results;
  } finally {
    await browser?.close();
    if (api.process) await stop(api.process);
    await dataSource.destroy();
    await dropBenchDatabase(DATABASE);
  }
}

if (require.main === module) {
  runWebWorkbenchBenchmark()
    .then((results) => console.table(results))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
