// A fresh DuckDB warehouse in a temp folder per test, plus small helpers to read rows back.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse, type Warehouse } from '../../../src/warehouse/index.js';

/** A DuckDB file warehouse in a new temp folder; `dispose` closes it and removes the folder. */
export async function tempWarehouse(): Promise<{ warehouse: Warehouse; dir: string; dispose: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'mercator-ingest-'));
  const warehouse = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
  return {
    warehouse,
    dir,
    dispose: async () => {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Rows of a query as JSON-safe objects. */
export async function rowsOf(warehouse: Warehouse, sql: string): Promise<Record<string, unknown>[]> {
  return (await warehouse.queryJson(sql)).rows;
}

/** A single count. */
export async function countOf(warehouse: Warehouse, sql: string): Promise<number> {
  const rows = await rowsOf(warehouse, sql);
  return Number(Object.values(rows[0] ?? {})[0] ?? 0);
}
