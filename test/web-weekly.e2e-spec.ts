import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { DEFAULT_DEMO_PASSWORD } from '../seeds/demo.seed';
import { formatPercent, formatWanNumber } from '../apps/web/src/utils/format';
import { endedWeeks, isoWeekOf } from '../apps/web/src/views/weekly/weekly-view';
import { expectAccessible, settled, shanghaiToday } from './support/browser';
import { signIn } from './support/factories';
import { DESKTOP, PHONE, Workbench } from './support/workbench';

/**
 * The 周报 page in Chromium against the real API on the demo portfolio with 12 stored weeks (11 built before, the
 * newest built from the page by the 督查室): its figures are those of GET /api/v1/reports/weekly/:isoWeek for the
 * week shown (headline figures, ranking, a section's rows), the XLSX downloaded from the page opens and holds the same
 * figures, the build button shows the API's answer as it is (201, 200 for a stored week, 409 for this week), the ranking
 * history draws 12 weeks, and the dashboard no longer downloads whole reports. axe on each tab, desktop and phone.
 * With WEEKLY_SCREENSHOTS=<dir> (or SCREENSHOTS_DIR) it saves the page at 1440 and 390 px.
 */
const SHOTS = process.env.WEEKLY_SCREENSHOTS ?? process.env.SCREENSHOTS_DIR;



jest.setTimeout(420_000);

