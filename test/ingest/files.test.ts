import { mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { filesSourceSchema, ingestFilesSource, planFilesLoads, resolveFilesSource } from '../../src/ingest/files/index.js';
import { runLoad, type LoadOptions, type LoadResult } from '../../src/ingest/loader/index.js';
import type { Warehouse } from '../../src/warehouse/index.js';
import { countOf, rowsOf, tempWarehouse } from './support/temp-warehouse.js';

let wh: Warehouse;
let dir: string;
let dispose: () => Promise<void>;
beforeEach(async () => ({ warehouse: wh, dir, dispose } = await tempWarehouse()));
afterEach(async () => dispose());

/** Runs every planned load of one stream of a files source declared inline. */
async function ingest(stream: Record<string, unknown>, options: LoadOptions & { fullRefresh?: boolean } = {}): Promise<LoadResult[]> {
  const config = filesSourceSchema.parse({ type: 'files', streams: { items: stream } });
  const source = resolveFilesSource('shop', config, dir);
  const loads = await planFilesLoads(wh, source, source.streams[0]!, { fullRefresh: Boolean(options.fullRefresh) });
  const results: LoadResult[] = [];
  for (const load of loads) results.push(await runLoad(wh, load, options));
  return results;
}

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

const BAD_CSV = [
  'id,name,amount',
  '1,Ann,10.5',
  '2,Bob,abc',
  '3,Cat',
  '4,Dan,7,9',
  '5,Eve,3',
  '6,"Fay, F",2.5',
  '7,"Gil ""G""",1',
].join('\n') + '\n';

describe('files connector', () => {
  it('loads good rows, quarantines each bad row with a readable reason, and counts reconcile', async () => {
    write('exports/items.csv', '\uFEFF' + BAD_CSV);
    const [result] = await ingest({ path: 'exports/items.csv', columns: { amount: 'DOUBLE' } });
    const good = await rowsOf(wh, 'SELECT id, name, amount FROM raw.shop_items ORDER BY id');
    expect(good).toEqual([
      { id: '1', name: 'Ann', amount: 10.5 },
      { id: '5', name: 'Eve', amount: 3 },
      { id: '6', name: 'Fay, F', amount: 2.5 },
      { id: '7', name: 'Gil "G"', amount: 1 },
    ]);
    const rejected = await rowsOf(wh, 'SELECT line, column_name, reason, raw FROM _mercator.rejected_rows ORDER BY line');
    expect(rejected).toEqual([
      { line: '3', column_name: 'amount', reason: 'value "abc" in column "amount" is not a valid DOUBLE', raw: '2,Bob,abc' },
      { line: '4', column_name: 'amount', reason: 'line has 2 values but 3 columns are expected (value for "amount" missing)', raw: '3,Cat' },
      { line: '5', column_name: null, reason: 'line has 4 values but 3 columns are expected (an unquoted delimiter inside a value?)', raw: '4,Dan,7,9' },
    ]);
    const dataLines = BAD_CSV.trim().split('\n').length - 1;
    expect(result!.rows + result!.rejected).toBe(dataLines);
    const load = await rowsOf(wh, "SELECT rows, rejected_rows FROM _mercator.loads WHERE status = 'success'");
    expect(load).toEqual([{ rows: '4', rejected_rows: '3' }]);
  });

  it('reports physical line numbers when quoted values span lines and the file has CRLF endings', async () => {
    write('exports/crlf.csv', ['id,note,amount', '1,"two', 'lines",1.5', '2,ok,abc', '3,"x', 'y', 'z",2', '4,fine,3,extra'].join('\r\n') + '\r\n');
    await ingest({ path: 'exports/crlf.csv', columns: { amount: 'DOUBLE' } });
    expect(await rowsOf(wh, 'SELECT line, raw FROM _mercator.rejected_rows ORDER BY line')).toEqual([
      { line: '4', raw: '2,ok,abc' },
      { line: '8', raw: '4,fine,3,extra' },
    ]);
    expect(await rowsOf(wh, 'SELECT id, note FROM raw.shop_items ORDER BY id')).toEqual([{ id: '1', note: 'two\r\nlines' }, { id: '3', note: 'x\r\ny\r\nz' }]);
  });

  it('fails a file in which no row parses, loading nothing, with a coded error naming the file', async () => {
    const file = write('exports/broken.csv', 'id,name\n1,"never closed\n2,x\n3,y\n');
    await expect(ingest({ path: 'exports/broken.csv' })).rejects.toMatchObject({ code: 'INGEST_FILE_UNREADABLE', params: { file } });
    expect(await countOf(wh, "SELECT count(*) FROM _mercator.loads WHERE status = 'failed'")).toBe(1);
    expect(await wh.getRelation({ schema: 'raw', name: 'shop_items' })).toBeNull();
  });

  it('fails a file whose every row is rejected', async () => {
    write('exports/all-bad.csv', 'id,amount\n1,x\n2,y\n');
    await expect(ingest({ path: 'exports/all-bad.csv', columns: { amount: 'DOUBLE' } })).rejects.toMatchObject({ code: 'INGEST_FILE_UNREADABLE' });
    expect(await countOf(wh, 'SELECT count(*) FROM _mercator.rejected_rows')).toBe(0);
  });

  it('reads latin-1 and UTF-8 with a byte-order mark', async () => {
    write('latin/a.csv', Buffer.from('id,name\n1,Caf\xe9 cr\xe8me\n', 'latin1'));
    await ingest({ path: 'latin/a.csv', encoding: 'latin-1' });
    expect(await rowsOf(wh, 'SELECT id, name FROM raw.shop_items')).toEqual([{ id: '1', name: 'Café crème' }]);
    write('bom/a.csv', '\uFEFFid,name\n2,Zoë\n');
    await ingest({ path: 'bom/a.csv' });
    expect(await rowsOf(wh, 'SELECT id, name FROM raw.shop_items')).toEqual([{ id: '2', name: 'Zoë' }]);
  });

  it('points latin-1 read as UTF-8 at the encoding setting', async () => {
    write('latin/a.csv', Buffer.from('id,name\n1,ok\n2,Caf\xe9\n', 'latin1'));
    await ingest({ path: 'latin/a.csv' });
    const [reject] = await rowsOf(wh, 'SELECT line, reason FROM _mercator.rejected_rows');
    expect(reject).toEqual({ line: '3', reason: 'bytes that are not valid UTF-8; if the file is latin-1, set encoding: latin-1' });
  });

  it('loads JSONL and Parquet from a glob, with new columns added by schema evolution', async () => {
    write('events/a.jsonl', '{"id":1,"kind":"view"}\n{"id":2,"kind":"cart"}\n');
    write('events/b.jsonl', '{"id":3,"kind":"buy","amount":9.5}\n');
    await ingest({ path: 'events/*.jsonl' });
    expect(await rowsOf(wh, 'SELECT id, kind, amount FROM raw.shop_items ORDER BY id')).toEqual([
      { id: '1', kind: 'view', amount: null }, { id: '2', kind: 'cart', amount: null }, { id: '3', kind: 'buy', amount: 9.5 },
    ]);
    mkdirSync(join(dir, 'pq'));
    await wh.run(`COPY (SELECT 10 AS id, 'x' AS kind) TO ${wh.dialect.quoteLiteral(join(dir, 'pq/a.parquet'))} (FORMAT parquet)`);
    await ingest({ path: 'pq/*.parquet' });
    expect(await rowsOf(wh, 'SELECT id, kind FROM raw.shop_items')).toEqual([{ id: 10, kind: 'x' }]);
  });

  it('landing folder: each file once; incomplete files wait; a crash between data and ledger leaves nothing behind', async () => {
    const stream = { path: 'landing', landing: true, stable_seconds: 60 };
    write('landing/orders-1.csv', 'id,amount\n1,10\n2,20\n');
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(dir, 'landing/orders-1.csv'), old, old);
    write('landing/orders-2.csv', 'id,amount\n3,30\n'); // just written: inside the stability window
    write('landing/.orders-3.csv.tmp', 'id,amount\n4,40\n'); // still being written
    expect(await ingest(stream)).toHaveLength(1);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_items')).toBe(2);

    utimesSync(join(dir, 'landing/orders-2.csv'), old, old);
    renameSync(join(dir, 'landing/.orders-3.csv.tmp'), join(dir, 'landing/orders-3.csv'));
    utimesSync(join(dir, 'landing/orders-3.csv'), old, old);
    const crash: LoadOptions = {
      checkpoint: (point) => {
        if (point === 'data-written') throw new Error('process died');
      },
    };
    await expect(ingest(stream, crash)).rejects.toMatchObject({ code: 'INGEST_LOAD_FAILED' });
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_items')).toBe(2); // orders-2 and orders-3 are one load: both rolled back

    for (let rerun = 0; rerun < 3; rerun++) await ingest(stream);
    expect(await rowsOf(wh, 'SELECT id FROM raw.shop_items ORDER BY id')).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }]);
    expect(await countOf(wh, "SELECT count(*) FROM _mercator.state WHERE kind = 'file'")).toBe(3);
    expect(await countOf(wh, 'SELECT count(DISTINCT _mercator_file) FROM raw.shop_items')).toBe(3);
  });

  it('landing folder: pending files load as one load; a crash mid-batch then reruns load each file exactly once', async () => {
    const stream = { path: 'landing/**/*.jsonl', landing: true, stable_seconds: 0 };
    for (let f = 0; f < 6; f++) write(`landing/d${f % 2}/h${f}.jsonl`, `{"id":${f * 2},"f":${f}}\n{"id":${f * 2 + 1},"f":${f}}\n`);
    for (const point of ['staged', 'data-written', 'state-written'] as const) {
      const crash: LoadOptions = { checkpoint: (p) => { if (p === point) throw new Error('process died'); } };
      await expect(ingest(stream, crash)).rejects.toMatchObject({ code: 'INGEST_LOAD_FAILED' });
      expect(await wh.getRelation({ schema: 'raw', name: 'shop_items' })).toBeNull();
      expect(await countOf(wh, "SELECT count(*) FROM _mercator.state WHERE kind = 'file'")).toBe(0);
    }
    const [load, ...more] = await ingest(stream);
    expect(more).toHaveLength(0);
    expect(load!.rows).toBe(12);
    for (let rerun = 0; rerun < 2; rerun++) expect(await ingest(stream)).toHaveLength(0);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_items')).toBe(12);
    expect(await countOf(wh, 'SELECT count(DISTINCT id) FROM raw.shop_items')).toBe(12);
    // Per-file attribution survives batching: each row names the file it came from.
    expect(await countOf(wh, "SELECT count(*) FROM raw.shop_items WHERE _mercator_file NOT LIKE '%/h' || CAST(f AS VARCHAR) || '.jsonl'")).toBe(0);
    expect(await rowsOf(wh, "SELECT count(*) AS files, count(DISTINCT load_id) AS loads FROM _mercator.state WHERE kind = 'file'")).toEqual([{ files: '6', loads: '1' }]);
    expect(await rowsOf(wh, "SELECT status, rows FROM _mercator.loads WHERE status = 'success'")).toEqual([{ status: 'success', rows: '12' }]);
  });

  it('landing folder: batches are bounded by files and bytes per load', async () => {
    for (let f = 0; f < 5; f++) write(`landing/h${f}.jsonl`, `{"id":${f}}\n`);
    const results = await ingest({ path: 'landing/*.jsonl', landing: true, stable_seconds: 0, max_files_per_load: 2 });
    expect(results.map((r) => r.rows)).toEqual([2, 2, 1]);
    write('landing/h5.jsonl', '{"id":5}\n');
    write('landing/h6.jsonl', '{"id":6}\n');
    expect(await ingest({ path: 'landing/*.jsonl', landing: true, stable_seconds: 0, max_bytes_per_load: 1 })).toHaveLength(2);
    expect(await countOf(wh, 'SELECT count(DISTINCT id) FROM raw.shop_items')).toBe(7);
  });

  it('landing folder: a file unreadable as a whole is named, and the files before it still load', async () => {
    const stream = { path: 'landing/*.jsonl', landing: true, stable_seconds: 0 };
    write('landing/a.jsonl', '{"id":1}\n');
    const bad = write('landing/b.jsonl', '{"id":2,\n');
    write('landing/c.jsonl', '{"id":3}\n');
    const config = filesSourceSchema.parse({ type: 'files', streams: { items: stream } });
    const outcome = await ingestFilesSource(wh, resolveFilesSource('shop', config, dir));
    expect(outcome.failures).toHaveLength(1);
    expect(outcome.failures[0]!.error).toMatchObject({ code: 'INGEST_FILE_UNREADABLE', params: { file: bad } });
    expect(await rowsOf(wh, 'SELECT id FROM raw.shop_items ORDER BY id')).toEqual([{ id: '1' }]);
    expect(await countOf(wh, "SELECT count(*) FROM _mercator.state WHERE kind = 'file'")).toBe(1);
  });

  it('full refresh of a landing folder reloads every file once', async () => {
    const stream = { path: 'landing/*.csv', landing: true, stable_seconds: 0 };
    write('landing/a.csv', 'id\n1\n');
    write('landing/b.csv', 'id\n2\n');
    await ingest(stream);
    await ingest(stream, { fullRefresh: true });
    expect(await countOf(wh, 'SELECT count(*) FROM raw.shop_items')).toBe(2);
    expect(await countOf(wh, "SELECT count(*) FROM _mercator.state WHERE kind = 'file'")).toBe(2);
  });

  it('fails a JSONL file with a malformed line as a whole, naming the file (JSON lines are not quarantined)', async () => {
    const file = write('events/bad.jsonl', '{"id":1}\n{"id":2,\n{"id":3}\n');
    await expect(ingest({ path: 'events/*.jsonl' })).rejects.toMatchObject({ code: 'INGEST_FILE_UNREADABLE', params: { file } });
    expect(await wh.getRelation({ schema: 'raw', name: 'shop_items' })).toBeNull();
  });

  it('reports a path that matches nothing', async () => {
    await expect(ingest({ path: 'nothing/*.csv' })).rejects.toMatchObject({ code: 'INGEST_NO_FILES' });
  });
});
