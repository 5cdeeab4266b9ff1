// Does: one DuckDB instance per database file per process, shared by every open of that file.
// Does not: open connections or run SQL.
import { basename, resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { duckdb } from './duckdb-node-api.js';
import { DEFAULT_ROW_GROUP_SIZE, type DuckdbConfig } from './duckdb-config.js';
import { DuckdbThreadCaps } from './duckdb-thread-caps.js';

/** A counted reference to a shared DuckDB instance; `release()` closes it after the last user. */
export interface DuckdbInstanceHandle {
  readonly instance: DuckDBInstance;
  /** The attached database file's catalog, which each connection must `USE`; undefined for `:memory:`. */
  readonly database: string | undefined;
  /** Caps the instance's worker threads until the returned release (see DuckdbThreadCaps); this handle's caps end with it. */
  capThreads(threads: number): Promise<() => Promise<void>>;
  /** The cache key: a resolved file path, or `:memory:<name>` / `:memory:#<n>`. */
  readonly key: string;
  /** Gives the handle back; the promise settles once the threads its caps held are given back. */
  release(): Promise<void>;
}

interface Opened {
  instance: DuckDBInstance;
  database: string | undefined;
}

interface Entry {
  instance: Promise<Opened>;
  refs: number;
  threads: DuckdbThreadCaps;
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
    const instance = openInstance(config, enginePath);
    const created: Entry = { instance, refs: 0, threads: new DuckdbThreadCaps(async () => (await instance).instance) };
    entries.set(key, created);
    entry = created;
  }
  entry.refs += 1;
  let instance: DuckDBInstance;
  let database: string | undefined;
  try {
    ({ instance, database } = await entry.instance);
  } catch (err) {
    // A failed open must not poison the cache: the next open retries.
    if (entries.get(key) === entry) entries.delete(key);
    throw err;
  }
  const owned = entry;
  let released = false;
  const handle: DuckdbInstanceHandle = {
    instance,
    database,
    key,
    capThreads: (threads) => owned.threads.cap(handle, threads),
    release() {
      if (released) return Promise.resolve();
      released = true;
      owned.refs -= 1;
      if (owned.refs === 0 && entries.get(key) === owned) {
        entries.delete(key);
        owned.threads.forgetAll();
        instance.closeSync();
        return Promise.resolve();
      }
      // Others still use the instance: they get back the threads this handle's caps held.
      return owned.threads.dropOwner(handle).catch(() => undefined);
    },
  };
  return handle;
}

const RESERVED_CATALOGS = new Set(['memory', 'system', 'temp', '']);

/**
 * A database file is attached to an in-memory instance rather than opened as its main database: only
 * `ATTACH` takes a row group size. DuckDB names the catalog after the file as it does for a main database
 * (`warehouse.duckdb` → `warehouse`), so SQL naming it reads the same either way.
 */
async function openInstance(config: DuckdbConfig, enginePath: string): Promise<Opened> {
  // DuckDB names an attached file's catalog after its name up to the first dot; the in-memory instance has
  // `memory`, `system` and `temp` already, so a file named like them is opened as the main database.
  const catalog = basename(enginePath).split('.')[0]!;
  if (enginePath === ':memory:' || RESERVED_CATALOGS.has(catalog.toLowerCase())) {
    return { instance: await duckdb.DuckDBInstance.create(enginePath, engineOptions(config)), database: undefined };
  }
  // Spilled data goes next to the file, as it would for a main database (an in-memory one spills to `./.tmp`);
  // a read-only `access_mode` applies to the attached file (an in-memory database cannot be read-only).
  const { access_mode: accessMode, ...options } = engineOptions(config);
  const instance = await duckdb.DuckDBInstance.create(':memory:', { temp_directory: `${enginePath}.tmp`, ...options });
  try {
    const connection = await instance.connect();
    try {
      const readOnly = /^read_only$/i.test(accessMode ?? '') ? ', READ_ONLY' : '';
      await connection.run(`ATTACH '${enginePath.replace(/'/g, "''")}' (ROW_GROUP_SIZE ${config.row_group_size ?? DEFAULT_ROW_GROUP_SIZE}${readOnly})`);
      const rows = (await connection.runAndReadAll("SELECT database_name FROM duckdb_databases() WHERE NOT internal AND database_name <> 'memory'")).getRowObjects();
      return { instance, database: String(rows[0]!['database_name']) };
    } finally {
      connection.closeSync();
    }
  } catch (err) {
    instance.closeSync();
    throw err;
  }
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
