/**
 * ECharts, on demand: what the dashboard and the investment panel draw (bars and lines on a grid). A chart type only
 * one page needs registers itself there (the timeline's custom series and today's line: MilestoneGantt.vue), so the
 * dashboard does not download it.
 */
import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import VChart from 'vue-echarts';

use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { VChart };

export const LIGHT_COLORS = { red: '#F56C6C', yellow: '#E6A23C', green: '#67C23A' } as const;
export const CHART_FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";
