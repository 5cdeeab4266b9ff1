// The metrics layer on a tiny hand-made warehouse: compiled SQL binds every request value, answers equal
// numbers worked out by hand, metrics from two marts meet in one query, and mistakes get coded errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseYamlSource } from '../config/index.js';
import { isMercatorError } from '../errors/index.js';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import { compileAnalysis, compileMetricQuery, headlineKpis, metricLayerFromSource, queryAnalysis, queryMetrics, summaryKpis, type MetricLayer } from './index.js';

const YAML = `
version: 1
schema: marts
default_range: { model: orders, column: order_date, days: 30 }
dimensions:
  date: { label: Date, type: time }
  category: { label: Category, type: category }
  country: { label: Country, type: category }
  channel: { label: Channel, type: category }
models:
  orders:
    joins:
      products: { on: { product_id: product_id } }
    dimensions:
      date: order_date
      category: { join: products, column: category }
      country: country
  spend_daily:
    dimensions:
      date: day
      channel: channel
  funnel:
    dimensions:
      date: day
metrics:
  revenue: { label: Revenue, format: usd, description: Paid revenue., model: orders, agg: sum, column: amount, filter: paid }
  orders: { label: Orders, format: count, description: Paid orders., model: orders, agg: count_distinct, column: order_id, filter: paid }
  active_customers: { label: Active customers, format: count, description: Customers with a paid order., model: orders, agg: count_distinct, column: customer_id, filter: paid }
  all_orders: { label: All orders, format: count, description: Every order., model: orders, agg: count }
  average_order_value: { label: AOV, format: usd, description: Revenue per order., expr: revenue / orders }
  spend: { label: Spend, format: usd, description: Spend., model: spend_daily, agg: sum, column: spend }
  roas: { label: ROAS, format: ratio, description: Revenue per dollar spent., expr: revenue / spend, dimensions: [date] }
analyses:
  ltv_histogram: { model: orders, column: amount, filter: paid, bins: 4, upper_quantile: 1 }
  cohort_retention: { model: orders, customer: customer_id, date: order_date, filter: paid }
  funnel:
    model: funnel
    steps:
      - { name: sessions, label: Sessions, column: sessions }
      - { name: purchases, label: Purchase, column: purchases }
`;

const layerOf = (text: string): MetricLayer => metricLayerFromSource(parseYamlSource(text, 'metrics.yml'));

let wh: Warehouse;
let layer: MetricLayer;

beforeAll(async () => {
  layer = layerOf(YAML);
  wh = await openWarehouse({ type: 'duckdb', path: ':memory:' });
  await wh.run(`CREATE SCHEMA marts;
    CREATE TABLE marts.products AS SELECT * FROM (VALUES (1, 'Books'), (2, 'Toys'), (3, 'O''Brien''s')) t(product_id, category);
    CREATE TABLE marts.orders AS SELECT order_id, customer_id, product_id, CAST(order_date AS DATE) AS order_date, country, amount, paid FROM (VALUES
      (1, 10, 1, '2026-01-05', 'US', 10.0, true),
      (1, 10, 2, '2026-01-05', 'US', 5.0, true),
      (2, 11, 2, '2026-01-20', 'DE', 20.0, true),
      (3, 10, 1, '2026-02-03', 'US', 40.0, true),
      (4, 12, 3, '2026-02-10', 'GB', 7.0, false),
      (5, 12, 3, '2026-03-01', 'GB', 100.0, true)
    ) t(order_id, customer_id, product_id, order_date, country, amount, paid);
    CREATE TABLE marts.spend_daily AS SELECT CAST(day AS DATE) AS day, channel, spend FROM (VALUES
      ('2026-01-01', 'email', 5.0), ('2026-01-15', 'social', 10.0), ('2026-02-01', 'email', 25.0), ('2026-04-01', 'email', 8.0)
    ) t(day, channel, spend);
    CREATE TABLE marts.funnel AS SELECT * FROM (VALUES (CAST('2026-01-01' AS DATE), 100, 4), (CAST('2026-01-02' AS DATE), 50, 1)) t(day, sessions, purchases);`);
});
afterAll(async () => wh?.close());

