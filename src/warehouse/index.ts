// Does: the warehouse layer: the Warehouse interface, openWarehouse() over a registry of adapters, value types.
// Does not: know about models, sources or dashboards; core code never imports an adapter folder directly.
export * from './warehouse.js';
export { openWarehouse, loadWarehouseAdapter, availableWarehouseTypes, warehouseTypes } from './registry.js';
export { ManagedWarehouse, type AdapterParts } from './managed-warehouse.js';
export { ManagedSession } from './managed-session.js';
export type { WarehouseAdapter } from './warehouse-adapter.js';
export type { DriverConnection, WarehouseDriver } from './warehouse-driver.js';
export type { IntrospectionQuery, WarehouseIntrospector } from './warehouse-introspector.js';
export { toJsonRow, toJsonValue } from './json-row.js';
export { sqlExcerpt } from './sql-excerpt.js';
