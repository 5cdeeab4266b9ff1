// What a chart on a page declares: where its rows come from, how they are drawn, which filter a click sets.
import type { Meta, QueryResult } from '../api-types.js';
import type { FilterDimension, Filters } from '../filters.js';
import type { ChartOption } from './echarts.js';

/** Rows of a chart plus anything extra its drawing needs (run steps, lineage edges). */
export interface ChartData extends QueryResult {
  detail?: unknown;
}

/** What a chart knows when it loads and draws. */
export interface ChartContext {
  filters: Filters;
  meta: Meta;
  dark: boolean;
  /** Values of the chart's click dimension that are filtered on now (drawn highlighted). */
  selected: string[];
}

/** Where a chart's rows come from. */
export type DataSource =
  | {
      kind: 'metrics';
      metrics: string[];
      dimensions?: string[];
      sort?: string;
      limit?: number;
      /** Dates to query instead of the page's (year-over-year charts reach back a year). */
      range?: (ctx: ChartContext) => { from: string; to: string } | undefined;
    }
  | { kind: 'analysis'; name: string }
  | { kind: 'load'; load: (ctx: ChartContext, signal: AbortSignal) => Promise<ChartData> };

/** One chart or table on a page. */
export interface ChartSpec {
  id: string;
  title: string;
  subtitle?: string;
  /** `wide` spans the whole row, `double` two columns where the screen has three. */
  size?: 'normal' | 'double' | 'wide';
  /** Height of the drawing area in pixels (default 300). */
  height?: number;
  source: DataSource;
  /** Clicking an item sets this filter to the item's key; the chart itself is not narrowed by it. */
  clickFilter?: FilterDimension;
  /** Loads what drawing needs besides the rows (map shapes), in parallel with them. */
  prepare?: () => Promise<void>;
  /** Draws the rows as an ECharts option. */
  render?: (data: ChartData, ctx: ChartContext) => ChartOption;
  /** Draws the rows as HTML instead (tables). */
  table?: (data: ChartData, ctx: ChartContext) => HTMLElement;
  /** Message when there are no rows. */
  emptyMessage?: string;
}

/** A page of the dashboard. */
export interface PageSpec {
  path: string;
  title: string;
  description: string;
  kpis?: boolean;
  /** False hides the filter bar (pages whose data the filters do not touch). */
  filters?: boolean;
  charts: ChartSpec[];
}
