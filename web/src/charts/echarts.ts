// ECharts with only the chart types and components the dashboard draws (tree-shaken from echarts/core).
// Lines, bars and pies are in the main bundle; the rest load with the first chart that needs them.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, LabelLayout, CanvasRenderer]);

export { echarts };

/** The option object ECharts accepts (built from the registered parts). */
export type ChartOption = echarts.EChartsCoreOption;

/** A chart instance. */
export type Chart = echarts.ECharts;

let extras: Promise<void> | undefined;

/** Registers the map, graph, heatmap and funnel charts and the visual map (a chunk of their own). */
export function loadExtraCharts(): Promise<void> {
  extras ??= import('./echarts-extras.js').then((m) => m.registerExtraCharts());
  return extras;
}
