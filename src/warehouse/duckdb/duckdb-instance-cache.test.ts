import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMercatorError } from '../../errors/index.js';
import { openWarehouse } from '../registry.js';
import { parseDuckdbConfig } from './duckdb-config.js';
import { acquireDuckdbInstance, openDuckdbInstanceCount } from './duckdb-instance-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'mercator-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('duckdb instance cache', () => {
  it('shares one instance between two opens of the same file, also through a relative path', async () => {
    const path = join(dir, 'shared.duckdb');
    const before = openDuckdbInstanceCount();
    const a = await acquireDuckdbInstance(parseDuckdbConfig({ type: 'duckdb', path }));
    const b = await acquireDuckdbInstance(parseDuckdbConfig({ type: 'duckdb', path: relative(process.cwd(), path) }));
    expect(b.instance).toBe(a.instance);
    expect(b.key).toBe(a.key);
    expect(openDuckdbInstanceCount()).toBe(before + 1);
    a.release();
    expect(openDuckdbInstanceCount()).toBe(before + 1); // still used by b
    b.release();
    b.release(); // idempotent
    expect(openDuckdbInstanceCount()).toBe(before);
  });

  it('writes tables in row groups of row_group_size (32,768 by default) and names the catalog after the file', async () => {
    const groups = async (file: string, rowGroupSize?: number): Promise<unknown[]> => {
      const wh = await openWarehouse({ type: 'duckdb', path: join(dir, file), ...(rowGroupSize ? { row_group_size: rowGroupSize } : {}) });
      try {
        await wh.run('CREATE TABLE t AS SELECT range AS i FROM range(100000)');
        const [row] = (await wh.query("SELECT current_database() AS db, (SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('t')) AS groups, current_setting('temp_directory') AS spill")).rows;
        // Spilled data goes next to the file, as for a database opened directly.
        expect(row!['spill']).toBe(`${join(dir, file)}.tmp`);
        return [row!['db'], Number(row!['groups'])];
      } finally {
        await wh.close();
      }
    };
    expect(await groups('rg.default.duckdb')).toEqual(['rg', 4]);
    expect(await groups('rg_large.duckdb', 122_880)).toEqual(['rg_large', 1]);
    // Reopened, the table and its data are in the file.
    const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'rg.default.duckdb') });
    expect((await wh.query('SELECT count(*) AS n FROM t')).rows).toEqual([{ n: 100000n }]);
    await wh.close();
    expect(() => parseDuckdbConfig({ type: 'duckdb', path: 'x.duckdb', row_group_size: 1000 })).toThrow(/row_group_size/);
  });

  it('applies a read-only access_mode to the file itself (the open then refuses to create its schema)', async () => {
    const path = join(dir, 'ro.duckdb');
    const writer = await openWarehouse({ type: 'duckdb', path });
    await writer.close();
    const before = openDuckdbInstanceCount();
    await expect(openWarehouse({ type: 'duckdb', path, settings: { access_mode: 'READ_ONLY' } })).rejects.toThrow(/database "ro" which is attached in read-only mode/);
    expect(openDuckdbInstanceCount()).toBe(before);
  });

  it('opens a file named like one of DuckDB\'s own catalogs (memory, temp) as before', async () => {
    const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'memory.duckdb') });
    await wh.run('CREATE TABLE t AS SELECT 1 AS x');
    expect((await wh.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }]);
    await wh.close();
  });

  it('lets two warehouses on one file see each other’s committed writes at once', async () => {
    const path = join(dir, 'two.duckdb');
    const first = await openWarehouse({ type: 'duckdb', path });
    const second = await openWarehouse({ type: 'duckdb', path });
    try {
      await first.run('CREATE TABLE t AS SELECT 42 AS answer');
      expect((await second.query('SELECT answer FROM t')).rows).toEqual([{ answer: 42 }]);
    } finally {
      await first.close();
      await second.close();
    }
    // Reopened after the last close: the data was persisted to the file.
    const again = await openWarehouse({ type: 'duckdb', path });
    expect((await again.query('SELECT answer FROM t')).rows).toEqual([{ answer: 42 }]);
    await again.close();
  });

  it('gives each unnamed :memory: open a fresh database, and shares a named one', async () => {
    const a = await openWarehouse({ type: 'duckdb', path: ':memory:' });
    const b = await openWarehouse({ type: 'duckdb', path: ':memory:' });
    const n1 = await openWarehouse({ type: 'duckdb', name: 'cache-test' });
    const n2 = await openWarehouse({ type: 'duckdb', name: 'cache-test' });
    try {
      await a.run('CREATE TABLE only_in_a (x INTEGER)');
      expect(await b.getRelation({ schema: 'main', name: 'only_in_a' })).toBeNull();
      await n1.run('CREATE TABLE shared_mem (x INTEGER)');
      expect(await n2.getRelation({ schema: 'main', name: 'shared_mem' })).not.toBeNull();
      expect(existsSync(':memory:cache-test')).toBe(false); // in memory, not a file named after it
    } finally {
      await Promise.all([a.close(), b.close(), n1.close(), n2.close()]);
    }
  });

  it('reports a file locked by another process as WAREHOUSE_CONNECT_FAILED with a hint', async () => {
    const path = join(dir, 'locked.duckdb');
    const holder = await holdLock(path);
    try {
      const err = await openWarehouse({ type: 'duckdb', path }).catch((e: unknown) => e);
      expect(isMercatorError(err, 'WAREHOUSE_CONNECT_FAILED')).toBe(true);
      if (!isMercatorError(err)) return;
      expect(err.message).toContain(path);
      expect(err.message).toMatch(/lock/i);
      expect(err.hint).toContain('Another process holds the lock');
      expect(err.exit).toBe(3);
    } finally {
      holder.kill();
    }
    // A failed open does not poison the cache: once the lock is gone, the same path opens.
    await new Promise((resolve) => holder.once('exit', resolve));
    const wh = await openWarehouse({ type: 'duckdb', path });
    await wh.close();
  });
});

/** Starts a child process that opens `path` and keeps it open until killed. */
function holdLock(path: string): Promise<ChildProcess> {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const instance = await DuckDBInstance.create(${JSON.stringify(path)});
    await (await instance.connect()).run('CREATE TABLE IF NOT EXISTS held (x INTEGER)');
    process.stdout.write('ready\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited early with ${code}`)));
  });
}
