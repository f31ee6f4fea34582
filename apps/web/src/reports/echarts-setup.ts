// ECharts, tree-shaken through echarts/core (ecosystem.md §6): only the charts and components the reports draw,
// on canvas. Its zh-CN and en locales are built in ('ZH', 'EN').
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption, MapSeriesOption } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { init, registerMap, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  MapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  VisualMapComponent,
  DataZoomComponent,
  CanvasRenderer,
]);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | VisualMapComponentOption
  | DataZoomComponentOption
>;

export { init, registerMap, type EChartsType };

// The dark theme's colours (styles.css: --text, --muted, --line, --accent, --green, --yellow, --red).
export const CHART_COLOURS = {
  text: '#e6edf3',
  muted: '#8b9bab',
  line: '#243445',
  panel: '#111b25',
  accent: '#4aa3ff',
  green: '#3fb950',
  yellow: '#e3b341',
  red: '#f85149',
  empty: '#14212d',
  series: ['#4aa3ff', '#3fb950', '#e3b341', '#f85149', '#b28cf5', '#56d4dd'],
};

/** What every chart shares: transparent on the panel, the theme's text and tooltip. */
export const BASE_OPTION: ChartOption = {
  backgroundColor: 'transparent',
  color: CHART_COLOURS.series,
  textStyle: { color: CHART_COLOURS.text, fontFamily: 'system-ui, "Noto Sans CJK SC", sans-serif' },
  // A report is read, not watched: no animation, so what is drawn is final once ECharts says it finished.
  animation: false,
  tooltip: {
    backgroundColor: CHART_COLOURS.panel,
    borderColor: CHART_COLOURS.line,
    textStyle: { color: CHART_COLOURS.text },
  },
};

export const axisStyle = {
  axisLine: { lineStyle: { color: CHART_COLOURS.line } },
  axisLabel: { color: CHART_COLOURS.muted },
  splitLine: { lineStyle: { color: CHART_COLOURS.line } },
};