async function codeOf(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (isMercatorError(err)) return `${err.code}: ${err.message} | ${err.hint}`;
    throw err;
  }
  return 'no error';
}

describe('compileMetricQuery', () => {
  it('binds every filter value and takes identifiers only from the layer', () => {
    const evil = `x'); DROP TABLE marts.orders; --`;
    const { sql, params } = compileMetricQuery(layer, {
      metrics: ['revenue'],
      dimensions: [{ name: 'category' }],
      filters: { from: '2026-01-01', to: '2026-01-31', values: { category: [evil, 'Books'] } },
    });
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain('2026-01');
    expect(params).toEqual(['2026-01-01', '2026-01-31', evil, 'Books']);
    expect(sql).toContain('LEFT JOIN "marts"."products" AS "products"');
    expect(sql.match(/SELECT/g)?.length).toBe(2); // one CTE and the outer select: one statement
  });

  it('joins a dimension table only when a dimension or filter needs it', () => {
    expect(compileMetricQuery(layer, { metrics: ['revenue'], dimensions: [{ name: 'country' }] }).sql).not.toContain('JOIN');
    expect(compileMetricQuery(layer, { metrics: ['revenue'], filters: { values: { category: ['Books'] } } }).sql).toContain('LEFT JOIN "marts"."products"');
  });

  it('names unknown metrics, dimensions and filters with the closest valid name', async () => {
    expect(await codeOf(() => compileMetricQuery(layer, { metrics: ['revenu'] }))).toMatch(/^METRICS_UNKNOWN_METRIC: Unknown metric `revenu`\. \| Did you mean `revenue`\?/);
    expect(await codeOf(() => compileMetricQuery(layer, { metrics: ['revenue'], dimensions: [{ name: 'categroy' }] }))).toMatch(/^METRICS_UNKNOWN_DIMENSION.*Did you mean `category`/);
    expect(await codeOf(() => compileMetricQuery(layer, { metrics: ['revenue'], dimensions: [{ name: 'channel' }] }))).toBe(
      'METRICS_DIMENSION_UNSUPPORTED: Metric `revenue` cannot be sliced by `channel`. | `revenue` can be sliced by: date, category, country. Drop `channel` or request it with another metric.',
    );
    expect(await codeOf(() => compileMetricQuery(layer, { metrics: ['revenue'], filters: { from: '2026-02-30x' } }))).toMatch(/^METRICS_BAD_REQUEST: .*from="2026-02-30x" is not a date/);
    expect(await codeOf(() => compileMetricQuery(layer, { metrics: ['revenue'], dimensions: [{ name: 'category', grain: 'month' }] }))).toMatch(/^METRICS_BAD_REQUEST: .*grain/);
  });
});

