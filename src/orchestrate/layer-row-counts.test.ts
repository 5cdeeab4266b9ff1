import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import { headlineKpis } from './headline-kpis.js';
import { layerRowCounts } from './layer-row-counts.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse({ type: 'duckdb', path: ':memory:' });
  for (const sql of ['CREATE SCHEMA raw', 'CREATE TABLE raw.a AS SELECT * FROM range(5)', 'CREATE TABLE raw.b AS SELECT * FROM range(2)', 'CREATE SCHEMA marts']) await wh.run(sql);
  await wh.run(`    CREATE TABLE marts.fct_orders AS SELECT * FROM (VALUES
      (1, 10, DATE '2026-01-01', true, 30.00), (1, 10, DATE '2026-01-01', true, 20.00),
      (2, 11, DATE '2026-03-01', true, 25.00), (3, 12, DATE '2026-03-02', false, 99.00)) t(order_id, customer_id, order_date, is_revenue, line_total_usd)`);
  await wh.run(`CREATE TABLE marts.fct_daily_revenue AS SELECT order_date, count(DISTINCT order_id) AS orders, sum(line_total_usd) AS revenue_usd
      FROM marts.fct_orders WHERE is_revenue GROUP BY order_date`);
});
afterAll(async () => wh?.close());

describe('layerRowCounts', () => {
  it('counts relations and rows per schema, and zero for a missing layer', async () => {
    expect(await layerRowCounts(wh, ['raw', 'staging'])).toEqual([
      { layer: 'raw', relations: 2, rows: 7 },
      { layer: 'staging', relations: 0, rows: 0 },
    ]);
  });
});

describe('headlineKpis', () => {
  it('reads revenue, orders, AOV and customers active in the 30 days up to the last revenue day', async () => {
    expect(await headlineKpis(wh)).toEqual({ revenue: 75, orders: 2, averageOrderValue: 37.5, activeCustomers: 1 });
  });

  it('is null without the marts', async () => {
    const empty = await openWarehouse({ type: 'duckdb', path: ':memory:' });
    try {
      expect(await headlineKpis(empty)).toBeNull();
    } finally {
      await empty.close();
    }
  });
});
