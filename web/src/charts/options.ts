// ECharts options for the dashboard's common chart shapes, with the column formats on axes and tooltips.
import type { Column, QueryResult, ValueFormat } from '../api-types.js';
import { formatCompact, formatDay, formatMonth, formatValue } from '../format.js';
import { valueLabel } from '../labels.js';
import type { ChartOption } from './echarts.js';
import { column, columnIndex, toNumber, toText } from './result.js';

/** Twelve distinguishable colours, so a dozen categories never share one. */
export const PALETTE = ['#4c6fde', '#f2a93b', '#2fb38a', '#e4575b', '#8e63d2', '#35a7d6', '#e27fb5', '#8fb339', '#b07a4f', '#5c6b7a', '#d4c232', '#1f8f8f'];

/** Options every chart shares: transparent background (the card's shows), room for axis labels. */
export function baseOption(): ChartOption {
  return {
    color: PALETTE,
    backgroundColor: 'transparent',
    // A text description of the data on the chart's element, for screen readers.
    aria: { enabled: true },
    animationDuration: 400,
    tooltip: { confine: true },
    grid: { left: 8, right: 20, top: 30, bottom: 8, containLabel: true },
  };
}

/**
 * The column of a dimension: named as asked (`date` also matches `date_month` etc.), else the first column
 * of the dimension's type.
 */
export function dimensionColumn(data: QueryResult, dim: string): Column {
  const base = dim.split(':')[0]!;
  const exact = data.columns.find((c) => c.name === base || c.name === dim || c.name.startsWith(`${base}_`));
  if (exact) return exact;
  const byType = data.columns.find((c) => c.type === (base === 'date' ? 'time' : 'category'));
  if (byType) return byType;
  throw new Error(`The answer has no ${base} column.`);
}

/** Opacity of an item: faded when another item is the selected filter. */
export function opacityFor(key: string, selected: readonly string[]): number {
  return selected.length > 0 && !selected.includes(key) ? 0.3 : 1;
}

/** Axis label of a date for a grain. */
export function dateLabel(value: string, grain: string): string {
  if (grain === 'month' || grain === 'quarter') return formatMonth(value);
  if (grain === 'year') return value.slice(0, 4);
  return formatDay(value, grain === 'dayYear');
}

/** One series of a time chart. */
export interface TimeSeries {
  metric: string;
  type: 'line' | 'bar';
  area?: boolean;
  /** 1 puts the series on a right-hand axis. */
  axis?: 0 | 1;
  /** Fit the axis to the values instead of starting at zero (rates that move in a narrow band). */
  scale?: boolean;
  stack?: string;
}

/** Metrics over time: one series per metric, date on the x axis. */
export function timeOption(data: QueryResult, series: TimeSeries[], grain = 'day'): ChartOption {
  const x = dimensionColumn(data, 'date');
  const xi = columnIndex(data, x.name);
  const dates = data.rows.map((r) => toText(r[xi]));
  const formats = series.map((s) => column(data, s.metric).format ?? undefined);
  const axes = [...new Set(series.map((s) => s.axis ?? 0))];
  return {
    ...baseOption(),
    grid: { left: 8, right: 20, top: series.length > 1 ? 34 : 12, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0, left: 0 } : undefined,
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (items: TooltipItem[]) => {
        const head = items[0] ? dateLabel(dates[items[0].dataIndex] ?? '', grain === 'day' ? 'dayYear' : grain) : '';
        return [escapeHtml(head), ...items.map((it) => `${it.marker} ${escapeHtml(it.seriesName)}: <b>${formatValue(it.value, formats[it.seriesIndex])}</b>`)].join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      data: dates,
      boundaryGap: series.some((s) => s.type === 'bar'),
      axisLabel: { formatter: (v: string) => dateLabel(v, grain), hideOverlap: true },
    },
    yAxis: axes.map((axis) => {
      const first = series.findIndex((s) => (s.axis ?? 0) === axis);
      return {
        type: 'value',
        scale: series[first]?.scale ?? false,
        position: axis === 1 ? 'right' : 'left',
        splitLine: { show: axis === 0 },
        axisLabel: { formatter: (v: number) => formatCompact(v, formats[first]) },
      };
    }),
    series: series.map((s) => ({
      name: column(data, s.metric).label,
      type: s.type,
      yAxisIndex: axes.indexOf(s.axis ?? 0),
      stack: s.stack,
      showSymbol: false,
      smooth: s.type === 'line' && s.area ? 0.2 : undefined,
      areaStyle: s.area ? { opacity: 0.25 } : undefined,
      data: data.rows.map((r) => toNumber(r[columnIndex(data, s.metric)])),
    })),
  };
}

