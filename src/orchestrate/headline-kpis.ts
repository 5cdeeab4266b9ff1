// Does: the headline KPIs of the shop (revenue, orders, average order value, active customers) from its marts.
// Does not: compute from raw data; tests check these numbers against the raw layer independently.
import type { Warehouse } from '../warehouse/index.js';

/** Headline KPIs in USD; `null` when the marts are missing (e.g. a project without fct_orders). */
export interface HeadlineKpis {
  /** Sum of order line totals in USD over orders that are paid, shipped or delivered. */
  revenue: number;
  /** Distinct orders with revenue. */
  orders: number;
  /** revenue / orders, rounded to the cent (0 without orders). */
  averageOrderValue: number;
  /** Distinct customers with a revenue order in the 30 days up to the last order day. */
  activeCustomers: number;
}

/** SQL of the KPIs over `marts.fct_daily_revenue` and `marts.fct_orders`. */
export const HEADLINE_KPIS_SQL = `
WITH daily AS (SELECT coalesce(sum(revenue_usd), 0) AS revenue, coalesce(sum(orders), 0) AS orders FROM marts.fct_daily_revenue),
last_day AS (SELECT max(order_date) AS d FROM marts.fct_orders WHERE is_revenue)
SELECT
  CAST(round(daily.revenue, 2) AS VARCHAR) AS revenue,
  CAST(daily.orders AS VARCHAR) AS orders,
  CAST((SELECT count(DISTINCT customer_id) FROM marts.fct_orders, last_day
        WHERE is_revenue AND order_date > last_day.d - INTERVAL 30 DAY) AS VARCHAR) AS active
FROM daily`;

/** Reads the KPIs from the marts; null when they are not built. */
export async function headlineKpis(warehouse: Warehouse): Promise<HeadlineKpis | null> {
  const present = await warehouse.queryJson(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'marts' AND table_name IN ('fct_orders', 'fct_daily_revenue')`);
  if (Number(present.rows[0]?.['n'] ?? 0) < 2) return null;
  const row = (await warehouse.queryJson(HEADLINE_KPIS_SQL)).rows[0] ?? {};
  const revenue = Number(row['revenue'] ?? 0);
  const orders = Number(row['orders'] ?? 0);
  return { revenue, orders, averageOrderValue: orders > 0 ? Math.round((revenue / orders) * 100) / 100 : 0, activeCustomers: Number(row['active'] ?? 0) };
}
