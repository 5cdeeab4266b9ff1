import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../registry.js';
import type { Warehouse } from '../warehouse.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse({ type: 'duckdb' });
  await wh.ensureSchema('staging');
  await wh.ensureSchema('staging'); // idempotent
  await wh.run(`CREATE TABLE staging.Orders (id BIGINT NOT NULL, amount DECIMAL(12,2), tags VARCHAR[], meta STRUCT(src VARCHAR));
    CREATE VIEW staging.big_orders AS SELECT * FROM staging.Orders WHERE amount > 100;
    CREATE TABLE main.other (x INTEGER)`);
});
afterAll(async () => {
  await wh.close();
});

describe('duckdb introspection', () => {
  it('lists the schemas of the current database only, or of the one named (in any case)', async () => {
    expect(await wh.listSchemas()).toEqual(['main', 'staging']);
    await wh.run(`ATTACH ':memory:' AS side; CREATE SCHEMA side.archive`);
    try {
      expect(await wh.listSchemas('SIDE')).toEqual(['archive', 'main']);
      expect(await wh.listSchemas()).toEqual(['main', 'staging']);
    } finally {
      await wh.run('DETACH side');
    }
  });

  it('lists tables and views of one schema, sorted, with their kind', async () => {
    expect(await wh.listRelations('staging')).toEqual([
      { database: 'memory', schema: 'staging', name: 'big_orders', kind: 'view' },
      { database: 'memory', schema: 'staging', name: 'Orders', kind: 'table' },
    ]);
    expect(await wh.listRelations('empty_schema')).toEqual([]);
  });

  it('finds a relation case-insensitively and returns its catalog spelling; null when absent', async () => {
    expect(await wh.getRelation({ schema: 'STAGING', name: 'orders' })).toEqual({
      database: 'memory',
      schema: 'staging',
      name: 'Orders',
      kind: 'table',
    });
    expect(await wh.getRelation({ database: 'memory', schema: 'main', name: 'other' })).toMatchObject({ kind: 'table' });
    expect(await wh.getRelation({ schema: 'staging', name: 'nope' })).toBeNull();
    expect(await wh.getRelation({ database: 'elsewhere', schema: 'main', name: 'other' })).toBeNull();
  });

  it('gives columns in order with engine types and nullability', async () => {
    expect(await wh.getColumns({ schema: 'staging', name: 'orders' })).toEqual([
      { name: 'id', type: 'BIGINT', nullable: false },
      { name: 'amount', type: 'DECIMAL(12,2)', nullable: true },
      { name: 'tags', type: 'VARCHAR[]', nullable: true },
      { name: 'meta', type: 'STRUCT(src VARCHAR)', nullable: true },
    ]);
    expect((await wh.getColumns({ schema: 'staging', name: 'big_orders' })).map((c) => c.name)).toEqual([
      'id',
      'amount',
      'tags',
      'meta',
    ]);
    expect(await wh.getColumns({ schema: 'staging', name: 'nope' })).toEqual([]);
  });
});
