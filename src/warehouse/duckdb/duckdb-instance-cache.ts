// Does: one DuckDB instance per database file per process, shared by every open of that file.
// Does not: open connections or run SQL.
import { resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from './duckdb-node-api.js';
import type { DuckdbConfig } from './duckdb-config.js';

/** A counted reference to a shared DuckDB instance; `release()` closes it after the last user. */
export interface DuckdbInstanceHandle {
  readonly instance: DuckDBInstance;
  /** The cache key: a resolved file path, or `:memory:<name>` / `:memory:#<n>`. */
  readonly key: string;
  release(): void;
}

interface Entry {
  instance: Promise<DuckDBInstance>;
  refs: number;
}

const entries = new Map<string, Entry>();
let anonymousMemory = 0;

/** The cache key and engine path of a config: files by resolved path; unnamed `:memory:` always fresh. */
export function duckdbInstanceKey(config: Pick<DuckdbConfig, 'path' | 'name'>): { key: string; enginePath: string } {
  if (config.path === ':memory:') {
    // The engine would read `:memory:<name>` as a file path; sharing by name is done by this cache.
    if (config.name !== undefined) return { key: `:memory:${config.name}`, enginePath: ':memory:' };
    anonymousMemory += 1;
    return { key: `:memory:#${anonymousMemory}`, enginePath: ':memory:' };
  }
  const file = resolve(config.path);
  return { key: file, enginePath: file };
}

/** Returns the shared instance for the config's database, creating it on first use. */
export async function acquireDuckdbInstance(config: DuckdbConfig): Promise<DuckdbInstanceHandle> {
  const { key, enginePath } = duckdbInstanceKey(config);
  let entry = entries.get(key);
  if (entry === undefined) {
    const created: Entry = { instance: duckdb.DuckDBInstance.create(enginePath, engineOptions(config)), refs: 0 };
    entries.set(key, created);
    entry = created;
  }
  entry.refs += 1;
  let instance: DuckDBInstance;
  try {
    instance = await entry.instance;
  } catch (err) {
    // A failed open must not poison the cache: the next open retries.
    if (entries.get(key) === entry) entries.delete(key);
    throw err;
  }
  const owned = entry;
  let released = false;
  return {
    instance,
    key,
    release() {
      if (released) return;
      released = true;
      owned.refs -= 1;
      if (owned.refs === 0 && entries.get(key) === owned) {
        entries.delete(key);
        instance.closeSync();
      }
    },
  };
}

/** Number of open instances; for tests and diagnostics. */
export function openDuckdbInstanceCount(): number {
  return entries.size;
}

function engineOptions(config: DuckdbConfig): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.settings ?? {})) options[name] = String(value);
  if (config.threads !== undefined) options['threads'] = String(config.threads);
  if (config.memory_limit !== undefined) options['memory_limit'] = config.memory_limit.trim();
  return options;
}