describe('queryMetrics on DuckDB', () => {
  it('sums, counts and divides as worked out by hand, per category', async () => {
    const r = await queryMetrics(wh, layer, { metrics: ['revenue', 'orders', 'average_order_value', 'all_orders'], dimensions: [{ name: 'category' }] });
    expect(r.columns.map((c) => c.name)).toEqual(['category', 'revenue', 'orders', 'average_order_value', 'all_orders']);
    // Books: orders 1 (10) and 3 (40); Toys: orders 1 (5) and 2 (20); O'Brien's: order 5 (100) paid, order 4 unpaid.
    expect(r.rows).toEqual([
      ['Books', 50, 2, 25, 2],
      ["O'Brien's", 100, 1, 100, 2],
      ['Toys', 25, 2, 12.5, 2],
    ]);
  });

  it('applies filters, and a quote in a filter value matches nothing rather than breaking the SQL', async () => {
    const r = await queryMetrics(wh, layer, { metrics: ['revenue'], filters: { from: '2026-01-01', to: '2026-01-31', values: { country: ['US'] } } });
    expect(r.rows).toEqual([[15]]);
    const quoted = await queryMetrics(wh, layer, { metrics: ['revenue'], dimensions: [{ name: 'category' }], filters: { values: { category: ["O'Brien's"] } } });
    expect(quoted.rows).toEqual([["O'Brien's", 100]]);
    const evil = await queryMetrics(wh, layer, { metrics: ['revenue'], dimensions: [{ name: 'category' }], filters: { values: { category: [`x' OR '1'='1`] } } });
    expect(evil.rows).toEqual([]);
    expect(Number((await wh.query('SELECT count(*) AS n FROM marts.orders')).rows[0]?.['n'])).toBe(6);
  });

  it('meets metrics of two marts in one query, full outer joined on the month', async () => {
    const r = await queryMetrics(wh, layer, { metrics: ['revenue', 'spend', 'roas'], dimensions: [{ name: 'date', grain: 'month' }] });
    expect(r.rows).toEqual([
      ['2026-01-01', 35, 15, 35 / 15],
      ['2026-02-01', 40, 25, 1.6],
      ['2026-03-01', 100, null, null],
      ['2026-04-01', null, 8, null],
    ]);
  });

  it('ignores a filter a metric cannot apply and says so', async () => {
    const r = await queryMetrics(wh, layer, { metrics: ['revenue', 'spend'], filters: { values: { channel: ['email'], country: ['US'] } } });
    expect(r.rows).toEqual([[50 + 5, 5 + 25 + 8]]);
    expect(r.ignoredFilters).toEqual(['channel', 'country']);
  });

  it('sorts and limits by a metric', async () => {
    const r = await queryMetrics(wh, layer, { metrics: ['revenue'], dimensions: [{ name: 'country' }], sort: [{ by: 'revenue', desc: true }], limit: 2 });
    expect(r.rows).toEqual([['GB', 100], ['US', 55]]);
  });

  it('gives KPI cards against the previous period of the same length', async () => {
    const k = await headlineKpis(wh, layer, { from: '2026-02-01', to: '2026-03-01' });
    expect(k.previous).toEqual({ from: '2026-01-03', to: '2026-01-31' });
    const byName = Object.fromEntries(k.cards.map((c) => [c.name, c]));
    expect(byName['revenue']).toMatchObject({ value: 140, previous: 35, change: (140 - 35) / 35 });
    expect(byName['orders_today']).toMatchObject({ value: 1, previous: 0, change: null });
    expect(byName['average_order_value']).toMatchObject({ value: 70, previous: 17.5 });
    expect(byName['active_customers']).toMatchObject({ value: 2, previous: 2, change: 0 });
    const email = await headlineKpis(wh, layer, { from: '2026-02-01', to: '2026-03-01' }, { values: { channel: ['email'] } });
    expect(email.ignoredFilters).toEqual(['channel']);
    expect(email.cards[0]?.value).toBe(140);
  });
});

describe('summaryKpis (the run summary)', () => {
  it('sums every order day and counts customers active in the 30 days up to the last one, as worked out by hand', async () => {
    // Paid lines: 10 + 5 + 20 + 40 + 100 over orders 1, 2, 3, 5. Last day 2026-03-01, so the window starts
    // 2026-01-31: customer 10 (order 3) and 12 (order 5); order 4 is unpaid.
    expect(await summaryKpis(wh, layer)).toEqual({ revenue: 175, orders: 4, averageOrderValue: 43.75, activeCustomers: 2 });
  });

  it('is null when the marts are not built', async () => {
    const empty = await openWarehouse({ type: 'duckdb', path: ':memory:' });
    try {
      expect(await summaryKpis(empty, layer)).toBeNull();
    } finally {
      await empty.close();
    }
  });
});

