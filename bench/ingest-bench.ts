// Postgres → DuckDB ingest throughput as a ratio against a raw `COPY … TO STDOUT` of the same table,
// both measured in this run. Rows: MERCATOR_BENCH_INGEST_ROWS (default 10,000,000).
// Alone: npx tsx bench/ingest-bench.ts   (starts an embedded PostgreSQL unless MERCATOR_TEST_PG_URL is set)
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createTestDatabase, startTestPostgres } from '../test/support/test-postgres.js';
import { postgres } from '../src/ingest/index.js';
import { openWarehouse } from '../src/warehouse/index.js';
import type { BenchResult } from './bench-result.js';

const ORDER_ITEMS_DDL = `CREATE TABLE order_items (order_item_id bigint PRIMARY KEY, order_id bigint NOT NULL, product_id bigint NOT NULL,
  quantity integer NOT NULL, unit_price numeric(12,2) NOT NULL, discount numeric(12,2) NOT NULL, line_total numeric(12,2) NOT NULL,
  created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`;

/** Ingests `rows` order items from PostgreSQL into DuckDB and compares with a raw COPY of the same table. */
export async function runIngestBench(rows = Number(process.env.MERCATOR_BENCH_INGEST_ROWS ?? 10_000_000)): Promise<BenchResult> {
  const server = await startTestPostgres();
  const { url, drop } = await createTestDatabase(server.url, 'ingest_bench');
  const client = new pg.Client({ connectionString: url });
  const dir = mkdtempSync(join(tmpdir(), 'mercator-ingest-bench-'));
  await client.connect();
  try {
    await client.query(ORDER_ITEMS_DDL);
    await client.query(`INSERT INTO order_items SELECT g, g / 3, g % 5000, 1 + g % 4, (g % 10000) / 100.0, 0, (g % 10000) / 100.0 * (1 + g % 4),
      '2025-01-01'::timestamptz + g * interval '1 second', '2025-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, ${rows}) g`);
    await client.query('ANALYZE order_items');

    let started = performance.now();
    await pipeline(client.query(copyTo('COPY (SELECT * FROM order_items) TO STDOUT WITH (FORMAT csv, HEADER true)')), createWriteStream(join(dir, 'raw.csv')));
    const rawMs = performance.now() - started;

    const warehouse = await openWarehouse({ type: 'duckdb', path: join(dir, 'bench.duckdb') });
    try {
      const config = postgres.postgresSourceSchema.parse({ type: 'postgres', url, tables: { order_items: { cursor: 'updated_at' } } });
      const source = postgres.resolvePostgresSource('shop', config, {});
      started = performance.now();
      const full = await postgres.ingestPostgresSource(warehouse, source);
      const ingestMs = performance.now() - started;
      if (full.failures[0]) throw full.failures[0].error;

      await client.query('UPDATE order_items SET quantity = quantity + 1, updated_at = now() WHERE order_item_id % 100 = 0');
      started = performance.now();
      const incremental = await postgres.ingestPostgresSource(warehouse, source);
      const incrementalMs = performance.now() - started;
      if (incremental.failures[0]) throw incremental.failures[0].error;

      const rawRate = (rows / rawMs) * 1000;
      const ingestRate = (rows / ingestMs) * 1000;
      return {
        bench: 'ingest',
        params: { rows, table: 'order_items', incrementalRows: incremental.results[0]?.rows ?? 0 },
        metrics: [
          { name: 'ingest throughput / raw COPY', value: ingestRate / rawRate, unit: 'x', target: { op: '>=', value: 0.7 }, baseline: { name: 'raw COPY', value: rawRate, unit: 'rows/s' } },
          { name: 'ingest throughput', value: ingestRate, unit: 'rows/s' },
          { name: 'incremental run (1% changed)', value: incrementalMs, unit: 'ms' },
        ],
      };
    } finally {
      await warehouse.close();
    }
  } finally {
    await client.end();
    await drop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runIngestBench(), null, 2));
}
