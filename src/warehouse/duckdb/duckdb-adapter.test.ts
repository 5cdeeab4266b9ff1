import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isMercatorError } from '../../errors/index.js';
import { openWarehouse } from '../registry.js';
import type { Warehouse } from '../warehouse.js';

const opened: Warehouse[] = [];
async function open(config: Record<string, unknown> = {}): Promise<Warehouse> {
  const wh = await openWarehouse({ type: 'duckdb', ...config });
  opened.push(wh);
  return wh;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((wh) => wh.close()));
});

/** A promise the test resolves by hand, to hold work open while close() is called. */
function openedByHand(): { gate: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { gate, release };
}

const count = async (wh: Warehouse, table: string): Promise<number> =>
  Number((await wh.query(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.['n']);

describe('duckdb run and query', () => {
  it('runs several statements at once and reports rows changed by the last', async () => {
    const wh = await open();
    const result = await wh.run('CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2), (3); DELETE FROM t WHERE id > 1');
    expect(result.rowsChanged).toBe(2);
    expect(await count(wh, 't')).toBe(1);
  });

  it('reports null rows changed for DDL', async () => {
    const wh = await open();
    expect(await wh.run('CREATE TABLE t (id INTEGER)')).toEqual({ rowsChanged: null });
  });

  it('binds positional ($1, ?) and named ($name) parameters without interpolating them', async () => {
    const wh = await open();
    await wh.run('CREATE TABLE t (name VARCHAR)');
    const hostile = "x'); DROP TABLE t; --";
    await wh.run('INSERT INTO t VALUES ($1), (?)', [hostile, 'plain']);
    expect((await wh.query('SELECT name FROM t WHERE name = ?', [hostile])).rows).toEqual([{ name: hostile }]);
    const named = await wh.query('SELECT $a || $b AS ab, $a AS a', { a: 'x', b: 'y' });
    expect(named.rows).toEqual([{ ab: 'xy', a: 'x' }]);
    expect((await wh.query('SELECT $id AS id', { $id: 7n })).rows).toEqual([{ id: 7n }]);
    expect(await count(wh, 't')).toBe(2);
  });

  it('runs the last statement of a multi-statement string with parameters', async () => {
    const wh = await open();
    const result = await wh.run('CREATE TABLE t (id INTEGER); INSERT INTO t VALUES ($1), ($2)', [1, 2]);
    expect(result.rowsChanged).toBe(2);
  });

  it('returns columns with engine types, and keeps duplicate column names apart', async () => {
    const wh = await open();
    const result = await wh.query('SELECT 1 AS a, 2::BIGINT AS a, NULL::VARCHAR AS z');
    expect(result.columns).toEqual([
      { name: 'a', type: 'INTEGER' },
      { name: 'a:1', type: 'BIGINT' },
      { name: 'z', type: 'VARCHAR' },
    ]);
    expect(result.rows).toEqual([{ a: 1, 'a:1': 2n, z: null }]);
  });

  it('serializes concurrent statements on one warehouse', async () => {
    const wh = await open();
    await wh.run('CREATE TABLE t (id INTEGER)');
    await Promise.all(Array.from({ length: 50 }, (_, i) => wh.run('INSERT INTO t VALUES ($1)', [i])));
    expect(await count(wh, 't')).toBe(50);
  });

  it('exposes capabilities as data and the default schema', async () => {
    const wh = await open({ schema: 'analytics' });
    expect(wh.capabilities).toEqual({
      merge: true,
      transactionalDdl: true,
      bulkFormats: ['csv', 'parquet', 'json'],
      concurrentWriters: true,
      fullRowMergeAsDeleteInsert: true,
    });
    expect(wh.defaultSchema).toBe('analytics');
    expect(await wh.listSchemas()).toContain('analytics');
  });

  it('supports MERGE INTO as advertised (DuckDB >= 1.4)', async () => {
    const wh = await open();
    const version = String((await wh.query('SELECT version() AS v')).rows[0]?.['v']);
    expect(version).toMatch(/^v1\.(4|5|6|7|8|9)\./);
    await wh.run(`CREATE TABLE t AS SELECT * FROM (VALUES (1, 'old'), (2, 'old')) v(id, status)`);
    const sql = wh.dialect.merge({
      target: { schema: 'main', name: 't' },
      sourceSql: `SELECT * FROM (VALUES (2, 'new'), (3, 'new')) v(id, status)`,
      uniqueKey: ['id'],
      columns: ['id', 'status'],
    });
    expect((await wh.run(sql)).rowsChanged).toBe(2);
    expect((await wh.query('SELECT id, status FROM t ORDER BY id')).rows).toEqual([
      { id: 1, status: 'old' },
      { id: 2, status: 'new' },
      { id: 3, status: 'new' },
    ]);
  });
});

describe('duckdb transactions', () => {
  it('commits on success, on a dedicated connection', async () => {
    const wh = await open();
    await wh.run('CREATE TABLE t (id INTEGER)');
    const seenInside = await wh.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      const outside = await count(wh, 't'); // the main connection does not see uncommitted rows
      return { inside: await count(tx, 't'), outside };
    });
    expect(seenInside).toEqual({ inside: 1, outside: 0 });
    expect(await count(wh, 't')).toBe(1);
  });

  it('rolls back on throw, DDL included, and rethrows the original error', async () => {
    const wh = await open();
    await wh.run('CREATE TABLE t (id INTEGER)');
    const boom = new Error('boom');
    await expect(
      wh.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (1)');
        await tx.run('CREATE TABLE u (id INTEGER)');
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await count(wh, 't')).toBe(0);
    expect(await wh.getRelation({ schema: 'main', name: 'u' })).toBeNull();
  });

  it('joins the outer transaction when nested; a nested failure rolls everything back', async () => {
    const wh = await open();
    await wh.run('CREATE TABLE t (id INTEGER)');
    await wh.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      await tx.transaction(async (inner) => inner.run('INSERT INTO t VALUES (2)'));
      expect(await count(tx, 't')).toBe(2);
    });
    expect(await count(wh, 't')).toBe(2);
    await expect(
      wh.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (3)');
        await tx.transaction(async (inner) => inner.run('INSERT INTO nope VALUES (4)'));
      }),
    ).rejects.toMatchObject({ code: 'WAREHOUSE_QUERY_FAILED' });
    expect(await count(wh, 't')).toBe(2);
  });

  it('replaceTable inside a transaction is part of it', async () => {
    const wh = await open();
    await wh.run('CREATE TABLE t AS SELECT 1 AS id');
    await expect(
      wh.transaction(async (tx) => {
        expect(await tx.replaceTable({ schema: 'main', name: 't' }, 'SELECT * FROM range(5) r(id)')).toBe(5);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await count(wh, 't')).toBe(1);
  });

  it('close() waits for a running transaction to finish', async () => {
    const wh = await openWarehouse({ type: 'duckdb' });
    await wh.run('CREATE TABLE t (id INTEGER)');
    const { gate, release } = openedByHand();
    const tx = wh.transaction(async (t) => {
      await gate;
      await t.run('INSERT INTO t VALUES (1)');
      return count(t, 't');
    });
    const closing = wh.close();
    release();
    expect(await tx).toBe(1);
    await closing;
    await expect(wh.query('SELECT 1')).rejects.toMatchObject({ code: 'WAREHOUSE_CLOSED' });
  });

  it('refuses a transaction handle used after its transaction ended', async () => {
    const wh = await open();
    let leaked: Warehouse | undefined;
    await wh.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toMatchObject({ code: 'WAREHOUSE_CLOSED' });
  });
});

