import { isAbsolute, resolve } from 'node:path';
import { openWarehouse, type Warehouse } from '../../warehouse/index.js';
import type { ResolvedTarget } from '../project/load-profile.js';

const DUCKDB_KEYS = ['path', 'threads', 'memory_limit', 'extensions', 'schema'] as const;

/** Opens the warehouse a profile target describes (`type: duckdb` with `path`, relative to the project). */
export async function openTargetWarehouse(target: ResolvedTarget, projectDir: string): Promise<Warehouse> {
  const config: Record<string, unknown> = { type: target.type };
  for (const key of DUCKDB_KEYS) if (target.settings[key] !== undefined) config[key] = target.settings[key];
  const path = config.path;
  if (typeof path === 'string' && path !== ':memory:' && !isAbsolute(path) && !path.startsWith('md:')) config.path = resolve(projectDir, path);
  if (Array.isArray(config.extensions)) config.extensions = config.extensions.filter((e): e is string => typeof e === 'string');
  return openWarehouse(config);
}
