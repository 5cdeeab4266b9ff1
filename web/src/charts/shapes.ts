// ECharts options for the charts one page each draws: year over year, cohort heatmap, funnel, spend and ROAS.
import type { QueryResult } from '../api-types.js';
import { formatCompact, formatMonth, formatValue } from '../format.js';
import { valueLabel } from '../labels.js';
import type { ChartOption } from './echarts.js';
import { baseOption, dateLabel, dimensionColumn, escapeHtml, opacityFor, type TooltipItem } from './options.js';
import { column, columnIndex, toNumber, toText } from './result.js';

/** `YYYY-MM` of every month from `from` to `to`. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 600; guard++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > end) break;
    months.push(key);
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
  return months;
}

/** The month a year before `YYYY-MM`. */
const yearBefore = (month: string): string => `${Number(month.slice(0, 4)) - 1}${month.slice(4)}`;

/**
 * Monthly values of one metric for the months of `range` next to the same months a year before (rows must
 * cover both: query from a year before `range.from`).
 */
export function yearOverYearOption(data: QueryResult, metric: string, range: { from: string; to: string }): ChartOption {
  const di = columnIndex(data, dimensionColumn(data, 'date').name);
  const mi = columnIndex(data, metric);
  const format = column(data, metric).format ?? undefined;
  const byMonth = new Map(data.rows.map((r) => [toText(r[di]).slice(0, 7), toNumber(r[mi])] as const));
  const months = monthsBetween(range.from, range.to);
  const series = [
    { name: 'A year before', months: months.map(yearBefore), color: '#a5b4cf' },
    { name: 'Selected period', months, color: '#4c6fde' },
  ];
  return {
    ...baseOption(),
    legend: { top: 0, left: 0 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (items: TooltipItem[]) =>
        items
          .map((it) => {
            const month = series[it.seriesIndex]!.months[it.dataIndex] ?? '';
            return `${it.marker} ${escapeHtml(formatMonth(month))}: <b>${it.value === null || it.value === undefined ? 'no data' : formatValue(it.value, format)}</b>`;
          })
          .join('<br>'),
    },
    xAxis: { type: 'category', data: months.map((m) => formatMonth(m)), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v, format) } },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      barMaxWidth: 28,
      itemStyle: { color: s.color },
      data: s.months.map((m) => byMonth.get(m) ?? null),
    })),
  };
}

/** Cohort retention: cohort month down, months since the first order across, share retained as colour. */
export function cohortOption(data: QueryResult): ChartOption {
  const cohortCol = data.columns.find((c) => c.type === 'time') ?? data.columns.find((c) => c.type === 'category');
  const numberCols = data.columns.filter((c) => c.type === 'number');
  const offsetCol = numberCols.find((c) => /month|period|offset|since|age/i.test(c.name)) ?? numberCols[0];
  const valueCol = [...numberCols].reverse().find((c) => c.format === 'percent') ?? numberCols[numberCols.length - 1];
  if (!cohortCol || !offsetCol || !valueCol || offsetCol === valueCol) throw new Error('The cohort answer lacks cohort, period or retention columns.');
  const ci = columnIndex(data, cohortCol.name);
  const oi = columnIndex(data, offsetCol.name);
  const vi = columnIndex(data, valueCol.name);
  const cohorts = [...new Set(data.rows.map((r) => toText(r[ci])))].sort();
  const offsets = [...new Set(data.rows.map((r) => toNumber(r[oi]) ?? 0))].sort((a, b) => a - b);
  const points = data.rows.map((r) => [offsets.indexOf(toNumber(r[oi]) ?? 0), cohorts.indexOf(toText(r[ci])), toNumber(r[vi])]);
  const max = Math.max(...data.rows.map((r) => (toNumber(r[oi]) === 0 ? 0 : (toNumber(r[vi]) ?? 0))), 0.01);
  return {
    ...baseOption(),
    grid: { left: 8, right: 12, top: 8, bottom: 48, containLabel: true },
    tooltip: {
      confine: true,
      formatter: (it: TooltipItem) => {
        const [o, c, v] = it.value as unknown as [number, number, number | null];
        return `Cohort ${escapeHtml(formatMonth(cohorts[c] ?? ''))}, month ${offsets[o]}<br><b>${formatValue(v, valueCol.format ?? 'percent')}</b> ${escapeHtml(valueCol.label.toLowerCase())}`;
      },
    },
    xAxis: { type: 'category', data: offsets.map(String), name: 'Months since first order', nameLocation: 'middle', nameGap: 26, splitArea: { show: true } },
    yAxis: { type: 'category', data: cohorts.map((c) => (cohortCol.type === 'time' ? formatMonth(c) : c)), inverse: true, splitArea: { show: true } },
    visualMap: {
      min: 0,
      max,
      text: [`${formatCompact(max, 'percent')} or more`, '0%'],
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      itemWidth: 10,
      formatter: (v: number) => formatCompact(v, 'percent'),
      inRange: { color: ['#eef4ff', '#2563eb', '#1e3a8a'] },
    },
    series: [
      {
        type: 'heatmap',
        data: points,
        label: { show: offsets.length <= 13 && cohorts.length <= 14, formatter: (it: TooltipItem) => formatCompact((it.value as unknown as number[])[2], 'percent'), fontSize: 10 },
        emphasis: { itemStyle: { borderColor: '#111', borderWidth: 1 } },
      },
    ],
  };
}

