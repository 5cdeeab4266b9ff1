// Does: the run summary's headline KPIs (revenue, orders and average order value over every order day;
// active customers over the last 30 of them) through the project's metric definitions, so the summary
// and the dashboard compute each number the same way. Does not: print them or pick a project.
import type { Warehouse } from '../warehouse/index.js';
import { baseMetricsOf, type MetricLayer } from './metric-layer.js';
import { queryMetrics } from './query-metrics.js';

/** Headline KPIs in the metrics' currency (USD in the shop project). */
export interface SummaryKpis {
  revenue: number;
  orders: number;
  averageOrderValue: number;
  /** Distinct customers counted by `active_customers` over the 30 days up to the last order day. */
  activeCustomers: number;
}

/** Metrics the summary needs; a layer without them has no summary KPIs. */
const NEEDED = ['revenue', 'orders', 'average_order_value', 'active_customers'] as const;

/**
 * Reads the KPIs through `layer`. Null when the layer lacks one of the metrics, or the mart behind
 * `revenue` is not built or holds no order day yet.
 */
export async function summaryKpis(warehouse: Warehouse, layer: MetricLayer): Promise<SummaryKpis | null> {
  if (NEEDED.some((name) => !Object.hasOwn(layer.metrics, name))) return null;
  // A project whose marts are not built (yet) has no KPIs to show rather than an error in its summary.
  const models = new Set(NEEDED.flatMap((name) => baseMetricsOf(layer, name).map((m) => m.model)));
  for (const name of models) {
    const model = layer.models[name];
    if (!model || !(await warehouse.getRelation({ schema: model.schema, name: model.name }))) return null;
  }
  const days = await queryMetrics(warehouse, layer, { metrics: ['revenue'], dimensions: [{ name: 'date', grain: 'day' }], sort: [{ by: 'date', desc: false }] });
  const first = days.rows[0]?.[0];
  const last = days.rows.at(-1)?.[0];
  if (typeof first !== 'string' || typeof last !== 'string') return null;
  const thirtyDaysBack = new Date(Date.parse(`${last}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const all = await queryMetrics(warehouse, layer, { metrics: ['revenue', 'orders', 'average_order_value'], filters: { from: first, to: last } });
  const recent = await queryMetrics(warehouse, layer, { metrics: ['active_customers'], filters: { from: thirtyDaysBack, to: last } });
  const [revenue, orders, averageOrderValue] = (all.rows[0] ?? []).map((v) => Number(v ?? 0));
  return { revenue: revenue ?? 0, orders: orders ?? 0, averageOrderValue: averageOrderValue ?? 0, activeCustomers: Number(recent.rows[0]?.[0] ?? 0) };
}