describe('definitions the warehouse does not match', () => {
  it('name the missing mart or column and what the model has', async () => {
    const noTable = layerOf(YAML.replace('  spend_daily:\n', '  spend_weekly:\n').replace('model: spend_daily', 'model: spend_weekly'));
    expect(await codeOf(() => queryMetrics(wh, noTable, { metrics: ['spend'] }))).toMatch(/^METRICS_MART_MISSING: The metrics need `marts\.spend_weekly`, which is not in the warehouse\./);
    const badColumn = layerOf(YAML.replace('agg: sum, column: spend }', 'agg: sum, column: spent }'));
    expect(await codeOf(() => queryMetrics(wh, badColumn, { metrics: ['spend'] }))).toBe(
      'METRICS_COLUMN_MISSING: metrics.yml refers to column `spent`, which marts.spend_daily does not have. | Fix the column name in metrics.yml (or rebuild the model if it gained the column): `marts.spend_daily` has day, channel, spend.',
    );
    const badFilter = layerOf(YAML.replace('column: amount, filter: paid }', 'column: amount, filter: payed }'));
    expect(await codeOf(() => queryMetrics(wh, badFilter, { metrics: ['revenue'] }))).toMatch(/^METRICS_COLUMN_MISSING: metrics\.yml refers to column `payed`, which marts\.orders does not have/);
  });
});

describe('analyses', () => {
  it('bins lifetime values in SQL, funnels steps and follows cohorts', async () => {
    const hist = await queryAnalysis(wh, layer, 'ltv_histogram');
    expect(hist.rows.reduce((n, r) => n + Number(r[2]), 0)).toBe(5); // every paid line lands in one bin
    expect(hist.rows).toHaveLength(4);
    const funnel = await queryAnalysis(wh, layer, 'funnel', { from: '2026-01-01', to: '2026-01-01' });
    expect(funnel.rows).toEqual([
      ['Sessions', 100, 1, 1],
      ['Purchase', 4, 0.04, 0.04],
    ]);
    const cohorts = await queryAnalysis(wh, layer, 'cohort_retention');
    // Customer 10 first orders in January and again in February; 11 only January; 12 first paid in March.
    expect(cohorts.rows).toEqual([
      ['2026-01-01', 0, 2, 1],
      ['2026-01-01', 1, 1, 0.5],
      ['2026-03-01', 0, 1, 1],
    ]);
    expect(compileAnalysis(layer, 'funnel', { values: { category: ['x'] } }).ignoredFilters).toEqual(['category']);
    expect(await codeOf(() => compileAnalysis(layer, 'histogram'))).toMatch(/^METRICS_UNKNOWN_ANALYSIS: .*Analyses: ltv_histogram, cohort_retention, funnel/);
  });
});

describe('metrics.yml validation', () => {
  it('names the file, line and key of a bad reference', async () => {
    const bad = YAML.replace('spend: { label: Spend, format: usd, description: Spend., model: spend_daily', 'spend: { label: Spend, format: usd, description: Spend., model: spend_dayly');
    expect(await codeOf(() => layerOf(bad))).toMatch(/^CONFIG_INVALID: metrics\.yml:\d+: metrics\.spend\.model: unknown model `spend_dayly` \| .*Did you mean `spend_daily`/);
    const line = Number(/metrics\.yml:(\d+)/.exec(await codeOf(() => layerOf(bad)))![1]);
    expect(bad.split('\n')[line - 1]).toContain('spend_dayly');
    expect(await codeOf(() => layerOf(YAML.replace('expr: revenue / orders', 'expr: revenue / order')))).toMatch(/unknown metric `order` in `revenue \/ order`.*Did you mean `orders`/);
    expect(await codeOf(() => layerOf(YAML.replace('expr: revenue / orders', 'expr: revenue / average_order_value')))).toMatch(/refers to itself/);
    expect(await codeOf(() => layerOf(YAML.replace('dimensions: [date] }', 'dimensions: [channel] }')))).toMatch(/metrics\.roas\.dimensions\.0: not every metric in `revenue \/ spend` can be sliced by `channel`/);
    expect(await codeOf(() => layerOf(YAML.replace('agg: sum, column: amount, filter: paid }', 'agg: total, column: amount, filter: paid }')))).toMatch(/^CONFIG_INVALID: metrics\.yml:\d+: metrics\.revenue\.agg/);
    expect(await codeOf(() => layerOf(YAML.replace('filter: paid }', 'filter: "paid; DROP TABLE x" }')))).toMatch(/metrics\.revenue\.filter/);
    expect(await codeOf(() => layerOf(YAML.replace('  all_orders: {', '  country: {')))).toMatch(/metrics\.country: `country` is already a dimension/);
  });
});
