// The whole pipeline on a small demo shop: everything builds and every test passes; the summary's KPIs
// equal SQL written directly on the raw layer; after `demo advance --days 3` fct_orders grows by exactly
// the new and changed lines and dim_customers keeps the old version of a customer whose segment changed.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdvance } from '../../src/demo/index.js';
import { createMemoryLogger } from '../../src/log/index.js';
import type { PipelineResult } from '../../src/orchestrate/index.js';
import { runTransformTask } from '../../src/transform/index.js';
import { openWarehouse } from '../../src/warehouse/index.js';
import { shopFixture, type ShopFixture } from './shop-fixture.js';

let f: ShopFixture;
let first: PipelineResult;

// KPIs straight from raw: USD at the day's exported rate, else the base rate; revenue statuses only.
const RAW_KPIS_SQL = `
WITH items AS (
  SELECT o.order_id, o.customer_id, CAST(o.created_at AS DATE) AS d,
         round(CASE WHEN o.currency = 'USD' THEN i.line_total
                    ELSE i.line_total / coalesce(fx.rate, CASE o.currency WHEN 'EUR' THEN 0.92 WHEN 'GBP' THEN 0.79 END) END, 2) AS usd
  FROM raw.shop_db_order_items i
  JOIN raw.shop_db_orders o ON o.order_id = i.order_id
  LEFT JOIN raw.exports_fx_rates fx ON fx.date = CAST(o.created_at AS DATE) AND fx.quote_currency = o.currency
  WHERE o.status IN ('paid', 'shipped', 'delivered')
)
SELECT CAST(round(sum(usd), 2) AS VARCHAR) AS revenue,
       CAST(count(DISTINCT order_id) AS VARCHAR) AS orders,
       CAST((SELECT count(DISTINCT customer_id) FROM items WHERE d > (SELECT max(d) FROM items) - INTERVAL 30 DAY) AS VARCHAR) AS active
FROM items`;

beforeAll(async () => {
  f = await shopFixture(inject('pgUrl'), 'shop_pipeline');
  first = await f.pipeline();
}, 120_000);
afterAll(async () => f?.close());

function failures(r: PipelineResult): string[] {
  return [
    ...r.ingest.failures.map((x) => `${x.source}.${x.stream}: ${x.error.message}`),
    ...r.build.results.filter((x) => x.status !== 'success' && x.status !== 'pass').map((x) => `${x.uniqueId}: ${x.status} ${x.message}`),
  ];
}

