import type { Warehouse, WarehouseCapabilities } from './warehouse.js';

/** One adapter folder's entry point, looked up by `type` in the registry. */
export interface WarehouseAdapter {
  readonly type: string;
  readonly capabilities: WarehouseCapabilities;
  /** Validates `config` (throws WAREHOUSE_CONFIG_INVALID) and opens the warehouse (WAREHOUSE_CONNECT_FAILED). */
  open(config: unknown): Promise<Warehouse>;
}
