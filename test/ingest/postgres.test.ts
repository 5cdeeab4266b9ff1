import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ingestPostgresSource, postgresSourceSchema, resolvePostgresSource } from '../../src/ingest/postgres/index.js';
import type { IngestSourceOutcome } from '../../src/ingest/stream-reporter.js';
import type { Warehouse } from '../../src/warehouse/index.js';
import { createTestDatabase } from '../support/test-postgres.js';
import { countOf, rowsOf, tempWarehouse } from './support/temp-warehouse.js';

let dbUrl: string;
let dropDb: () => Promise<void>;
let src: pg.Client;
let wh: Warehouse;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ url: dbUrl, drop: dropDb } = await createTestDatabase(inject('pgUrl'), 'ingest_pg'));
  src = new pg.Client({ connectionString: dbUrl });
  await src.connect();
});
afterAll(async () => {
  await src.end();
  await dropDb();
});
beforeEach(async () => {
  ({ warehouse: wh, dispose } = await tempWarehouse());
  await src.query(`DROP TABLE IF EXISTS customers, events;
    CREATE TABLE customers (id bigint PRIMARY KEY, email text, note text, amount numeric(12,2), updated_at timestamptz NOT NULL, deleted_at timestamptz);
    INSERT INTO customers VALUES
      (1, 'a@x.io', '', 10.10, '2026-01-01 10:00:00.123456+00', NULL),
      (2, 'b@x.io', NULL, 20.20, '2026-01-01 11:00:00.654321+00', NULL),
      (3, 'c@x.io', 'vip, "gold"', 30.30, '2026-01-01 12:00:00.000001+00', NULL);`);
});
afterEach(async () => dispose());

/** Ingests the `customers` table with the given table settings; throws the first stream failure. */
async function ingest(table: Record<string, unknown> = {}, extra: Record<string, unknown> = {}, fullRefresh = false): Promise<IngestSourceOutcome> {
  const config = postgresSourceSchema.parse({ type: 'postgres', url: dbUrl, tables: { customers: { cursor: 'updated_at', ...table } }, ...extra });
  const outcome = await ingestPostgresSource(wh, resolvePostgresSource('shop', config, {}), { fullRefresh });
  if (outcome.failures[0]) throw outcome.failures[0].error;
  return outcome;
}

const customers = (): Promise<Record<string, unknown>[]> =>
  rowsOf(wh, 'SELECT id, email, note, amount, CAST(updated_at AS VARCHAR) AS updated_at FROM raw.shop_customers ORDER BY id');

