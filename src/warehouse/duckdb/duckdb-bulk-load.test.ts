import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMercatorError } from '../../errors/index.js';
import { openWarehouse } from '../registry.js';
import { SqlDecimal, type Warehouse } from '../warehouse.js';

const dir = mkdtempSync(join(tmpdir(), 'mercator-bulk-'));
let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse({ type: 'duckdb', schema: 'raw' });
});
afterAll(async () => {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const rel = (name: string) => ({ schema: 'raw', name });

describe('bulkLoad', () => {
  it('loads a CSV with header and delimiter options, keeping the option-declared types', async () => {
    const csv = file('orders.csv', 'order_id;amount;placed_at\n9007199254740993;12.50;2024-01-01 10:00:00.000001\n2;7.25;2024-01-02 11:00:00\n');
    const rows = await wh.bulkLoad({
      target: rel('orders'),
      files: [csv],
      format: 'csv',
      mode: 'create',
      options: { header: true, delim: ';', columns: { order_id: 'BIGINT', amount: 'DECIMAL(10,2)', placed_at: 'TIMESTAMP' } },
    });
    expect(rows).toBe(2);
    const result = await wh.query('SELECT * FROM raw.orders ORDER BY order_id DESC');
    expect(result.rows[0]?.['order_id']).toBe(9007199254740993n);
    expect(result.rows[0]?.['amount']).toEqual(new SqlDecimal(1250n, 2));
    expect(result.rows[0]?.['placed_at']).toBe('2024-01-01 10:00:00.000001');
  });

  it('loads a CSV without header using explicit column names', async () => {
    const csv = file('noheader.csv', '1,a\n2,b\n3,c\n');
    const rows = await wh.bulkLoad({
      target: rel('letters'),
      files: [csv],
      format: 'csv',
      mode: 'create',
      options: { header: false, names: ['id', 'letter'] },
    });
    expect(rows).toBe(3);
    expect((await wh.getColumns(rel('letters'))).map((c) => c.name)).toEqual(['id', 'letter']);
  });

  it('appends several files by column name and replaces the table atomically', async () => {
    const a = file('a.csv', 'id,name\n1,x\n');
    const b = file('b.csv', 'name,id\ny,2\nz,3\n');
    expect(await wh.bulkLoad({ target: rel('people'), files: [a], format: 'csv', mode: 'create' })).toBe(1);
    expect(await wh.bulkLoad({ target: rel('people'), files: [b], format: 'csv', mode: 'append' })).toBe(2);
    expect((await wh.query('SELECT id, name FROM raw.people ORDER BY id')).rows).toEqual([
      { id: 1n, name: 'x' },
      { id: 2n, name: 'y' },
      { id: 3n, name: 'z' },
    ]);
    expect(await wh.bulkLoad({ target: rel('people'), files: [a, b], format: 'csv', mode: 'replace', options: { union_by_name: true } })).toBe(3);
    expect(Number((await wh.query('SELECT count(*) AS n FROM raw.people')).rows[0]?.['n'])).toBe(3);
  });

  it('loads Parquet files', async () => {
    const parquet = join(dir, 'items.parquet');
    await wh.run(
      `COPY (SELECT range AS id, (range * 1.5)::DECIMAL(38,10) AS price FROM range(100)) TO ${wh.dialect.quoteLiteral(parquet)} (FORMAT parquet)`,
    );
    expect(await wh.bulkLoad({ target: rel('items'), files: [parquet], format: 'parquet', mode: 'create' })).toBe(100);
    const cols = await wh.getColumns(rel('items'));
    expect(cols).toEqual([
      { name: 'id', type: 'BIGINT', nullable: true },
      { name: 'price', type: 'DECIMAL(38,10)', nullable: true },
    ]);
    expect(String((await wh.query('SELECT max(price) AS p FROM raw.items')).rows[0]?.['p'])).toBe('148.5000000000');
  });

  it('loads newline-delimited JSON with nested values', async () => {
    const jsonl = file(
      'events.jsonl',
      ['{"id": 1, "type": "view", "props": {"sku": "A"}}', '{"id": 2, "type": "buy", "props": {"sku": "B"}}'].join('\n'),
    );
    const rows = await wh.bulkLoad({
      target: rel('events'),
      files: [jsonl],
      format: 'json',
      mode: 'create',
      options: { format: 'newline_delimited' },
    });
    expect(rows).toBe(2);
    expect((await wh.query('SELECT props FROM raw.events WHERE id = 2')).rows).toEqual([{ props: { sku: 'B' } }]);
  });

  it('reports a missing file as WAREHOUSE_BULK_LOAD_FAILED with the engine error', async () => {
    const missing = join(dir, 'missing.csv');
    const err = await wh
      .bulkLoad({ target: rel('nothing'), files: [missing], format: 'csv', mode: 'create' })
      .catch((e: unknown) => e);
    expect(isMercatorError(err, 'WAREHOUSE_BULK_LOAD_FAILED')).toBe(true);
    if (!isMercatorError(err)) return;
    expect(err.message).toContain('"raw"."nothing"');
    expect(err.message).toContain('missing.csv');
    expect(err.location).toMatchObject({ file: missing, sql: expect.stringContaining('read_csv(') });
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('rejects reader option names that are not identifiers', async () => {
    const csv = file('x.csv', 'a\n1\n');
    await expect(
      wh.bulkLoad({ target: rel('x'), files: [csv], format: 'csv', mode: 'create', options: { 'header) ; DROP': true } }),
    ).rejects.toMatchObject({ code: 'WAREHOUSE_BULK_LOAD_FAILED' });
  });
});
