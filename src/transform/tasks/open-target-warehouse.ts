import { isAbsolute, resolve } from 'node:path';
import { loadWarehouseAdapter, openWarehouse, type Warehouse, type WarehouseDialect } from '../../warehouse/index.js';
import type { ResolvedTarget } from '../project/load-profile.js';

// A profile's `threads` is how many nodes run at once, not the engine's worker threads: as in dbt-duckdb, those
// are `settings: {threads: n}` (DuckDB's own default is one per core). Passing 4 on a 2-core machine made the
// incremental shop build a fifth slower.
const DUCKDB_KEYS = ['path', 'memory_limit', 'row_group_size', 'extensions', 'schema', 'settings'] as const;

/** Opens the warehouse a profile target describes (`type: duckdb` with `path`, relative to the project). */
export async function openTargetWarehouse(target: ResolvedTarget, projectDir: string): Promise<Warehouse> {
  return openWarehouse(targetWarehouseConfig(target, projectDir));
}

/**
 * Starts opening the target's warehouse and resolves once its adapter is loaded, with the dialect (usable
 * offline) and the opening in flight, so the caller can parse the project while the database starts.
 * The caller must await `warehouse` (and close it) even when it fails before using it.
 */
export async function startTargetWarehouse(target: ResolvedTarget, projectDir: string): Promise<{ dialect: WarehouseDialect; warehouse: Promise<Warehouse> }> {
  const config = targetWarehouseConfig(target, projectDir);
  const adapter = await loadWarehouseAdapter(target.type);
  const warehouse = adapter.open(config);
  warehouse.catch(() => {}); // awaited by the caller; this only keeps an early failure from being reported as unhandled
  return { dialect: adapter.dialect, warehouse };
}

/** The warehouse config of a profile target: its engine keys, `path` resolved against the project. */
export function targetWarehouseConfig(target: ResolvedTarget, projectDir: string): Record<string, unknown> {
  const config: Record<string, unknown> = { type: target.type };
  for (const key of DUCKDB_KEYS) if (target.settings[key] !== undefined) config[key] = target.settings[key];
  const path = config.path;
  if (typeof path === 'string' && path !== ':memory:' && !isAbsolute(path) && !path.startsWith('md:')) config.path = resolve(projectDir, path);
  if (Array.isArray(config.extensions)) config.extensions = config.extensions.filter((e): e is string => typeof e === 'string');
  return config;
}