describe('postgres connector', () => {
  it('full load keeps values exactly: decimals, microseconds, empty string apart from NULL', async () => {
    await ingest();
    expect(await customers()).toEqual([
      { id: '1', email: 'a@x.io', note: '', amount: '10.10', updated_at: '2026-01-01 10:00:00.123456+00' },
      { id: '2', email: 'b@x.io', note: null, amount: '20.20', updated_at: '2026-01-01 11:00:00.654321+00' },
      { id: '3', email: 'c@x.io', note: 'vip, "gold"', amount: '30.30', updated_at: '2026-01-01 12:00:00.000001+00' },
    ]);
    expect(await rowsOf(wh, "SELECT value FROM _mercator.state WHERE kind = 'cursor'")).toEqual([{ value: '2026-01-01 12:00:00.000001+00' }]);
    expect(await rowsOf(wh, 'SELECT rows, cursor_before, cursor_after FROM _mercator.loads')).toEqual([
      { rows: '3', cursor_before: null, cursor_after: '2026-01-01 12:00:00.000001+00' },
    ]);
  });

  it('incremental picks up new and updated rows; three unchanged reruns add nothing', async () => {
    await ingest();
    await src.query(`UPDATE customers SET email = 'b2@x.io', updated_at = '2026-01-02 09:00:00.5+00' WHERE id = 2;
      INSERT INTO customers VALUES (4, 'd@x.io', 'new', 40.40, '2026-01-02 10:00:00+00', NULL)`);
    const { results } = await ingest({ lookback: '1 minute' });
    // Only the two changed rows and the row at the old cursor (re-read by `>=`) were read, not the whole table.
    expect(results[0]!.rows).toBe(3);
    expect((await customers()).map((r) => [r['id'], r['email']])).toEqual([['1', 'a@x.io'], ['2', 'b2@x.io'], ['3', 'c@x.io'], ['4', 'd@x.io']]);
    for (let i = 0; i < 3; i++) await ingest({ lookback: '1 minute' });
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_customers')).toBe(4);
    expect(await countOf(wh, 'SELECT count(DISTINCT id) FROM raw.shop_customers')).toBe(4);
    expect(await countOf(wh, "SELECT count(*) FROM _mercator.loads WHERE status = 'success'")).toBe(5);
  });

  it('picks up a row committed late inside the lookback window', async () => {
    await ingest({ lookback: '10 minutes' });
    // A transaction that stamped its row before the last run's cursor but committed after it.
    await src.query(`INSERT INTO customers VALUES (5, 'late@x.io', NULL, 1.00, '2026-01-01 11:55:00+00', NULL)`);
    await ingest({ lookback: '10 minutes' });
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_customers WHERE id = 5')).toBe(1);
  });

  it('misses that row without a lookback, which is why the default is 10 minutes', async () => {
    await ingest({ lookback: 0 });
    await src.query(`INSERT INTO customers VALUES (5, 'late@x.io', NULL, 1.00, '2026-01-01 11:55:00+00', NULL)`);
    await ingest({ lookback: 0 });
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_customers WHERE id = 5')).toBe(0);
  });

  it('appends only rows after the cursor, so reruns add nothing', async () => {
    await ingest({ write_disposition: 'append' });
    await src.query(`INSERT INTO customers VALUES (6, 'f@x.io', NULL, 6.00, '2026-01-05 00:00:00+00', NULL)`);
    for (let i = 0; i < 3; i++) await ingest({ write_disposition: 'append' });
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_customers')).toBe(4);
  });

  it('detects deletes by key reconciliation and carries soft deletes', async () => {
    await ingest({ deletes: 'reconcile' });
    await src.query(`DELETE FROM customers WHERE id = 1; UPDATE customers SET deleted_at = '2026-01-03 00:00:00+00', updated_at = '2026-01-03 00:00:00+00' WHERE id = 2`);
    const { results } = await ingest({ deletes: 'reconcile' });
    expect(results[0]!.deleted).toBe(1);
    expect(await rowsOf(wh, 'SELECT id, CAST(deleted_at AS VARCHAR) AS deleted_at FROM raw.shop_customers ORDER BY id')).toEqual([
      { id: '2', deleted_at: '2026-01-03 00:00:00+00' },
      { id: '3', deleted_at: null },
    ]);
  });

  it('full refresh replaces the table and restarts the cursor', async () => {
    await ingest();
    await src.query(`DELETE FROM customers WHERE id = 3`);
    await ingest({}, {}, true);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_customers')).toBe(2);
    expect(await rowsOf(wh, "SELECT value FROM _mercator.state WHERE kind = 'cursor'")).toEqual([{ value: '2026-01-01 11:00:00.654321+00' }]);
  });

  it('names a missing table and column with the closest names', async () => {
    const config = postgresSourceSchema.parse({ type: 'postgres', url: dbUrl, tables: { customer: {} } });
    const outcome = await ingestPostgresSource(wh, resolvePostgresSource('shop', config, {}));
    expect(outcome.failures[0]!.error).toMatchObject({ code: 'INGEST_TABLE_MISSING', hint: 'Did you mean `customers`?' });
    await expect(ingest({ cursor: 'updatd_at' })).rejects.toMatchObject({ code: 'INGEST_COLUMN_MISSING', hint: 'Did you mean `updated_at`?' });
  });

  it('reports an unreachable server and bad credentials with coded errors', async () => {
    const closed = postgresSourceSchema.parse({ type: 'postgres', host: '127.0.0.1', port: 1, tables: { customers: {} } });
    await expect(ingestPostgresSource(wh, resolvePostgresSource('shop', closed, {}))).rejects.toMatchObject({ code: 'INGEST_SOURCE_UNREACHABLE' });
    const url = new URL(dbUrl);
    const wrong = postgresSourceSchema.parse({
      type: 'postgres', host: url.hostname, port: Number(url.port), database: url.pathname.slice(1), user: decodeURIComponent(url.username),
      password: '${SHOP_PG_PASSWORD}', tables: { customers: {} },
    });
    await expect(ingestPostgresSource(wh, resolvePostgresSource('shop', wrong, { SHOP_PG_PASSWORD: 'wrong' }))).rejects.toMatchObject({ code: 'INGEST_AUTH_FAILED' });
    expect(() => resolvePostgresSource('shop', wrong, {})).toThrow(expect.objectContaining({ code: 'INGEST_SECRET_MISSING' }));
  });
});
