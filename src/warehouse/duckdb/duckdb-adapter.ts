// Does: opens a DuckDB warehouse from its config: validate, share the instance, load extensions, ensure the schema.
// Does not: hold SQL text or engine calls beyond wiring the parts together.
import { ManagedWarehouse } from '../managed-warehouse.js';
import type { Warehouse, WarehouseCapabilities } from '../warehouse.js';
import type { WarehouseAdapter } from '../warehouse-adapter.js';
import { parseDuckdbConfig } from './duckdb-config.js';
import { duckdbDialect } from './duckdb-dialect.js';
import { DuckdbDriver } from './duckdb-driver.js';
import { duckdbIntrospector } from './duckdb-introspector.js';

/**
 * DuckDB ≥ 1.4 has MERGE INTO; DDL is transactional; one writer process, whose connections may write at once
 * (optimistically: a transaction writing rows another one changed since it began aborts).
 */
export const duckdbCapabilities: WarehouseCapabilities = Object.freeze({
  merge: true,
  transactionalDdl: true,
  bulkFormats: Object.freeze(['csv', 'parquet', 'json'] as const),
  concurrentWriters: true,
  fullRowMergeAsDeleteInsert: true,
});

/** The DuckDB adapter the registry opens for `type: duckdb`. */
export const duckdbAdapter: WarehouseAdapter = {
  type: 'duckdb',
  capabilities: duckdbCapabilities,
  dialect: duckdbDialect,
  async open(rawConfig: unknown): Promise<Warehouse> {
    const config = parseDuckdbConfig(rawConfig);
    const warehouse = await ManagedWarehouse.open({
      type: 'duckdb',
      capabilities: duckdbCapabilities,
      dialect: duckdbDialect,
      introspector: duckdbIntrospector,
      driver: new DuckdbDriver(config, duckdbDialect),
      defaultSchema: config.schema,
    });
    try {
      for (const extension of config.extensions ?? []) await loadExtension(warehouse, extension);
      await warehouse.ensureSchema(config.schema);
    } catch (err) {
      await warehouse.close();
      throw err;
    }
    return warehouse;
  },
};

async function loadExtension(warehouse: Warehouse, name: string): Promise<void> {
  try {
    await warehouse.run(`LOAD ${name}`);
  } catch {
    // Not installed yet: install (needs network once), then load; that error is the one reported.
    await warehouse.run(`INSTALL ${name}; LOAD ${name}`);
  }
}
