import { describe, expect, it } from 'vitest';
import { availableWarehouseTypes, loadWarehouseAdapter, openWarehouse, warehouseTypes } from './registry.js';

describe('warehouse registry', () => {
  it('knows four types, of which duckdb is built', () => {
    expect([...warehouseTypes]).toEqual(['duckdb', 'postgres', 'snowflake', 'bigquery']);
    expect(availableWarehouseTypes()).toEqual(['duckdb']);
  });

  it('opens duckdb through a lazily imported adapter', async () => {
    const adapter = await loadWarehouseAdapter('duckdb');
    expect(adapter.type).toBe('duckdb');
    const wh = await openWarehouse({ type: 'duckdb', path: ':memory:' });
    expect(wh.type).toBe('duckdb');
    expect((await wh.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await wh.close();
  });

  it.each(['postgres', 'snowflake', 'bigquery'])('reports %s as not available yet', async (type) => {
    await expect(openWarehouse({ type })).rejects.toMatchObject({
      code: 'WAREHOUSE_ADAPTER_UNAVAILABLE',
      message: `The ${type} warehouse adapter is not available yet.`,
      exit: 2,
    });
  });

  it('rejects an unknown or missing type, listing the known ones', async () => {
    await expect(openWarehouse({ type: 'oracle' })).rejects.toMatchObject({
      code: 'WAREHOUSE_CONFIG_INVALID',
      hint: 'Use one of: duckdb, postgres, snowflake, bigquery.',
    });
    await expect(openWarehouse({ path: 'x.duckdb' })).rejects.toMatchObject({ code: 'WAREHOUSE_CONFIG_INVALID' });
    await expect(openWarehouse(null)).rejects.toMatchObject({ code: 'WAREHOUSE_CONFIG_INVALID' });
    await expect(openWarehouse({ type: 'toString' })).rejects.toMatchObject({ code: 'WAREHOUSE_CONFIG_INVALID' });
  });
});
