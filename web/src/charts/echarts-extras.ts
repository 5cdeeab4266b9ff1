// Chart types only some pages draw (map, lineage graph, cohort heatmap, funnel), split from the main bundle.
import { FunnelChart, GraphChart, HeatmapChart, MapChart } from 'echarts/charts';
import { VisualMapComponent } from 'echarts/components';
import { echarts } from './echarts.js';

/** Registers them with ECharts. */
export function registerExtraCharts(): void {
  echarts.use([FunnelChart, GraphChart, HeatmapChart, MapChart, VisualMapComponent]);
}
