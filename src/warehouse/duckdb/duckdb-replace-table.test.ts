import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../registry.js';
import type { Warehouse } from '../warehouse.js';

const dir = mkdtempSync(join(tmpdir(), 'mercator-replace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const target = { schema: 'main', name: 'orders' };
const ROWS = 1000;
/** Large enough that each build takes a while, so reads land mid-replace. */
const BIG = 200_000;
// Version k has ROWS + k rows, every row tagged k: a reader can tell a whole table from a partial one.
const versionSql = (k: number, rows = ROWS): string => `SELECT ${k} AS version, range AS id FROM range(${rows + k})`;

async function readSnapshot(wh: Warehouse): Promise<{ n: number; lo: number; hi: number }> {
  const row = (await wh.query('SELECT count(*) AS n, min(version) AS lo, max(version) AS hi FROM orders')).rows[0];
  return { n: Number(row?.['n']), lo: Number(row?.['lo']), hi: Number(row?.['hi']) };
}

describe('replaceTable', () => {
  it('creates the table when missing, replaces it when present, returns the row count', async () => {
    const wh = await openWarehouse({ type: 'duckdb' });
    try {
      expect(await wh.replaceTable(target, versionSql(0))).toBe(1000);
      expect(await wh.replaceTable(target, `${versionSql(5)};`)).toBe(1005);
      expect(await readSnapshot(wh)).toEqual({ n: 1005, lo: 5, hi: 5 });
      const names = (await wh.listRelations('main')).map((r) => r.name);
      expect(names).toEqual(['orders']); // no staging table left behind
    } finally {
      await wh.close();
    }
  });

  it('replaces a view of the same name with a table', async () => {
    const wh = await openWarehouse({ type: 'duckdb' });
    try {
      await wh.run('CREATE VIEW orders AS SELECT 1 AS id');
      expect(await wh.replaceTable(target, versionSql(1))).toBe(1001);
      expect((await wh.getRelation(target))?.kind).toBe('table');
    } finally {
      await wh.close();
    }
  });

  it('leaves the old table and no staging table when the SELECT fails', async () => {
    const wh = await openWarehouse({ type: 'duckdb' });
    try {
      await wh.replaceTable(target, versionSql(2));
      await expect(wh.replaceTable(target, 'SELECT * FROM missing_source')).rejects.toMatchObject({
        code: 'WAREHOUSE_QUERY_FAILED',
      });
      expect(await readSnapshot(wh)).toEqual({ n: 1002, lo: 2, hi: 2 });
      expect((await wh.listRelations('main')).map((r) => r.name)).toEqual(['orders']);
    } finally {
      await wh.close();
    }
  });

  it('is atomic for a reader on a second connection: never missing, never partial', async () => {
    const path = join(dir, 'atomic.duckdb');
    const writer = await openWarehouse({ type: 'duckdb', path });
    const reader = await openWarehouse({ type: 'duckdb', path });
    try {
      await writer.replaceTable(target, versionSql(0, BIG));
      let done = false;
      const seen: number[] = [];
      const failures: unknown[] = [];
      const readLoop = (async () => {
        while (!done) {
          try {
            const snap = await readSnapshot(reader);
            // A whole version: one tag, and exactly as many rows as that version has.
            if (snap.lo !== snap.hi || snap.n !== BIG + snap.lo) failures.push(snap);
            seen.push(snap.lo);
          } catch (err) {
            failures.push(err);
          }
        }
      })();
      for (let k = 1; k <= 25; k += 1) expect(await writer.replaceTable(target, versionSql(k, BIG))).toBe(BIG + k);
      done = true;
      await readLoop;
      expect(failures).toEqual([]);
      expect(seen.length).toBeGreaterThan(25);
      expect(new Set(seen).size).toBeGreaterThan(1); // the reader really saw replaces happen
      expect(await readSnapshot(reader)).toEqual({ n: BIG + 25, lo: 25, hi: 25 });
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
