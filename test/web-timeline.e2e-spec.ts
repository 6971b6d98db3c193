import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessible, settled, waitUntilTrue } from './support/browser';
import { DESKTOP, PHONE, Workbench } from './support/workbench';

/**
 * 挂图作战 in Chromium against the real API on the seeded plan and demo portfolio: the wall of a column shows every
 * project the API lists and exactly as many milestone markers (the chart box and the table alternative say how many
 * were drawn: data-* attributes, not canvas pixels), from one GET /timeline; a click on a row's name opens the
 * project; the zoom does not read again; printed (print media, page.pdf with the CSS page size) every A3 sheet holds
 * whole rows and the PDF has exactly one page per sheet. axe on the page and on its table. With TIMELINE_SCREENSHOTS=<dir>
 * it saves the page at 1440 and 390 px and the PDF.
 */
const SHOTS = process.env.TIMELINE_SCREENSHOTS;
const MM = 96 / 25.4;

jest.setTimeout(300_000);

describe('挂图作战 (timeline) in Chromium', () => {
  let workbench: Workbench;

  beforeAll(async () => {
    workbench = await Workbench.start({ screenshots: SHOTS });
  });

  afterAll(() => workbench?.close());

  const newPage = (viewport = DESKTOP) => workbench.newPage(viewport);
  const signInAs = (page: Page, username: string, path = '/') => workbench.signInAs(page, username, path);
  const api = <T = any>(username: string, url: string): Promise<T> => workbench.api(username, url);
  const shoot = (page: Page, name: string) => workbench.shoot(page, name);

  const attr = (page: Page, testId: string, name: string) => page.getByTestId(testId).getAttribute(name);

  it('shows every project of the largest column with as many markers as the API has milestones, from one read; a row opens its project', async () => {
    const expected = await api('viewer', '/api/v1/timeline');
    const columns = await api<Array<{ number: number; projectCount: number }>>('viewer', '/api/v1/columns');
    expect(expected.column.number).toBe([...columns].sort((a, b) => b.projectCount - a.projectCount || a.number - b.number)[0].number);
    expect(expected.projectCount).toBeGreaterThan(3);

    const page = await newPage();
    await signInAs(page, 'viewer');
    const reads: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/')) reads.push(url.pathname);
    });
    await page.getByRole('menuitem', { name: '挂图作战' }).click();
    await page.waitForURL(/\/timeline/);
    await waitUntilTrue(page, `document.querySelector('[data-testid="timeline-chart"]')?.dataset.rendered === 'true'`, 30_000);

    const milestones = expected.projects.reduce((sum: number, p: { milestones: unknown[] }) => sum + p.milestones.length, 0);
    expect(milestones).toBe(expected.milestoneCount);
    expect(await attr(page, 'timeline-chart', 'data-project-count')).toBe(String(expected.projectCount));
    expect(await attr(page, 'timeline-chart', 'data-marker-count')).toBe(String(expected.milestoneCount));
    const red = expected.projects.flatMap((p: { milestones: Array<{ status: string; light: string }> }) => p.milestones).filter((m: { status: string; light: string }) => m.status === 'pending' && m.light === 'red').length;
    expect(await attr(page, 'timeline-chart', 'data-red-count')).toBe(String(red));
    await page.getByText(`专栏${expected.column.number} ${expected.column.title}：${expected.projectCount} 个项目，${expected.milestoneCount} 个节点`, { exact: false }).waitFor();
    // One read of the wall; no per-project or per-milestone calls.
    expect(reads.filter((path) => path === '/api/v1/timeline')).toHaveLength(1);
    expect(reads.filter((path) => /\/api\/v1\/(projects|milestones)\//.test(path))).toEqual([]);
    await expectAccessible(page, 'timeline');
    await shoot(page, 'timeline');

    // The table alternative: one row per project, each with the API's number of milestones.
    await page.getByText('以表格查看', { exact: false }).click();
    const table = page.getByRole('table', { name: '挂图作战项目节点表' });
    await table.waitFor();
    const rows: Array<{ id: string; count: string }> = await page.evaluate(
      `[...document.querySelectorAll('.timeline-table tbody tr')].map((tr) => ({ id: tr.dataset.projectId, count: tr.dataset.milestoneCount }))`,
    );
    expect(rows).toEqual(expected.projects.map((p: { id: string; milestones: unknown[] }) => ({ id: p.id, count: String(p.milestones.length) })));
    await expectAccessible(page, 'timeline table');

    // 本月: the window narrows, nothing is read again.
    await page.getByText('本月', { exact: true }).click();
    await page.waitForURL(/zoom=month/);
    await settled(page);
    expect(reads.filter((path) => path === '/api/v1/timeline')).toHaveLength(1);

    // A click on the second row's name opens that project.
    await page.getByText('全部', { exact: true }).click();
    await page.waitForURL((url) => !url.search.includes('zoom'));
    await page.evaluate('window.scrollTo(0, 0)');
    await waitUntilTrue(page, `document.querySelector('[data-testid="timeline-chart"]')?.dataset.rendered === 'true'`);
    const box = (await page.getByTestId('timeline-chart').boundingBox())!;
    const axisX = Number(await attr(page, 'timeline-chart', 'data-axis-x'));
    const row0 = Number(await attr(page, 'timeline-chart', 'data-row0-y'));
    const rowHeight = Number(await attr(page, 'timeline-chart', 'data-row-height'));
    await page.mouse.click(box.x + axisX - 30, box.y + row0 + rowHeight);
    await page.waitForURL(new RegExp(`/projects/${expected.projects[1].id}$`));
    await page.getByRole('heading', { level: 1, name: expected.projects[1].name }).waitFor();
  });

  it('prints on A3 landscape sheets of whole rows, one PDF page per sheet, without the menu', async () => {
    const expected = await api('supervisor', '/api/v1/timeline');
    const page = await newPage();
    await signInAs(page, 'supervisor', '/timeline');
    await waitUntilTrue(page, `document.querySelector('[data-testid="timeline-chart"]')?.dataset.rendered === 'true'`, 30_000);
    await page.emulateMedia({ media: 'print' });
    await waitUntilTrue(page, `document.querySelector('[data-testid="timeline-print"]')?.dataset.ready === 'true'`);
    expect(await page.getByRole('menuitem', { name: '挂图作战' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(false);
    expect(await page.getByTestId('timeline-chart').isVisible()).toBe(false);

    const sheets: Array<{ rows: number; top: number; height: number; chartTop: number; chartBottom: number; bottom: number }> = await page.evaluate(
      `[...document.querySelectorAll('.print-page')].map((section) => {
        const box = section.getBoundingClientRect();
        const chart = section.querySelector('svg').getBoundingClientRect();
        return { rows: Number(section.dataset.rows), top: box.top, height: box.height, bottom: box.bottom, chartTop: chart.top, chartBottom: chart.bottom };
      })`,
    );
    const pageCount = Number(await attr(page, 'timeline-print', 'data-page-count'));
    expect(sheets).toHaveLength(pageCount);
    expect(pageCount).toBe(Math.ceil(expected.projectCount / 28));
    expect(sheets.reduce((sum, sheet) => sum + sheet.rows, 0)).toBe(expected.projectCount);
    for (const sheet of sheets) {
      // A sheet fits the printable height of A3 landscape (297 mm less 2 × 8 mm), and its chart (all its rows) lies inside it.
      expect(sheet.height).toBeLessThanOrEqual(281 * MM);
      expect(sheet.chartTop).toBeGreaterThanOrEqual(sheet.top);
      expect(sheet.chartBottom).toBeLessThanOrEqual(sheet.bottom + 0.5);
    }
    // Every project name is printed once, on its sheet (SVG text).
    const printed: string = await page.evaluate(`[...document.querySelectorAll('.print-page svg')].map((svg) => svg.textContent).join('\\n')`);
    for (const [index] of expected.projects.entries()) expect(printed).toContain(`${index + 1}. `);

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfPages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    expect(pdfPages).toBe(pageCount);
    const size = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
    // A3 landscape in PDF points: 1190.55 × 841.89.
    expect(Math.round(Number(size![1]))).toBe(1191);
    expect(Math.round(Number(size![2]))).toBe(842);
    if (SHOTS) {
      writeFileSync(join(SHOTS, 'timeline-print.pdf'), pdf);
      await page.setViewportSize({ width: 1600, height: 1100 });
      await page.locator('.print-page').first().screenshot({ path: join(SHOTS, 'timeline-print-sheet1.png') });
    }
  });

  it('works at phone width and for an owner unit of the column', async () => {
    const whole = await api('supervisor', '/api/v1/timeline');
    const unit = whole.projects.find((p: { ownerUnit: { id: string } | null }) => p.ownerUnit)!.ownerUnit;
    const expected = await api('supervisor', `/api/v1/timeline?column=${whole.column.number}&ownerUnit=${unit.id}`);
    const page = await newPage(PHONE);
    await signInAs(page, 'supervisor', `/timeline?column=${whole.column.number}&ownerUnit=${unit.id}`);
    await waitUntilTrue(page, `document.querySelector('[data-testid="timeline-chart"]')?.dataset.rendered === 'true'`, 30_000);
    expect(await attr(page, 'timeline-chart', 'data-project-count')).toBe(String(expected.projectCount));
    expect(await attr(page, 'timeline-chart', 'data-marker-count')).toBe(String(expected.milestoneCount));
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, 'timeline phone');
    await shoot(page, 'timeline-unit');
  });
});
