import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { ingestProject } from '../../src/ingest/index.js';
import { openWarehouse } from '../../src/warehouse/index.js';
import { createTestDatabase } from '../support/test-postgres.js';

let dbUrl: string;
let dropDb: () => Promise<void>;
let dir: string;

beforeAll(async () => {
  ({ url: dbUrl, drop: dropDb } = await createTestDatabase(inject('pgUrl'), 'ingest_cli'));
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(`CREATE TABLE orders (order_id bigint PRIMARY KEY, total numeric(12,2), updated_at timestamptz NOT NULL);
    INSERT INTO orders SELECT g, g * 1.5, '2026-01-01'::timestamptz + g * interval '1 second' FROM generate_series(1, 1000) g`);
  await client.end();
});
afterAll(async () => dropDb());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mercator-cli-ingest-'));
  mkdirSync(join(dir, 'exports'));
  writeFileSync(join(dir, 'exports/products.csv'), 'sku,price\nA,1.5\nB,oops\nC,3\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function project(yaml: string): void {
  writeFileSync(join(dir, 'mercator.yml'), yaml);
}

const YAML = (url: string): string => `name: shop
sources:
  shop_db:
    type: postgres
    url: \${SHOP_DB_URL}
    tables:
      orders:
        cursor: updated_at
  exports:
    type: files
    streams:
      products:
        path: exports/*.csv
        columns: { price: DOUBLE }
`.replace('${SHOP_DB_URL}', url);

async function captured(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  try {
    const code = await runCli(['node', 'mercator', ...argv]);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

describe('mercator ingest', () => {
  it('loads every source of mercator.yml and prints JSON events with a summary', async () => {
    project(YAML(dbUrl));
    const { code, out } = await captured(['--log-format', 'json', 'ingest', '--project-dir', dir]);
    expect(code).toBe(0);
    const events = out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: Record<string, unknown> });
    // Sources load concurrently: events arrive in any order.
    expect(events.filter((e) => e.type === 'LoadCommitted').map((e) => [e.data['stream'], e.data['rows'], e.data['rejected']]).sort()).toEqual([
      ['orders', 1000, 0],
      ['products', 2, 1],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'IngestFinished', data: { loads: 2, rows: 1002, failed: [] } });
    const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
    try {
      const sum = await wh.queryJson('SELECT count(*) AS n, sum(total) AS total FROM raw.shop_db_orders');
      expect(sum.rows).toEqual([{ n: '1000', total: '750750.00' }]);
    } finally {
      await wh.close();
    }
  });

  it('runs one stream, and a rerun adds nothing', async () => {
    project(YAML(dbUrl));
    for (let i = 0; i < 2; i++) {
      const summary = await ingestProject({ projectDir: dir, source: 'shop_db', stream: 'orders' });
      expect(summary.failures).toEqual([]);
    }
    const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
    try {
      expect((await wh.queryJson('SELECT count(*) AS n FROM raw.shop_db_orders')).rows).toEqual([{ n: '1000' }]);
      expect(await wh.getRelation({ schema: 'raw', name: 'exports_products' })).toBeNull();
    } finally {
      await wh.close();
    }
  });

  it('names the file, line and key path of a misspelt source setting', async () => {
    project(YAML(dbUrl).replace('cursor: updated_at', 'cursr: updated_at'));
    await expect(ingestProject({ projectDir: dir })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      params: { line: 8, path: 'sources.shop_db.tables.orders.cursr' },
    });
  });

  it('rejects an unknown source with the closest name, and exits non-zero when a source fails', async () => {
    project(YAML(dbUrl));
    await expect(ingestProject({ projectDir: dir, source: 'shop_bd' })).rejects.toMatchObject({ code: 'INGEST_SOURCE_UNKNOWN', hint: 'Did you mean `shop_db`?' });
    await expect(ingestProject({ projectDir: dir, source: 'shop_db', stream: 'order' })).rejects.toMatchObject({ code: 'INGEST_STREAM_UNKNOWN', params: { known: 'orders' } });
    project(YAML('postgres://nobody@127.0.0.1:1/none'));
    const { code, out } = await captured(['--log-format', 'json', 'ingest', '--project-dir', dir]);
    expect(code).toBe(1);
    expect(out).toContain('INGEST_SOURCE_UNREACHABLE');
  });
});