describe('duckdb connections of their own', () => {
  it('runs statements on a connection other than the main one, and lends that connection again after', async () => {
    const wh = await open();
    await wh.run('CREATE TABLE t (id INTEGER)');
    // A temporary table belongs to its connection: the main connection does not see it.
    await wh.onOwnConnection((own) => own.run('CREATE TEMP TABLE mine AS SELECT 1 AS x'));
    await expect(wh.query('SELECT x FROM mine')).rejects.toMatchObject({ code: 'WAREHOUSE_QUERY_FAILED' });
    // The next borrower gets the same connection back from the pool.
    expect((await wh.onOwnConnection((own) => own.query('SELECT x FROM mine'))).rows).toEqual([{ x: 1 }]);
    // Its writes are committed for everyone.
    await wh.onOwnConnection((own) => own.run('INSERT INTO t VALUES (7)'));
    expect(await count(wh, 't')).toBe(1);
  });

  it('inside a transaction, runs on the transaction; close() waits for a lent connection', async () => {
    const wh = await openWarehouse({ type: 'duckdb' });
    await wh.run('CREATE TABLE t (id INTEGER)');
    await wh.transaction(async (tx) => {
      await tx.run('INSERT INTO t VALUES (1)');
      // The transaction's own uncommitted row is visible: the same connection.
      expect(await tx.onOwnConnection((own) => count(own, 't'))).toBe(1);
    });
    const { gate, release } = openedByHand();
    const lent = wh.onOwnConnection(async (own) => {
      await gate;
      await own.run('INSERT INTO t VALUES (2)');
      return count(own, 't');
    });
    const closing = wh.close();
    release();
    expect(await lent).toBe(2);
    await closing;
    await expect(wh.query('SELECT 1')).rejects.toMatchObject({ code: 'WAREHOUSE_CLOSED' });
  });

  it('stages tables of a database file in the unstored in-memory catalog, creating each schema once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-duckdb-scratch-'));
    try {
      const file = await open({ path: join(dir, 'w.duckdb') });
      const asked = await Promise.all([1, 2, 3].map(() => file.onOwnConnection((own) => own.scratchSchema('staging'))));
      expect(asked).toEqual([1, 2, 3].map(() => ({ database: 'memory', schema: 'staging' })));
      await file.run('CREATE TABLE memory.staging.rows AS SELECT 1 AS x');
      expect((await file.onOwnConnection((own) => own.query('SELECT x FROM memory.staging.rows'))).rows).toEqual([{ x: 1 }]);
      expect((await file.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'w'`)).rows).toEqual([{ n: 0n }]);
      // An in-memory warehouse is unstored already: staged tables go beside their target.
      expect(await (await open()).scratchSchema('staging')).toBeNull();
    } finally {
      await Promise.all(opened.splice(0).map((wh) => wh.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('duckdb errors', () => {
  it('wraps engine errors once with the engine message, the SQL and the cause', async () => {
    const wh = await open();
    const sql = 'SELECT amount FROM missing_orders WHERE id = $1';
    const err = await wh.query(sql, [1]).catch((e: unknown) => e);
    expect(isMercatorError(err, 'WAREHOUSE_QUERY_FAILED')).toBe(true);
    if (!isMercatorError(err)) return;
    expect(err.message).toContain('missing_orders does not exist');
    expect(err.message).toContain(sql);
    expect(err.location?.sql).toBe(sql);
    expect(err.cause).toBeInstanceOf(Error);
    expect(isMercatorError(err.cause)).toBe(false);
    expect(err.exit).toBe(1);
  });

  it('cuts long SQL in the message but keeps it whole in location.sql', async () => {
    const wh = await open();
    const sql = `SELECT ${Array.from({ length: 200 }, (_, i) => `${i} AS c${i}`).join(', ')} FROM nowhere`;
    const err = await wh.query(sql).catch((e: unknown) => e);
    if (!isMercatorError(err)) throw new Error('expected a MercatorError');
    expect(err.message.length).toBeLessThan(sql.length);
    expect(err.message).toContain('…');
    expect(err.location?.sql).toBe(sql);
  });

  it('names the model and file the SQL came from when used through withLocation', async () => {
    const wh = await open();
    const model = wh.withLocation({ node: 'model.shop.orders', file: 'models/orders.sql' });
    const err = await model.run('SELECT * FROM missing').catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'WAREHOUSE_QUERY_FAILED',
      location: { node: 'model.shop.orders', file: 'models/orders.sql', sql: 'SELECT * FROM missing' },
    });
    const inTx = await model
      .transaction(async (tx) => tx.withLocation({ line: 3 }).run('SELECT * FROM missing'))
      .catch((e: unknown) => e);
    expect(inTx).toMatchObject({ location: { node: 'model.shop.orders', line: 3 } });
    await model.close(); // a view: the warehouse stays open
    expect((await wh.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    const plain = await wh.run('SELECT * FROM missing').catch((e: unknown) => e);
    expect(plain).toMatchObject({ location: { sql: 'SELECT * FROM missing' } });
    expect((plain as { location: Record<string, unknown> }).location['node']).toBeUndefined();
  });

  it('refuses statements after close', async () => {
    const wh = await openWarehouse({ type: 'duckdb' });
    await wh.close();
    await wh.close();
    await expect(wh.query('SELECT 1')).rejects.toMatchObject({ code: 'WAREHOUSE_CLOSED' });
  });

  it('validates the config with the key path in the message', async () => {
    await expect(openWarehouse({ type: 'duckdb', threads: 0 })).rejects.toMatchObject({
      code: 'WAREHOUSE_CONFIG_INVALID',
      message: expect.stringContaining('threads'),
    });
    await expect(openWarehouse({ type: 'duckdb', memory_limt: '1GB' })).rejects.toMatchObject({
      code: 'WAREHOUSE_CONFIG_INVALID',
      message: expect.stringContaining('memory_limt'),
    });
  });

  it('applies engine settings from the config', async () => {
    const wh = await open({ threads: 2, memory_limit: '512MB' });
    const row = (await wh.query(`SELECT current_setting('threads') AS t, current_setting('memory_limit') AS m`)).rows[0];
    expect(row?.['t']).toBe(2n);
    expect(String(row?.['m'])).toMatch(/^(488\.2 MiB|512\.0 MB)$/);
  });

  it('caps its worker threads while asked to, lowest cap first, and gives back the configured number', async () => {
    const wh = await open({ threads: 3 });
    const threads = async (): Promise<unknown> => (await wh.query(`SELECT current_setting('threads') AS t`)).rows[0]?.['t'];
    const releaseTwo = await wh.limitThreads(2);
    expect(await threads()).toBe(2n);
    const releaseOne = await wh.limitThreads(1);
    expect(await threads()).toBe(1n);
    await releaseTwo();
    expect(await threads()).toBe(1n); // the lower cap still holds
    await wh.transaction(async (tx) => {
      // The cap is the database's: another connection sees it too.
      expect((await tx.query(`SELECT current_setting('threads') AS t`)).rows[0]?.['t']).toBe(1n);
    });
    await releaseOne();
    await releaseOne(); // a second release changes nothing
    expect(await threads()).toBe(3n);
    const releaseZero = await wh.limitThreads(0); // never below one thread
    expect(await threads()).toBe(1n);
    await releaseZero();
    expect(await threads()).toBe(3n);
  });

  it('gives the threads back when closed under a cap, and a later release changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-threads-'));
    const path = join(dir, 'w.duckdb');
    const first = await openWarehouse({ type: 'duckdb', path, threads: 3 });
    const second = await open({ path, threads: 3 }); // the same database file: one engine instance in the process
    const release = await first.limitThreads(1);
    expect((await second.query(`SELECT current_setting('threads') AS t`)).rows[0]?.['t']).toBe(1n);
    await first.close();
    expect((await second.query(`SELECT current_setting('threads') AS t`)).rows[0]?.['t']).toBe(3n);
    await release();
    expect((await second.query(`SELECT current_setting('threads') AS t`)).rows[0]?.['t']).toBe(3n);
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the caps of two opens of one file together: each release gives back only what no other cap holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mercator-threads-'));
    const path = join(dir, 'w.duckdb');
    const a = await openWarehouse({ type: 'duckdb', path, threads: 3 });
    const b = await openWarehouse({ type: 'duckdb', path, threads: 3 });
    const threads = async (): Promise<unknown> => (await a.query(`SELECT current_setting('threads') AS t`)).rows[0]?.['t'];
    try {
      const releaseA = await a.limitThreads(1);
      const releaseB = await b.limitThreads(2);
      expect(await threads()).toBe(1n);
      await releaseA();
      expect(await threads()).toBe(2n); // b's cap still holds
      await releaseB();
      expect(await threads()).toBe(3n); // the number the file was opened with, not the 1 in force when b asked
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies further engine settings, and reports unknown ones as a connect failure', async () => {
    const wh = await open({ settings: { preserve_insertion_order: false, default_order: 'desc' } });
    const row = (await wh.query(`SELECT current_setting('preserve_insertion_order') AS p, current_setting('default_order') AS o`)).rows[0];
    expect(row).toEqual({ p: false, o: 'DESC' });
    await expect(openWarehouse({ type: 'duckdb', settings: { no_such_setting: 1 } })).rejects.toMatchObject({
      code: 'WAREHOUSE_CONNECT_FAILED',
      message: expect.stringContaining('no_such_setting'),
    });
  });

  it('loads the configured extensions at open', async () => {
    const wh = await open({ extensions: ['json', 'parquet'] });
    const loaded = (await wh.query(`SELECT extension_name AS e FROM duckdb_extensions() WHERE loaded ORDER BY 1`)).rows;
    expect(loaded.map((r) => r['e'])).toEqual(expect.arrayContaining(['json', 'parquet']));
    await expect(openWarehouse({ type: 'duckdb', extensions: ['httpfs; DROP'] })).rejects.toMatchObject({
      code: 'WAREHOUSE_CONFIG_INVALID',
      message: expect.stringContaining('extensions.0'),
    });
  });

  it('fails to open a path in a missing directory with WAREHOUSE_CONNECT_FAILED', async () => {
    await expect(openWarehouse({ type: 'duckdb', path: '/nonexistent-dir/x/y.duckdb' })).rejects.toMatchObject({
      code: 'WAREHOUSE_CONNECT_FAILED',
      message: expect.stringContaining('/nonexistent-dir/x/y.duckdb'),
    });
  });
});