describe('the shop pipeline', () => {
  it('ingests every source, builds every model and passes every test', () => {
    expect(failures(first)).toEqual([]);
    expect(first.success).toBe(true);
    expect(first.tests.failed).toBe(0);
    expect(first.tests.passed).toBeGreaterThanOrEqual(40);
    expect(first.build.summary.total).toBe(first.build.summary.pass);
    const layers = Object.fromEntries(first.layers.map((l) => [l.layer, l]));
    expect(layers['marts']?.relations).toBe(11);
    for (const l of ['raw', 'staging', 'intermediate', 'marts', 'snapshots']) expect(layers[l]?.rows, l).toBeGreaterThan(0);
  });

  it('records the run in _mercator: every stream and node, every test, and fresh sources', async () => {
    const [run] = await f.query(`SELECT status, error FROM _mercator.runs WHERE run_id = '${first.runId}'`);
    expect(run).toEqual({ status: 'success', error: null });
    const kinds = await f.query(`SELECT kind, CAST(count(*) AS VARCHAR) AS n, CAST(count(*) FILTER (WHERE status IN ('success', 'pass')) AS VARCHAR) AS ok
      FROM _mercator.run_nodes WHERE run_id = '${first.runId}' GROUP BY kind ORDER BY kind`);
    const nodeTypes = [...first.build.results].map((r) => r.uniqueId.split('.')[0]);
    const count = (t: string): string => String(nodeTypes.filter((x) => x === t).length);
    expect(kinds).toEqual([
      { kind: 'ingest', n: String(first.ingest.results.length), ok: String(first.ingest.results.length) },
      { kind: 'model', n: count('model'), ok: count('model') },
      { kind: 'seed', n: '1', ok: '1' },
      { kind: 'snapshot', n: '1', ok: '1' },
      { kind: 'test', n: count('test'), ok: count('test') },
      { kind: 'unit_test', n: count('unit_test'), ok: count('unit_test') },
    ]);
    const [orders] = await f.query(`SELECT CAST(rows AS VARCHAR) AS rows FROM _mercator.run_nodes WHERE run_id = '${first.runId}' AND node = 'ingest:shop_db.orders'`);
    const [rawOrders] = await f.query(`SELECT CAST(count(*) AS VARCHAR) AS n FROM raw.shop_db_orders`);
    expect(orders?.['rows']).toBe(rawOrders?.['n']);
    const [tests] = await f.query(`SELECT CAST(count(*) AS VARCHAR) AS n, CAST(count(*) FILTER (WHERE status = 'pass') AS VARCHAR) AS pass FROM _mercator.test_results WHERE run_id = '${first.runId}'`);
    expect(Number(tests?.['n'])).toBe(first.tests.passed);
    expect(tests?.['pass']).toBe(tests?.['n']);
    const fresh = await f.query(`SELECT source || '.' || table_name AS t, status FROM _mercator.source_freshness WHERE run_id = '${first.runId}' ORDER BY t`);
    expect(fresh.length).toBeGreaterThanOrEqual(8);
    expect(fresh.filter((r) => r['status'] !== 'pass')).toEqual([]);
  });

  it('reports KPIs equal to a direct computation on the raw layer', async () => {
    const [raw] = await f.query(RAW_KPIS_SQL);
    const revenue = Number(raw?.['revenue']);
    const orders = Number(raw?.['orders']);
    expect(first.kpis).toEqual({
      revenue,
      orders,
      averageOrderValue: Math.round((revenue / orders) * 100) / 100,
      activeCustomers: Number(raw?.['active']),
    });
    expect(orders).toBeGreaterThan(0);
  });

  it('after `demo advance --days 3` merges exactly the new and changed lines and keeps SCD2 history', async () => {
    const [before] = await f.query(`SELECT CAST(count(*) AS VARCHAR) AS n, CAST(max(updated_at) AS VARCHAR) AS hi FROM marts.fct_orders`);
    const [marks] = await f.query(`SELECT CAST(max(customer_updated_at) AS VARCHAR) AS customers, CAST(max(product_updated_at) AS VARCHAR) AS products FROM intermediate.int_order_items_enriched`);
    const currentBefore = await f.query(`SELECT customer_id, segment, country FROM marts.dim_customers WHERE is_current ORDER BY customer_id`);
    const advanced = await demoAdvance(f.dir, 3, createMemoryLogger());
    expect(advanced.newOrderItems).toBeGreaterThan(0);

    // Lines the incremental models must pick up: the line or its order changed after the last build's high-water
    // mark, or its customer or product did (their attributes and cost are copied onto the line).
    const changed = await f.db.query(`SELECT count(*)::int AS n FROM order_items i JOIN orders o USING (order_id)
      LEFT JOIN customers c ON c.customer_id = o.customer_id LEFT JOIN products p ON p.product_id = i.product_id
      WHERE greatest(i.updated_at, o.updated_at) > $1::timestamptz OR c.updated_at > $2::timestamptz OR p.updated_at > $3::timestamptz`, [before?.['hi'], marks?.['customers'], marks?.['products']]);
    const total = await f.db.query(`SELECT count(*)::int AS n FROM order_items`);

    const second = await f.pipeline();
    expect(failures(second)).toEqual([]);
    const rowsOf = (id: string): number | null | undefined => second.build.results.find((r) => r.uniqueId === id)?.rowsAffected;
    expect(rowsOf('model.shop.int_order_items_enriched')).toBe(changed.rows[0].n);
    // fct_orders merges exactly the lines int_order_items_enriched merged.
    expect(rowsOf('model.shop.fct_orders')).toBe(changed.rows[0].n);
    const [after] = await f.query(`SELECT CAST(count(*) AS VARCHAR) AS n FROM marts.fct_orders`);
    expect(Number(after?.['n'])).toBe(total.rows[0].n);
    expect(Number(after?.['n']) - Number(before?.['n'])).toBe(advanced.newOrderItems);

    // A customer whose segment changed during the advance: the old version closed, the new one current.
    const pgCustomers = await f.db.query(`SELECT customer_id::int AS id, segment, trim(country) AS country FROM customers ORDER BY customer_id`);
    const old = new Map(currentBefore.map((r) => [Number(r['customer_id']), r]));
    const moved = pgCustomers.rows.find((r: { id: number; segment: string }) => old.has(r.id) && old.get(r.id)?.['segment'] !== r.segment) as { id: number; segment: string; country: string } | undefined;
    expect(moved, 'a customer changed segment').toBeDefined();
    const history = await f.query(`SELECT segment, country, CAST(valid_to AS VARCHAR) AS valid_to, CAST(snapshot_valid_from AS VARCHAR) AS valid_from, is_current
      FROM marts.dim_customers WHERE customer_id = ${moved!.id} ORDER BY snapshot_valid_from`);
    const was = old.get(moved!.id)!;
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ segment: was['segment'], country: was['country'], is_current: false });
    expect(history[0]?.['valid_to']).toBe(history[1]?.['valid_from']);
    expect(history[1]).toMatchObject({ segment: moved!.segment, country: moved!.country, is_current: true, valid_to: null });
  }, 120_000);

  it('leaves every incremental model equal to a full rebuild of the same data', async () => {
    // The warehouse after the incremental run, copied and rebuilt from scratch; then both compared row by row.
    const rebuilt = join(f.dir, 'full-refresh.duckdb');
    copyFileSync(f.warehousePath, rebuilt);
    const full = await runTransformTask('build', { projectDir: f.dir, logger: createMemoryLogger(), env: { ...f.env, SHOP_DUCKDB_PATH: rebuilt }, fullRefresh: true, writeArtifacts: false });
    expect(full.success).toBe(true);
    const { project } = full;
    const incremental = [...project.manifest.nodes.values()].filter((n) => n.resourceType === 'model' && n.config.materialized === 'incremental');
    expect(incremental.map((n) => n.name).sort()).toEqual(expect.arrayContaining(['fct_orders', 'int_customer_lifetime', 'int_order_items_enriched']));
    // When a row was merged differs between the two builds by design.
    const runTimes = ['_merged_at', 'lines_merged_at'];
    const wh = await openWarehouse({ type: 'duckdb', path: f.warehousePath });
    try {
      await wh.run(`ATTACH '${rebuilt}' AS rebuilt (READ_ONLY)`);
      for (const n of incremental) {
        const cols = (await wh.getColumns({ schema: n.schema, name: n.alias })).filter((c) => !runTimes.includes(c.name));
        // Sums of doubles differ in the last bits with the order rows are added in; compare them to a micro-unit.
        const list = cols.map((c) => (/^(DOUBLE|FLOAT|REAL)$/i.test(c.type) ? `round("${c.name}", 6) AS "${c.name}"` : `"${c.name}"`)).join(', ');
        const [diff] = (await wh.queryJson(`SELECT
            (SELECT count(*) FROM (SELECT ${list} FROM "${n.schema}"."${n.alias}" EXCEPT ALL SELECT ${list} FROM rebuilt."${n.schema}"."${n.alias}")) AS only_incremental,
            (SELECT count(*) FROM (SELECT ${list} FROM rebuilt."${n.schema}"."${n.alias}" EXCEPT ALL SELECT ${list} FROM "${n.schema}"."${n.alias}")) AS only_rebuilt,
            (SELECT count(*) FROM "${n.schema}"."${n.alias}") AS n`)).rows;
        expect(diff, n.name).toMatchObject({ only_incremental: '0', only_rebuilt: '0' });
        expect(Number(diff?.['n']), n.name).toBeGreaterThan(0);
      }
    } finally {
      await wh.close();
    }
  }, 120_000);
});
