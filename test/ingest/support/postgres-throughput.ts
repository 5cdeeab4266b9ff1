// Measures Postgres → DuckDB ingest throughput against a raw `COPY … TO STDOUT` of the same table in the same run.
// Run: npx tsx test/ingest/support/postgres-throughput.ts [rows]   (starts its own embedded PostgreSQL unless MERCATOR_TEST_PG_URL is set)
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { startTestPostgres, createTestDatabase } from '../../support/test-postgres.js';
import { openWarehouse } from '../../../src/warehouse/index.js';
import { postgres } from '../../../src/ingest/index.js';

const N = Number(process.argv[2] ?? 2_000_000);
const server = await startTestPostgres();
const { url, drop } = await createTestDatabase(server.url, 'ingest_bench');
const c = new pg.Client({ connectionString: url });
await c.connect();
await c.query(`CREATE TABLE order_items (order_item_id bigint PRIMARY KEY, order_id bigint NOT NULL, product_id bigint NOT NULL, quantity integer NOT NULL,
  unit_price numeric(12,2) NOT NULL, discount numeric(12,2) NOT NULL, line_total numeric(12,2) NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`);
await c.query(`INSERT INTO order_items SELECT g, g/3, g % 5000, 1 + g % 4, (g % 10000)/100.0, 0, (g % 10000)/100.0 * (1 + g % 4), '2025-01-01'::timestamptz + g * interval '1 second', '2025-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, ${N}) g`);
const dir = mkdtempSync(join(tmpdir(), 'bench-'));
let t = Date.now();
await pipeline(c.query(copyTo(`COPY (SELECT * FROM order_items) TO STDOUT WITH (FORMAT csv, HEADER true)`)), createWriteStream(join(dir, 'raw.csv')));
const rawMs = Date.now() - t;
const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'wh.duckdb') });
const source = postgres.resolvePostgresSource('shop', postgres.postgresSourceSchema.parse({ type: 'postgres', url, tables: { order_items: { cursor: 'updated_at' } } }), {});
t = Date.now();
const out = await postgres.ingestPostgresSource(wh, source);
const ingestMs = Date.now() - t;
if (out.failures[0]) throw out.failures[0].error;
t = Date.now();
await c.query(`UPDATE order_items SET quantity = quantity + 1, updated_at = now() WHERE order_item_id % 100 = 0`);
const upd = Date.now();
const out2 = await postgres.ingestPostgresSource(wh, source);
const incMs = Date.now() - upd;
console.log(JSON.stringify({ rows: N, rawCopyRowsPerSec: Math.round(N / rawMs * 1000), ingestRowsPerSec: Math.round(N / ingestMs * 1000), ratio: +(rawMs / ingestMs).toFixed(2), rawMs, ingestMs, loadMs: out.results[0]?.durationMs, incrementalRows: out2.results[0]?.rows, incrementalMs: incMs }));
await wh.close(); await c.end(); await drop(); await server.stop(); rmSync(dir, { recursive: true, force: true });