/** The purchase funnel: one trapezoid per step, with the share of the first step. */
export function funnelOption(data: QueryResult): ChartOption {
  const stepCol = data.columns.find((c) => c.type === 'category');
  const countCol = data.columns.find((c) => c.type === 'number' && c.format !== 'percent') ?? data.columns.find((c) => c.type === 'number');
  if (!stepCol || !countCol) throw new Error('The funnel answer lacks step or count columns.');
  const si = columnIndex(data, stepCol.name);
  const ci = columnIndex(data, countCol.name);
  const first = toNumber(data.rows[0]?.[ci]) ?? 0;
  const items = data.rows.map((r) => ({ name: valueLabel('step', toText(r[si])), value: toNumber(r[ci]) ?? 0 }));
  return {
    ...baseOption(),
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (it: TooltipItem) => `${escapeHtml(it.name)}<br><b>${formatValue(it.value, 'count')}</b> (${first ? formatValue((it.value ?? 0) / first, 'percent') : '–'} of the first step)`,
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '2%',
        width: '62%',
        top: 8,
        bottom: 8,
        minSize: '8%',
        gap: 3,
        label: {
          show: true,
          position: 'right',
          formatter: (it: TooltipItem) => `${it.name}  {b|${formatValue(it.value, 'count')}}  ${first ? formatValue((it.value ?? 0) / first, 'percent') : '–'}`,
          rich: { b: { fontWeight: 700 } },
          fontSize: 13,
        },
        labelLine: { length: 16 },
        data: items,
      },
    ],
  };
}

/** Spend as bars and ROAS as a line on its own axis, by channel. */
export function spendRoasOption(data: QueryResult, selected: readonly string[], dark: boolean): ChartOption {
  const di = columnIndex(data, dimensionColumn(data, 'channel').name);
  const si = columnIndex(data, 'spend');
  const ri = columnIndex(data, 'roas');
  const keys = data.rows.map((r) => toText(r[di]));
  const spendFormat = column(data, 'spend').format ?? 'usd';
  const roasFormat = column(data, 'roas').format ?? 'ratio';
  return {
    ...baseOption(),
    legend: { top: 0, left: 0 },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (items: TooltipItem[]) =>
        [escapeHtml(items[0]?.name ?? ''), ...items.map((it) => `${it.marker} ${escapeHtml(it.seriesName)}: <b>${formatValue(it.value, it.seriesIndex === 0 ? spendFormat : roasFormat)}</b>`)].join('<br>'),
    },
    xAxis: { type: 'category', data: keys.map((k) => valueLabel('channel', k)) },
    yAxis: [
      { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v, spendFormat) } },
      { type: 'value', position: 'right', splitLine: { show: false }, axisLabel: { formatter: (v: number) => formatCompact(v, roasFormat) } },
    ],
    series: [
      {
        name: column(data, 'spend').label,
        type: 'bar',
        cursor: 'pointer',
        barMaxWidth: 48,
        data: data.rows.map((r, i) => ({ value: toNumber(r[si]), key: keys[i], itemStyle: { opacity: opacityFor(keys[i]!, selected) } })),
      },
      {
        name: column(data, 'roas').label,
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 8,
        label: { show: true, position: 'top', distance: 8, fontWeight: 600, textBorderColor: dark ? '#161b22' : '#ffffff', textBorderWidth: 3, formatter: (it: TooltipItem) => formatCompact(it.value, roasFormat) },
        data: data.rows.map((r, i) => ({ value: toNumber(r[ri]), key: keys[i] })),
      },
    ],
  };
}

/** One metric over time split by a dimension: one stacked series per dimension value (largest first). */
export function splitTimeOption(data: QueryResult, opts: { dim: string; metric: string; grain: string; type: 'line' | 'bar'; top?: number }): ChartOption {
  const ti = columnIndex(data, dimensionColumn(data, 'date').name);
  const di = columnIndex(data, dimensionColumn(data, opts.dim).name);
  const mi = columnIndex(data, opts.metric);
  const format = column(data, opts.metric).format ?? undefined;
  const dates = [...new Set(data.rows.map((r) => toText(r[ti])))].sort();
  const totals = new Map<string, number>();
  for (const r of data.rows) totals.set(toText(r[di]), (totals.get(toText(r[di])) ?? 0) + (toNumber(r[mi]) ?? 0));
  const keys = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)!).slice(0, opts.top ?? 12);
  const cells = new Map(data.rows.map((r) => [`${toText(r[ti])}|${toText(r[di])}`, toNumber(r[mi])] as const));
  return {
    ...baseOption(),
    legend: { type: 'scroll', top: 0, left: 0, right: 0 },
    grid: { left: 8, right: 20, top: 40, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      confine: true,
      order: 'valueDesc',
      formatter: (items: TooltipItem[]) =>
        [escapeHtml(dateLabel(items[0]?.name ?? '', opts.grain)), ...items.map((it) => `${it.marker} ${escapeHtml(it.seriesName)}: <b>${formatValue(it.value, format)}</b>`)].join('<br>'),
    },
    xAxis: { type: 'category', data: dates, boundaryGap: opts.type === 'bar', axisLabel: { formatter: (v: string) => dateLabel(v, opts.grain), hideOverlap: true } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v, format) } },
    series: keys.map((key) => ({
      name: valueLabel(opts.dim, key),
      type: opts.type,
      stack: 'total',
      showSymbol: false,
      areaStyle: opts.type === 'line' ? { opacity: 0.5 } : undefined,
      lineStyle: opts.type === 'line' ? { width: 1 } : undefined,
      barMaxWidth: 32,
      data: dates.map((d) => cells.get(`${d}|${key}`) ?? null),
    })),
  };
}

