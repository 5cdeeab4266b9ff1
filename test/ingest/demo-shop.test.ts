// The demo shop end to end: full load, `demo advance`, incremental load, rerun; every raw table must
// equal its source (row count, key set, amount totals) after each step.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdvance } from '../../src/demo/index.js';
import { ingestProject, type IngestSummary } from '../../src/ingest/index.js';
import { createMemoryLogger } from '../../src/log/index.js';
import { openWarehouse } from '../../src/warehouse/index.js';
import { demoFixture, type DemoFixture } from '../demo/demo-fixture.js';

let f: DemoFixture;

const TABLES = {
  customers: { key: 'customer_id', amount: null },
  products: { key: 'product_id', amount: 'price' },
  orders: { key: 'order_id', amount: 'total' },
  order_items: { key: 'order_item_id', amount: 'line_total' },
} as const;

beforeAll(async () => {
  f = await demoFixture(inject('pgUrl'), 'ingest_demo');
  writeFileSync(join(f.dir, 'mercator.yml'), `name: shop
sources:
  shop_db:
    type: postgres
    url: ${f.state.postgres.url}
    tables:
      customers: { cursor: updated_at, deletes: { soft_delete_column: deleted_at } }
      products: { cursor: updated_at }
      orders: { cursor: updated_at }
      order_items: { cursor: updated_at }
  stripe:
    type: stripe
    api_key: \${DEMO_STRIPE_KEY}
    host: 127.0.0.1
    port: ${f.port}
    protocol: http
    max_requests_per_second: 500
  landing:
    type: files
    streams:
      events: { path: ${f.state.landing.dir}/events/**/*.jsonl, landing: true, stable_seconds: 0 }
`);
});
afterAll(async () => f?.close());

async function ingest(): Promise<IngestSummary> {
  const summary = await ingestProject({ projectDir: f.dir, env: { DEMO_STRIPE_KEY: f.state.stripe.apiKey } });
  expect(summary.failures.map((x) => `${x.stream}: ${x.error.message}`)).toEqual([]);
  return summary;
}

/** Count, key fingerprint and amount total of every OLTP table, in the source and in raw. */
async function compare(): Promise<void> {
  const wh = await openWarehouse({ type: 'duckdb', path: join(f.dir, 'warehouse.duckdb') });
  try {
    for (const [table, { key, amount }] of Object.entries(TABLES)) {
      const total = amount ? `sum(${amount})::text` : `'-'`;
      const src = await f.db.query(`SELECT count(*)::text AS n, md5(string_agg(${key}::text, ',' ORDER BY ${key})) AS keys, ${total} AS total FROM ${table}`);
      const rawTotal = amount ? `CAST(sum(${amount}) AS VARCHAR)` : `'-'`;
      const raw = await wh.queryJson(`SELECT CAST(count(*) AS VARCHAR) AS n, md5(string_agg(CAST(${key} AS VARCHAR), ',' ORDER BY ${key})) AS keys, ${rawTotal} AS total FROM raw.shop_db_${table}`);
      expect(raw.rows[0], table).toEqual(src.rows[0]);
    }
    const deleted = await f.db.query(`SELECT count(*)::text AS n FROM customers WHERE deleted_at IS NOT NULL`);
    expect((await wh.queryJson(`SELECT CAST(count(*) AS VARCHAR) AS n FROM raw.shop_db_customers WHERE deleted_at IS NOT NULL`)).rows[0]).toEqual(deleted.rows[0]);
    for (const object of ['charges', 'refunds', 'payment_intents'] as const) {
      // The stand-in appends a changed object as a new line with the same id: the last line is current.
      const latest = new Map<string, { amount?: number; amount_refunded?: number; status?: string }>();
      for (const line of readFileSync(join(f.state.stripe.dataDir, `${object}.jsonl`), 'utf8').split('\n').filter(Boolean)) {
        const o = JSON.parse(line) as { id: string; amount?: number; amount_refunded?: number; status?: string };
        latest.set(o.id, o);
      }
      const refunded = [...latest.values()].reduce((sum, o) => sum + (o.amount_refunded ?? 0), 0);
      const statuses = [...latest.values()].filter((o) => o.status === 'succeeded').length;
      const raw = await wh.queryJson(`SELECT count(*) AS n, count(DISTINCT id) AS d, count(*) FILTER (WHERE status = 'succeeded') AS ok${object === 'charges' ? ', sum(amount_refunded) AS refunded' : ''} FROM raw.stripe_${object}`);
      expect(raw.rows[0], object).toEqual({ n: String(latest.size), d: String(latest.size), ok: String(statuses), ...(object === 'charges' ? { refunded: String(refunded) } : {}) });
    }
  } finally {
    await wh.close();
  }
}

describe('the demo shop through ingest', () => {
  it('loads everything, then after `demo advance` picks up new and changed rows; a rerun changes nothing', async () => {
    await ingest();
    await compare();
    const advanced = await demoAdvance(f.dir, 2, createMemoryLogger());
    expect(advanced.newOrders + advanced.updatedOrders).toBeGreaterThan(0);
    const second = await ingest();
    await compare();
    const orders = second.results.find((r) => r.stream === 'orders')!;
    // Incremental: the changed rows (plus the lookback window), not the whole table.
    expect(orders.rows).toBeLessThan(Number((await f.db.query('SELECT count(*) AS n FROM orders')).rows[0].n));
    expect(orders.rows).toBeGreaterThanOrEqual(advanced.newOrders + advanced.updatedOrders);
    await ingest();
    await compare();
  }, 180_000);
});
