import type { Warehouse, WarehouseCapabilities, WarehouseDialect } from './warehouse.js';

/** One adapter folder's entry point, looked up by `type` in the registry. */
export interface WarehouseAdapter {
  readonly type: string;
  readonly capabilities: WarehouseCapabilities;
  /** The SQL dialect, usable offline (compiling without a connection). */
  readonly dialect: WarehouseDialect;
  /** Validates `config` (throws WAREHOUSE_CONFIG_INVALID) and opens the warehouse (WAREHOUSE_CONNECT_FAILED). */
  open(config: unknown): Promise<Warehouse>;
}
