import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCursor, readLedger, runLoad, type LoadRequest } from '../../src/ingest/loader/index.js';
import type { Warehouse } from '../../src/warehouse/index.js';
import { countOf, rowsOf, tempWarehouse } from './support/temp-warehouse.js';

let wh: Warehouse;
let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => ({ warehouse: wh, dir, dispose } = await tempWarehouse()));
afterEach(async () => dispose());

function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function request(file: string, extra: Partial<LoadRequest> = {}): LoadRequest {
  return {
    source: 'shop', stream: 'orders', target: { schema: 'raw', name: 'shop_orders' },
    disposition: 'merge', primaryKey: ['id'], dedupOrder: 'updated',
    input: { from: wh.dialect.fileReader({ files: [file], format: 'csv', options: { header: true } }) },
    ...extra,
  };
}

describe('runLoad', () => {
  it('merges on the primary key, keeps the newest duplicate, tags rows with load id and time', async () => {
    await runLoad(wh, request(csv('a.csv', 'id,amount,updated\n1,10,1\n2,20,1\n')));
    const second = await runLoad(wh, request(csv('b.csv', 'id,amount,updated\n2,25,2\n2,21,3\n3,30,2\n')));
    const rows = await rowsOf(wh, 'SELECT id, amount, _mercator_load_id FROM raw.shop_orders ORDER BY id');
    expect(rows.map((r) => [r['id'], r['amount']])).toEqual([['1', '10'], ['2', '21'], ['3', '30']]);
    expect(rows[2]!['_mercator_load_id']).toBe(second.loadId);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_orders WHERE _mercator_loaded_at IS NULL')).toBe(0);
    expect(await countOf(wh, "SELECT count(*) FROM _mercator.loads WHERE status = 'success'")).toBe(2);
  });

  it('appends and replaces', async () => {
    const file = csv('a.csv', 'id,amount\n1,10\n2,20\n');
    await runLoad(wh, request(file, { disposition: 'append', primaryKey: [] }));
    await runLoad(wh, request(file, { disposition: 'append', primaryKey: [] }));
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_orders')).toBe(4);
    await runLoad(wh, request(csv('c.csv', 'id,note\n7,x\n'), { disposition: 'replace', primaryKey: [] }));
    expect(await rowsOf(wh, 'SELECT id, note FROM raw.shop_orders')).toEqual([{ id: '7', note: 'x' }]);
  });

  it('adds new columns and widens types, and records both', async () => {
    await runLoad(wh, request(csv('a.csv', 'id,amount\n1,10\n'), { dedupOrder: undefined }));
    await runLoad(wh, request(csv('b.csv', 'id,amount,channel\n2,10.5,web\n'), { dedupOrder: undefined }));
    const rows = await rowsOf(wh, 'SELECT id, amount, channel FROM raw.shop_orders ORDER BY id');
    expect(rows).toEqual([{ id: '1', amount: 10, channel: null }, { id: '2', amount: 10.5, channel: 'web' }]);
    const changes = await rowsOf(wh, 'SELECT column_name, change, old_type, new_type FROM _mercator.schema_changes ORDER BY column_name');
    expect(changes).toEqual([
      { column_name: 'amount', change: 'widened', old_type: 'BIGINT', new_type: 'DOUBLE' },
      { column_name: 'channel', change: 'added', old_type: null, new_type: 'VARCHAR' },
    ]);
  });

  it('commits data, cursor and ledger together, or none of them', async () => {
    const first = csv('a.csv', 'id,amount,updated\n1,10,1\n');
    await runLoad(wh, request(first, { cursor: { before: null, after: '1' }, ledger: [{ path: first, size: 1, mtimeMs: 1 }] }));
    const second = csv('b.csv', 'id,amount,updated\n2,20,2\n');
    const failing = runLoad(wh, request(second, { cursor: { before: '1', after: '2' }, ledger: [{ path: second, size: 1, mtimeMs: 1 }] }), {
      checkpoint: (point) => {
        if (point === 'state-written') throw new Error('simulated crash before commit');
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'INGEST_LOAD_FAILED' });
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_orders')).toBe(1);
    expect(await readCursor(wh, 'shop', 'orders')).toBe('1');
    expect([...(await readLedger(wh, 'shop', 'orders'))]).toEqual([first]);
    const failed = await rowsOf(wh, "SELECT status, error FROM _mercator.loads WHERE status = 'failed'");
    expect(failed).toHaveLength(1);
    expect(String(failed[0]!['error'])).toContain('simulated crash');
    expect(await countOf(wh, "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%__mercator_stage_%'")).toBe(0);
  });

  it('refuses merge without a primary key', async () => {
    await expect(runLoad(wh, request(csv('a.csv', 'id\n1\n'), { primaryKey: [] }))).rejects.toMatchObject({ code: 'INGEST_MERGE_KEY_MISSING' });
  });
});
