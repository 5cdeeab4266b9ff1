// Does: the four KPI cards of the overview (revenue, orders on the last day, average order value, active
// customers), each against the period before, computed through the metric definitions.
// Does not: render them (the server does) or default the period (the caller passes the resolved range).
import type { Warehouse } from '../warehouse/index.js';
import type { MetricFormat } from './metrics-schema.js';
import type { MetricLayer } from './metric-layer.js';
import type { MetricFilters } from './metric-request.js';
import { queryMetrics } from './query-metrics.js';

/** One KPI card: this period's value, the previous period's, and the change as a fraction (null when undefined). */
export interface KpiCard {
  name: string;
  label: string;
  format: MetricFormat;
  value: number | null;
  previous: number | null;
  change: number | null;
}

/** The cards and the periods they compare. */
export interface HeadlineKpiCards {
  period: { from: string; to: string };
  previous: { from: string; to: string };
  cards: KpiCard[];
  /** Filters the cards' metrics cannot apply (e.g. `channel` for revenue). */
  ignoredFilters: string[];
}

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The period of the same length just before `from..to`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/**
 * Cards for `from..to` (inclusive) with the other filters applied: revenue, average_order_value and
 * active_customers over the period against the previous one of the same length; orders_today is orders on
 * the period's last day against the day before.
 */
export async function headlineKpis(warehouse: Warehouse, layer: MetricLayer, range: { from: string; to: string }, filters: MetricFilters = {}): Promise<HeadlineKpiCards> {
  const prev = previousPeriod(range.from, range.to);
  const periodMetrics = ['revenue', 'average_order_value', 'active_customers'];
  const ignored = new Set<string>();
  const at = async (metrics: string[], from: string, to: string): Promise<Record<string, number | null>> => {
    const result = await queryMetrics(warehouse, layer, { metrics, filters: { ...filters, from, to } });
    result.ignoredFilters.forEach((f) => ignored.add(f));
    const row = result.rows[0] ?? [];
    return Object.fromEntries(metrics.map((m, i) => [m, typeof row[i] === 'number' ? (row[i] as number) : null]));
  };
  const yesterday = addDays(range.to, -1);
  const [now, before, today, dayBefore] = await Promise.all([
    at(periodMetrics, range.from, range.to),
    at(periodMetrics, prev.from, prev.to),
    at(['orders'], range.to, range.to),
    at(['orders'], yesterday, yesterday),
  ]);
  const card = (name: string, metric: string, value: number | null, previous: number | null, label?: string): KpiCard => {
    const def = layer.metrics[metric]!;
    return { name, label: label ?? def.label, format: def.format, value, previous, change: value !== null && previous !== null && previous !== 0 ? (value - previous) / Math.abs(previous) : null };
  };
  return {
    period: { ...range },
    previous: prev,
    cards: [
      card('revenue', 'revenue', now['revenue'] ?? null, before['revenue'] ?? null, 'Total revenue'),
      card('orders_today', 'orders', today['orders'] ?? null, dayBefore['orders'] ?? null, 'Orders today'),
      card('average_order_value', 'average_order_value', now['average_order_value'] ?? null, before['average_order_value'] ?? null),
      card('active_customers', 'active_customers', now['active_customers'] ?? null, before['active_customers'] ?? null),
    ],
    ignoredFilters: [...ignored].sort(),
  };
}