/** Bars of one metric by a dimension; `horizontal` lists the categories top to bottom in row order. */
export function barOption(data: QueryResult, opts: { dim: string; metric: string; horizontal?: boolean; selected?: readonly string[]; labels?: boolean }): ChartOption {
  const dimCol = dimensionColumn(data, opts.dim);
  const di = columnIndex(data, dimCol.name);
  const mi = columnIndex(data, opts.metric);
  const format = column(data, opts.metric).format ?? undefined;
  const selected = opts.selected ?? [];
  const keys = data.rows.map((r) => toText(r[di]));
  const names = keys.map((k) => valueLabel(opts.dim, k));
  const categoryAxis = {
    type: 'category',
    data: names,
    inverse: opts.horizontal,
    axisTick: { show: false },
    axisLabel: opts.horizontal ? { width: 150, overflow: 'truncate' } : { interval: 0, width: 84, overflow: 'truncate', rotate: names.length > 12 ? 35 : 0 },
  };
  const valueAxis = { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v, format), hideOverlap: true } };
  return {
    ...baseOption(),
    grid: { left: 8, right: opts.horizontal ? 56 : 20, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item', confine: true, formatter: (it: TooltipItem) => `${escapeHtml(it.name)}<br><b>${formatValue(it.value, format)}</b>` },
    xAxis: opts.horizontal ? valueAxis : categoryAxis,
    yAxis: opts.horizontal ? categoryAxis : valueAxis,
    series: [
      {
        type: 'bar',
        name: column(data, opts.metric).label,
        cursor: 'pointer',
        barMaxWidth: 36,
        label: opts.labels === false ? { show: false } : { show: true, position: opts.horizontal ? 'right' : 'top', formatter: (it: TooltipItem) => formatCompact(it.value, format) },
        data: data.rows.map((r, i) => ({ value: toNumber(r[mi]), name: names[i], key: keys[i], itemStyle: { opacity: opacityFor(keys[i]!, selected) } })),
      },
    ],
  };
}

/** A donut of one metric by a dimension, the selected slice pulled out. */
export function donutOption(data: QueryResult, opts: { dim: string; metric: string; selected?: readonly string[] }): ChartOption {
  const di = columnIndex(data, dimensionColumn(data, opts.dim).name);
  const mi = columnIndex(data, opts.metric);
  const format = column(data, opts.metric).format ?? undefined;
  const selected = opts.selected ?? [];
  return {
    ...baseOption(),
    tooltip: { trigger: 'item', confine: true, formatter: (it: TooltipItem) => `${escapeHtml(it.name)}<br><b>${formatValue(it.value, format)}</b> (${it.percent ?? 0}%)` },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', itemWidth: 9, itemHeight: 9, itemGap: 5, textStyle: { fontSize: 11 } },
    series: [
      {
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['38%', '50%'],
        cursor: 'pointer',
        selectedMode: 'multiple',
        avoidLabelOverlap: true,
        // Percentages inside slices big enough to hold them; the legend and tooltip name every slice.
        label: { show: true, formatter: (it: TooltipItem) => ((it.percent ?? 0) >= 4 ? `${Math.round(it.percent ?? 0)}%` : ''), position: 'inside', fontSize: 11, color: '#fff', textBorderWidth: 0 },
        labelLayout: { hideOverlap: true },
        data: data.rows.map((r) => {
          const key = toText(r[di]);
          return { name: valueLabel(opts.dim, key), key, value: toNumber(r[mi]), selected: selected.includes(key), itemStyle: { opacity: opacityFor(key, selected) } };
        }),
      },
    ],
  };
}

/** A histogram from binned rows: a label column or lower/upper bound columns, and a count. */
export function histogramOption(data: QueryResult): ChartOption {
  const numberCols = data.columns.filter((c) => c.type === 'number');
  const countCol = numberCols[numberCols.length - 1];
  if (!countCol) throw new Error('The histogram has no count column.');
  const labelCol = data.columns.find((c) => c.type === 'category');
  const boundCols = numberCols.filter((c) => c !== countCol);
  const ci = columnIndex(data, countCol.name);
  const labels = data.rows.map((r, i) => {
    if (labelCol) return toText(r[columnIndex(data, labelCol.name)]);
    const lo = boundCols[0] ? r[columnIndex(data, boundCols[0].name)] : null;
    // The last bin also holds every larger value (the API's bins stop at a high percentile).
    const hi = boundCols[1] && i < data.rows.length - 1 ? r[columnIndex(data, boundCols[1].name)] : null;
    const f = (boundCols[0]?.format ?? 'usd') as ValueFormat;
    return hi === null || hi === undefined ? `${formatCompact(lo, f)}+` : `${formatCompact(lo, f)}–${formatCompact(hi, f)}`;
  });
  return {
    ...baseOption(),
    grid: { left: 8, right: 20, top: 12, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', confine: true, formatter: (items: TooltipItem[]) => (items[0] ? `${escapeHtml(items[0].name)}<br><b>${formatValue(items[0].value, countCol.format ?? 'count')}</b> ${escapeHtml(countCol.label.toLowerCase())}` : '') },
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true }, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v, countCol.format ?? 'count') } },
    series: [{ type: 'bar', name: countCol.label, barCategoryGap: '8%', data: data.rows.map((r) => toNumber(r[ci])) }],
  };
}

/** The parts of an ECharts tooltip/label callback argument the formatters read. */
export interface TooltipItem {
  name: string;
  value: number | null;
  seriesName: string;
  seriesIndex: number;
  dataIndex: number;
  marker: string;
  percent?: number;
  data?: unknown;
}

/** Escapes text put into tooltip HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