describe('the 周报 page in Chromium', () => {
  let workbench: Workbench;
  const today = shanghaiToday();
  const weeks = endedWeeks(today, 12); // newest first
  const newest = weeks[0].isoWeek;

  beforeAll(async () => {
    workbench = await Workbench.start({ screenshots: SHOTS, demoToday: today, env: { REPORT_RATE_LIMIT_PER_MINUTE: '600' } });
    for (const week of weeks.slice(1)) {
      await workbench.api('supervisor', `/api/v1/reports/weekly/${week.isoWeek}/build`, { method: 'POST', status: 201 });
    }
  });

  afterAll(() => workbench?.close());

  const newPage = (viewport = DESKTOP) => workbench.newPage(viewport);
  const signInAs = (page: Page, username: string, path = '/') => workbench.signInAs(page, username, path);
  const report = (isoWeek: string): Promise<any> => workbench.api('viewer', `/api/v1/reports/weekly/${isoWeek}`, { status: 200 });

  async function shoot(page: Page, name: string) {
    if (!SHOTS) return;
    await settled(page);
    await page.waitForTimeout(800); // tabs slide, charts animate
    const width = page.viewportSize()!.width;
    await page.screenshot({ path: join(SHOTS, `weekly-${name}-${width}.png`), fullPage: true });
    // And a window-high view from the tabs down, which an image viewer shows at full size.
    await page.locator('.tabs').evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, `weekly-${name}-${width}-tabs.png`) });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
  }

  const figure = (page: Page, label: string, value: string | number, unit: string) => page.getByRole('group', { name: `${label}：${value} ${unit}` });

  it('builds the newest week from the page (201), then shows 200 for a stored week and 409 for this one', async () => {
    const page = await newPage();
    await signInAs(page, 'supervisor', '/reports/weekly');
    await page.getByRole('heading', { name: '周报', level: 1 }).waitFor();
    // The newest stored week is shown by default: 11 built, the newest not yet.
    await page.getByText(`${weeks[1].start} 至 ${weeks[1].end}（截至周日`).waitFor();

    const pick = async (isoWeek: string) => {
      // The chosen week's text lies over the input: a person clicks the box.
      await page.getByRole('combobox', { name: '要生成的周次' }).locator('xpath=ancestor::div[contains(@class, "el-select__wrapper")]').click();
      await page.getByRole('option', { name: new RegExp(`^${isoWeek}（`) }).click();
    };
    await pick(newest);
    await page.getByRole('button', { name: '生成该周周报' }).click();
    await page.getByText(`已生成 ${newest} 周报（HTTP 201）`).waitFor();
    await page.getByText(`${weeks[0].start} 至 ${weeks[0].end}（截至周日`).waitFor();

    await pick(weeks[3].isoWeek);
    await page.getByRole('button', { name: '生成该周周报' }).click();
    await page.getByText(`${weeks[3].isoWeek} 周报已存在，未重新生成（HTTP 200）`).waitFor();

    const current = isoWeekOf(today);
    await pick(current);
    await page.getByRole('button', { name: '生成该周周报' }).click();
    await page.getByText(`${current} 尚未结束，不能生成（HTTP 409）`, { exact: false }).waitFor();
  });

  it('shows the figures of GET /reports/weekly/:isoWeek for the week, its ranking with the rule, a section page, and its snapshot identity', async () => {
    const full = await report(newest);
    const o = full.report.overview;
    const page = await newPage();
    await signInAs(page, 'viewer', '/reports/weekly');
    await page.getByRole('heading', { name: '周报', level: 1 }).waitFor();
    await settled(page);
    // The default week is the newest; a viewer may not build.
    await page.getByText(`${weeks[0].start} 至 ${weeks[0].end}（截至周日`).waitFor();
    expect(await page.getByRole('button', { name: '生成该周周报' }).count()).toBe(0);
    await page.getByText(full.contentHash).waitFor();

    await figure(page, '项目总数', o.projects.total, '个').waitFor();
    await figure(page, '红灯项目', o.lights.red, '个').waitFor();
    await figure(page, '黄灯项目', o.lights.yellow, '个').waitFor();
    await figure(page, '逾期节点合计', o.overdue.total, '个').waitFor();
    await figure(page, '本周应完成节点', o.milestones.dueInWeek, '个').waitFor();
    await figure(page, '年度计划投资', formatWanNumber(o.investment.annualPlanWan), '万元').waitFor();
    await figure(page, '累计完成投资', formatWanNumber(o.investment.completedWan), '万元').waitFor();

    // 比拼晾晒: the rule and the units in the API's order with their rates.
    await page.getByText(full.report.ranking.rule, { exact: false }).first().waitFor();
    const rankingRows = page.locator('.el-table__body-wrapper tr');
    await rankingRows.first().waitFor();
    const texts = await rankingRows.allTextContents();
    expect(texts).toHaveLength(full.report.ranking.items.length);
    full.report.ranking.items.forEach((item: any, index: number) => {
      expect(texts[index]).toContain(item.name);
      expect(texts[index]).toContain(formatPercent(item.onTimeRate));
    });
    await expectAccessible(page, 'weekly ranking');
    await shoot(page, 'ranking');

    // 逾期节点: the tab says how many rows, the first row is the report's first, and paging reaches the last.
    const overdue = full.report.overdueMilestones;
    await page.getByRole('tab', { name: `逾期节点（${overdue.length}）` }).click();
    await page.getByText(`共 ${overdue.length} 行`).waitFor();
    await settled(page);
    const body = page.locator('.el-tab-pane:not([style*="display: none"]) .el-table__body-wrapper tr');
    if (overdue.length > 0) {
      await expect(body.first().textContent()).resolves.toContain(overdue[0].projectName);
      await expect(body.first().textContent()).resolves.toContain(String(overdue[0].workingDaysLate));
    }
    if (overdue.length > 20) {
      const last = Math.ceil(overdue.length / 20);
      await page.getByRole('button', { name: `第 ${last} 页` }).or(page.locator('.el-pager li', { hasText: new RegExp(`^${last}$`) })).first().click();
      await settled(page);
      await expect(body.last().textContent()).resolves.toContain(overdue[overdue.length - 1].projectName);
    }
    await expectAccessible(page, 'weekly overdue section');
    await shoot(page, 'overdue');

    // 按专栏 with its 合计 row: the plan investment of the whole portfolio in 万元.
    await page.getByRole('tab', { name: `按专栏（${full.report.byColumn.length}）` }).click();
    await settled(page);
    const totalRow = page.locator('.el-tab-pane:not([style*="display: none"]) .el-table__footer-wrapper tr');
    await expect(totalRow.textContent()).resolves.toContain(formatWanNumber(o.investment.annualPlanWan));
    await shoot(page, 'columns');

    // Another week from the list: its own figures.
    const older = await report(weeks[5].isoWeek);
    await page.getByRole('combobox', { name: '选择周次' }).click();
    await page.getByRole('option', { name: new RegExp(`^${weeks[5].isoWeek}（`) }).click();
    await page.waitForURL(new RegExp(`week=${weeks[5].isoWeek}`));
    await page.getByText(older.contentHash).waitFor();
    await figure(page, '红灯项目', older.report.overview.lights.red, '个').waitFor();
    await figure(page, '逾期节点合计', older.report.overview.overdue.total, '个').waitFor();
  });

  it('downloads the XLSX from the page: it opens and holds the figures of the API', async () => {
    const full = await report(newest);
    const page = await newPage();
    await signInAs(page, 'supervisor', `/reports/weekly?week=${newest}`);
    await page.getByText(full.contentHash).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载 Excel（全部栏目）' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`${newest}\\.xlsx$`));
    const file = join(tmpdir(), `weekly-${process.pid}.xlsx`);
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['总览', '按专栏', '按责任单位', '按类型', '逾期节点', '亮灯项目', '比拼晾晒', '督办', '填报佐证', '问题台账', '久未销号问题']);
    const overview = new Map<string, unknown>();
    workbook.getWorksheet('总览')!.eachRow((row) => overview.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(overview.get('项目总数')).toBe(full.report.overview.projects.total);
    expect(overview.get('红灯项目')).toBe(full.report.overview.lights.red);
    expect(overview.get('逾期节点合计')).toBe(full.report.overview.overdue.total);
    const ranking = workbook.getWorksheet('比拼晾晒')!;
    expect(ranking.getRow(2).getCell(2).value).toBe(full.report.ranking.items[0].name);
    // The same figure on the page.
    await figure(page, '项目总数', overview.get('项目总数') as number, '个').waitFor();

    // CSV of one section, from the menu.
    await page.getByRole('button', { name: '下载 CSV（按栏目）' }).click();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '比拼晾晒.csv' }).click()]);
    const csvFile = join(tmpdir(), `weekly-${process.pid}.csv`);
    await csv.saveAs(csvFile);
    expect(readFileSync(csvFile, 'utf8')).toContain(full.report.ranking.items[0].name);
  });

  it('draws the ranking history of 12 stored weeks, units selectable; the dashboard reads the summary, not whole reports', async () => {
    const page = await newPage();
    const reportReads: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api/v1/reports/weekly')) reportReads.push(path);
    });
    await signInAs(page, 'supervisor', '/');
    await page.getByRole('link', { name: /^红灯：/ }).waitFor();
    await page.getByText(/责任单位比拼晾晒（/).waitFor();
    await settled(page);
    expect(reportReads.length).toBeGreaterThan(0);
    expect(reportReads.filter((path) => /^\/api\/v1\/reports\/weekly\/(latest|\d{4}-W\d{2})$/.test(path))).toEqual([]);

    await page.goto(`${workbench.base}/reports/weekly?tab=history`);
    const rate = page.getByRole('img', { name: /^各责任单位按期完成率，/ });
    await rate.waitFor();
    const label = (await rate.getAttribute('aria-label'))!;
    expect(label).toContain(`${weeks[11].isoWeek} 至 ${newest}，共 12 周`);
    const history = (await workbench.app.inject({ method: 'GET', url: '/api/v1/reports/weekly/ranking-history?weeks=12', headers: await signIn(workbench.app, 'viewer', DEFAULT_DEMO_PASSWORD) })).json();
    expect(history.weeks).toHaveLength(12);
    const lastRanked = history.units.filter((unit: any) => unit.points.some((p: any) => p.isoWeek === newest && p.rank !== null)).at(-1);
    expect(label).toContain(lastRanked.name);
    const newestPoint = lastRanked.points.find((p: any) => p.isoWeek === newest);
    expect(label).toContain(`${newest} ${newestPoint.onTimeRate === null ? '—' : formatPercent(newestPoint.onTimeRate)}`);
    expect(await rate.locator('canvas').count()).toBeGreaterThan(0);
    await page.getByRole('img', { name: /^各责任单位红灯项目数，/ }).waitFor();

    // Another unit chosen: it joins the charts.
    const other = history.units.find((unit: any) => !label.includes(unit.name));
    if (other) {
      // Typed, as a person filters a long list (the chosen units' tags cover the input).
      await page.getByRole('combobox', { name: '选择责任单位' }).focus();
      await page.keyboard.type(other.name);
      await page.getByRole('option', { name: other.name, exact: true }).click();
      await page.getByRole('img', { name: new RegExp(`^各责任单位按期完成率，.*${other.name}`) }).waitFor();
      await page.getByRole('heading', { name: '周报', level: 1 }).click(); // closes the list
      await page.getByRole('listbox', { name: '选择责任单位' }).waitFor({ state: 'hidden' });
    }
    await expectAccessible(page, 'weekly ranking history');
    await shoot(page, 'history');
  });

  it('on a phone: figures in two columns, sections as cards, nothing sticking out; an editor has the page in the menu', async () => {
    const full = await report(newest);
    const page = await newPage(PHONE);
    await signInAs(page, 'editor-zjj', '/reports/weekly');
    await figure(page, '项目总数', full.report.overview.projects.total, '个').waitFor();
    expect(await page.getByRole('button', { name: '生成该周周报' }).count()).toBe(0);
    await page.getByRole('list', { name: '责任单位比拼晾晒' }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'weekly on a phone');
    await shoot(page, 'ranking');
    await page.getByRole('tab', { name: /^按责任单位（/ }).click();
    await page.getByRole('list', { name: new RegExp(`^按责任单位（${newest}）`) }).waitFor();
    await settled(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'weekly section cards on a phone');
    await shoot(page, 'owner-units');
    await page.getByRole('tab', { name: '排名趋势' }).click();
    await page.getByRole('img', { name: /^各责任单位按期完成率，/ }).waitFor();
    await shoot(page, 'history');
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('menuitem', { name: '周报' }).or(page.getByRole('link', { name: '周报' })).first().waitFor();
  });
});
