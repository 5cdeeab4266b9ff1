import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { copyTableInParallel } from '../../src/ingest/postgres/index.js';
import { createTestDatabase } from '../support/test-postgres.js';

let dbUrl: string;
let dropDb: () => Promise<void>;
let dir: string;
const connect = async (): Promise<pg.Client> => {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  return c;
};

beforeAll(async () => {
  ({ url: dbUrl, drop: dropDb } = await createTestDatabase(inject('pgUrl'), 'ingest_parallel'));
  dir = mkdtempSync(join(tmpdir(), 'mercator-parallel-'));
  const c = await connect();
  await c.query(`CREATE TABLE items (id bigint PRIMARY KEY, note text); INSERT INTO items SELECT g, repeat('x', 50) FROM generate_series(1, 20000) g`);
  await c.end();
});
afterAll(async () => {
  await dropDb();
  rmSync(dir, { recursive: true, force: true });
});

describe('copyTableInParallel', () => {
  it('splits a table into page ranges that together are exactly one snapshot', async () => {
    const main = await connect();
    const other = await connect();
    try {
      await main.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await main.query('SELECT 1'); // the snapshot is taken here
      await other.query(`INSERT INTO items SELECT g, 'late' FROM generate_series(20001, 20500) g; DELETE FROM items WHERE id <= 100`);
      const result = await copyTableInParallel(main, connect, { select: 'SELECT id, note FROM items', qualified: 'items', parts: 3, workDir: dir, baseName: 'items', minPages: 1 });
      await main.query('COMMIT');
      expect(result!.files).toHaveLength(3);
      const ids = result!.files.flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').slice(1).map((line) => Number(line.split(',')[0])));
      expect(ids.length).toBe(20000);
      expect(new Set(ids).size).toBe(20000);
      expect(Math.min(...ids)).toBe(1);
      expect(Math.max(...ids)).toBe(20000);
    } finally {
      await main.end();
      await other.end();
    }
  });
});
