// Does: the DuckDB adapter (embedded, file or in-memory), opened through the warehouse registry.
// Does not: get imported by core code directly; use openWarehouse({ type: 'duckdb', ... }).
export { duckdbAdapter, duckdbCapabilities } from './duckdb-adapter.js';
export { duckdbConfigSchema, parseDuckdbConfig, type DuckdbConfig } from './duckdb-config.js';
export { DuckdbDialect, duckdbDialect } from './duckdb-dialect.js';
export { DuckdbDriver, DuckdbConnection } from './duckdb-driver.js';
export { DuckdbIntrospector, duckdbIntrospector } from './duckdb-introspector.js';
export { acquireDuckdbInstance, openDuckdbInstanceCount, type DuckdbInstanceHandle } from './duckdb-instance-cache.js';
