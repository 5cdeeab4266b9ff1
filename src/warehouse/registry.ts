// Does: maps a config's `type` to its adapter folder, imported only when first used.
// Does not: validate adapter-specific keys (each adapter's config schema does).
import { MercatorError } from '../errors/index.js';
import type { Warehouse } from './warehouse.js';
import type { WarehouseAdapter } from './warehouse-adapter.js';

/** Warehouse types Mercator knows; `null` marks an adapter planned but not built yet. */
const ADAPTERS: Record<string, (() => Promise<WarehouseAdapter>) | null> = {
  duckdb: async () => (await import('./duckdb/index.js')).duckdbAdapter,
  postgres: null,
  snowflake: null,
  bigquery: null,
};

/** Every warehouse type the registry knows, built or planned. */
export const warehouseTypes = Object.freeze(Object.keys(ADAPTERS));

/** Warehouse types whose adapter is built. */
export function availableWarehouseTypes(): string[] {
  return Object.entries(ADAPTERS)
    .filter(([, load]) => load !== null)
    .map(([type]) => type);
}

/** The adapter for `type`; throws WAREHOUSE_CONFIG_INVALID (unknown type) or WAREHOUSE_ADAPTER_UNAVAILABLE. */
export async function loadWarehouseAdapter(type: string): Promise<WarehouseAdapter> {
  if (!Object.hasOwn(ADAPTERS, type)) {
    throw new MercatorError('WAREHOUSE_CONFIG_INVALID', {
      path: 'type',
      detail: `unknown warehouse type ${JSON.stringify(type)}`,
      suggestion: `Use one of: ${warehouseTypes.join(', ')}.`,
    });
  }
  const load = ADAPTERS[type];
  if (load === null || load === undefined) {
    throw new MercatorError('WAREHOUSE_ADAPTER_UNAVAILABLE', { type, available: availableWarehouseTypes().join(', ') });
  }
  return load();
}

/** Opens a warehouse from its config (`{ type: 'duckdb', path: ... }`); the caller closes it. */
export async function openWarehouse(config: unknown): Promise<Warehouse> {
  const type = typeof config === 'object' && config !== null ? (config as { type?: unknown }).type : undefined;
  if (typeof type !== 'string') {
    throw new MercatorError('WAREHOUSE_CONFIG_INVALID', {
      path: 'type',
      detail: 'missing or not a string',
      suggestion: `Set \`type\` to one of: ${warehouseTypes.join(', ')}.`,
    });
  }
  const adapter = await loadWarehouseAdapter(type);
  return adapter.open(config);
}
