import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import { layerRowCounts } from './layer-row-counts.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse({ type: 'duckdb', path: ':memory:' });
  for (const sql of ['CREATE SCHEMA raw', 'CREATE TABLE raw.a AS SELECT * FROM range(5)', 'CREATE TABLE raw.b AS SELECT * FROM range(2)', 'CREATE SCHEMA marts']) await wh.run(sql);
});
afterAll(async () => wh?.close());

describe('layerRowCounts', () => {
  it('counts relations and rows per schema, and zero for a missing layer', async () => {
    expect(await layerRowCounts(wh, ['raw', 'staging'])).toEqual([
      { layer: 'raw', relations: 2, rows: 7 },
      { layer: 'staging', relations: 0, rows: 0 },
    ]);
  });
});
