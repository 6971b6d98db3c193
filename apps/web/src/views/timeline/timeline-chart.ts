/**
 * The ECharts option of the timeline wall, for the screen (canvas, zoomable) and for print (SVG, one per A3 sheet):
 * one category row per project, one custom-series item per milestone — baseline ◇, a bar to the planned date when it
 * slipped, the planned date as ■ red (overdue) / ▲ yellow (at risk) / ● on track, ✔ at the actual date when done —
 * and today's dashed line. Shapes differ as well as colours, so the wall reads on a grey printer and for colour-blind eyes.
 */
import { use } from 'echarts/core';
import { CustomChart } from 'echarts/charts';
import { DataZoomInsideComponent, DataZoomSliderComponent, GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { CHART_FONT, LIGHT_COLORS } from '@/components/charts';
import { dayOf, MARK, markerData, milestoneText, type TimelineProject } from './timeline-view';

use([CustomChart, GridComponent, TooltipComponent, MarkLineComponent, DataZoomInsideComponent, DataZoomSliderComponent, CanvasRenderer, SVGRenderer]);

export const ROW_HEIGHT = 30;
export const PLAN_COLOR = '#409EFF';
export const DONE_COLOR = '#2f7d1a';
export const BASELINE_COLOR = '#606266';
const LIGHT_WORD: Record<string, string> = { red: '红', yellow: '黄', green: '绿' };

export interface TimelineOptionInput {
  projects: readonly TimelineProject[];
  today: string;
  span: [number, number];
  /** The x window shown (screen zoom); print shows the whole span. */
  window: [number, number];
  /** Row number of the first project (print pages after the first). */
  rowOffset?: number;
  /** Rows visible at once on screen; more rows scroll (a vertical dataZoom). */
  visibleRows?: number;
  labelWidth: number;
  print?: boolean;
}

interface RenderApi {
  value: (dimension: number) => number;
  coord: (value: [number, number]) => [number, number];
}

function renderMilestone(_params: unknown, api: RenderApi) {
  const row = api.value(0);
  const baseline = api.value(1);
  const planned = api.value(2);
  const actual = api.value(3);
  const mark = api.value(4);
  const size = api.value(5) === 1 ? 8 : 6; // key milestones (关键节点) a size larger
  const [bx, y] = api.coord([baseline, row]);
  const [px] = api.coord([planned, row]);
  const children: unknown[] = [];
  if (planned !== baseline) {
    children.push({ type: 'line', shape: { x1: bx, y1: y, x2: px, y2: y }, style: { stroke: planned > baseline ? LIGHT_COLORS.red : LIGHT_COLORS.green, lineWidth: 3, opacity: 0.55 } });
  }
  children.push({ type: 'polygon', shape: { points: [[bx, y - 5], [bx + 5, y], [bx, y + 5], [bx - 5, y]] }, style: { fill: '#fff', stroke: BASELINE_COLOR, lineWidth: 1.5 } });
  if (mark === MARK.red) {
    children.push({ type: 'rect', shape: { x: px - size, y: y - size, width: size * 2, height: size * 2 }, style: { fill: LIGHT_COLORS.red, stroke: '#a8332f', lineWidth: 1 } });
  } else if (mark === MARK.yellow) {
    children.push({ type: 'polygon', shape: { points: [[px, y - size - 1], [px + size + 1, y + size], [px - size - 1, y + size]] }, style: { fill: LIGHT_COLORS.yellow, stroke: '#7a5210', lineWidth: 1 } });
  } else if (mark === MARK.done) {
    children.push({ type: 'circle', shape: { cx: px, cy: y, r: size - 2 }, style: { fill: '#fff', stroke: '#909399', lineWidth: 1.5 } });
  } else {
    children.push({ type: 'circle', shape: { cx: px, cy: y, r: size }, style: { fill: PLAN_COLOR } });
  }
  if (mark === MARK.done && !Number.isNaN(actual)) {
    const [ax] = api.coord([actual, row]);
    children.push({ type: 'text', style: { text: '✔', x: ax, y, fill: DONE_COLOR, font: `bold ${size * 2 + 2}px sans-serif`, align: 'center', verticalAlign: 'middle' } });
  }
  return { type: 'group', children };
}

export function timelineOption(input: TimelineOptionInput): Record<string, unknown> {
  const { projects, today, span, window, print = false } = input;
  const offset = input.rowOffset ?? 0;
  const visible = input.visibleRows ?? projects.length;
  const scrolls = !print && projects.length > visible;
  const data = markerData(projects, offset);
  // Rich text: a word for the light (红/黄/绿) on its colour, then the row number and the name.
  const labels = projects.map((project, index) => `{${project.warning.light}|${LIGHT_WORD[project.warning.light] ?? ''}} ${index + offset + 1}. ${project.name}`);
  const rich = {
    red: { color: '#fff', backgroundColor: '#c45656', padding: [2, 4], borderRadius: 3, fontSize: 12 },
    yellow: { color: '#fff', backgroundColor: '#a8741a', padding: [2, 4], borderRadius: 3, fontSize: 12 },
    green: { color: '#fff', backgroundColor: '#3d7a1f', padding: [2, 4], borderRadius: 3, fontSize: 12 },
  };
  const dataZoom: unknown[] = [];
  if (!print) {
    dataZoom.push(
      { type: 'slider', xAxisIndex: 0, filterMode: 'none', startValue: window[0], endValue: window[1], height: 18, bottom: 8, labelFormatter: (value: number) => dateLabel(value), brushSelect: false },
      // Ctrl + wheel zooms the time axis, dragging pans it; the wheel alone scrolls the rows.
      { type: 'inside', xAxisIndex: 0, filterMode: 'none', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false, moveOnMouseMove: true },
    );
    if (scrolls) {
      dataZoom.push(
        { type: 'slider', yAxisIndex: 0, filterMode: 'filter', startValue: 0, endValue: visible - 1, width: 14, right: 6, showDetail: false, zoomLock: true, brushSelect: false },
        { type: 'inside', yAxisIndex: 0, filterMode: 'filter', zoomOnMouseWheel: false, moveOnMouseWheel: true, moveOnMouseMove: false },
      );
    }
  }
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: scrolls ? 30 : 16, top: print ? 34 : 30, bottom: print ? 30 : 62, containLabel: true },
    tooltip: print
      ? undefined
      : {
          trigger: 'item',
          confine: true,
          formatter: (p: { data: number[] }) => {
            const project = projects[p.data[6] - offset];
            const milestone = project?.milestones[p.data[7]];
            return milestone ? `${escapeHtml(project.name)}<br/>${escapeHtml(milestoneText(milestone))}` : '';
          },
        },
    xAxis: {
      type: 'time',
      position: 'top',
      min: span[0],
      max: span[1],
      axisLabel: { formatter: (value: number) => dateLabel(value).slice(0, 7), hideOverlap: true, color: '#303133' },
      splitLine: { show: true, lineStyle: { color: '#ebeef5' } },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: projects.map((project) => project.id),
      triggerEvent: !print,
      axisTick: { show: false },
      splitArea: { show: true, areaStyle: { color: ['#ffffff', '#f5f7fa'] } },
      axisLabel: {
        width: input.labelWidth,
        overflow: 'truncate',
        color: '#303133',
        fontSize: 13,
        cursor: 'pointer',
        rich,
        formatter: (_value: string, index: number) => labels[index] ?? '',
      },
    },
    dataZoom,
    series: [
      {
        type: 'custom',
        name: '节点',
        clip: true,
        encode: { x: [1, 2, 3], y: 0, tooltip: [] },
        data,
        renderItem: renderMilestone,
        markLine: {
          silent: true,
          symbol: 'none',
          // The axis is on top: today's date goes at the bottom end of the line, clear of the month labels.
          label: { formatter: `今日 ${today}`, position: 'end', color: '#7a5210', fontSize: 12, backgroundColor: 'rgba(255,255,255,0.85)', padding: [2, 4] },
          lineStyle: { type: 'dashed', color: '#E6A23C', width: 2 },
          data: [{ xAxis: dayOf(today) }],
        },
      },
    ],
  };
}

/** The chart's height for a number of rows. */
export function chartHeight(rows: number, print = false): number {
  return Math.max(rows, 1) * ROW_HEIGHT + (print ? 64 : 92);
}

const dateParts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
function dateLabel(value: number): string {
  return dateParts.format(new Date(value));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
