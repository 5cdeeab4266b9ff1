// Does: caches API answers keyed by endpoint and parameters, and drops them all when a newer build finished
// (newest `_mercator.runs.finished_at`, or the mtime of target/run_results.json), checked at most once a second.
// Does not: time entries out otherwise: the marts change only through a build.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Warehouse } from '../warehouse/index.js';

/** What the data version is made of; `asOf` is when the newest build finished (ISO), null when unknown. */
export interface DataVersion {
  key: string;
  asOf: string | null;
}

/** Reads the data version cheaply: one catalog-guarded query and one stat. */
export async function readDataVersion(warehouse: Warehouse, projectDir: string): Promise<DataVersion> {
  let runsFinished: string | null = null;
  const present = await warehouse.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = '_mercator' AND table_name = 'runs'`);
  if (Number(present.rows[0]?.['n'] ?? 0) > 0) {
    const rows = await warehouse.query(`SELECT CAST(max(finished_at) AS VARCHAR) AS t, count(*) AS n FROM "_mercator"."runs" WHERE finished_at IS NOT NULL`);
    const t = rows.rows[0]?.['t'];
    if (typeof t === 'string') runsFinished = new Date(t.replace(' ', 'T').replace(/\+00$/, 'Z')).toISOString();
  }
  let resultsMtime: string | null = null;
  try {
    resultsMtime = statSync(join(projectDir, 'target', 'run_results.json')).mtime.toISOString();
  } catch {
    // No build artifacts yet: the run history (or nothing) dates the data.
  }
  const asOf = [runsFinished, resultsMtime].filter((x): x is string => x !== null).sort().at(-1) ?? null;
  return { key: `${runsFinished ?? '-'}|${resultsMtime ?? '-'}`, asOf };
}

/** Answers by key, valid for one data version. */
export class ResultCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  /** How each recently asked key is computed, most recent last, to compute them again after a build. */
  private readonly recent = new Map<string, () => Promise<unknown>>();
  private version: DataVersion | null = null;
  private checkedAt = 0;
  private checking: Promise<DataVersion> | null = null;
  hits = 0;
  misses = 0;

  /** Called after the cache was emptied for a new data version (e.g. to compute the overview again). */
  onChange: ((version: DataVersion) => void) | null = null;

  constructor(
    private readonly readVersion: () => Promise<DataVersion>,
    private readonly checkIntervalMs = 1000,
    private readonly maxEntries = 2000,
    /** How many of the most recently asked answers are computed again, one after another, after a build. */
    private readonly rewarm = 12,
  ) {}

  /** The current data version, re-read at most once per interval; a change empties the cache. */
  async current(): Promise<DataVersion> {
    if (this.version !== null && Date.now() - this.checkedAt < this.checkIntervalMs) return this.version;
    this.checking ??= this.readVersion()
      .then((v) => {
        const changed = this.version === null || v.key !== this.version.key;
        if (changed) this.entries.clear();
        this.version = v;
        this.checkedAt = Date.now();
        if (changed) {
          queueMicrotask(() => this.onChange?.(v));
          void this.computeAgain([...this.recent].slice(-this.rewarm));
        }
        return v;
      })
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  /** The cached answer for `key`, or computes it once (concurrent callers share the computation); failures are not kept. */
  async get<T>(key: string, compute: () => Promise<T>): Promise<{ value: T; cached: boolean }> {
    await this.current();
    const existing = this.entries.get(key) as Promise<T> | undefined;
    if (existing) {
      this.hits += 1;
      return { value: await existing, cached: true };
    }
    this.misses += 1;
    this.recent.delete(key);
    this.recent.set(key, compute);
    if (this.recent.size > this.rewarm) this.recent.delete(this.recent.keys().next().value as string);
    const pending = compute();
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, pending);
    try {
      return { value: await pending, cached: false };
    } catch (err) {
      if (this.entries.get(key) === pending) this.entries.delete(key);
      throw err;
    }
  }

  /** Recomputes answers one at a time (the warehouse runs one statement at a time), so people asking wait little. */
  private async computeAgain(jobs: [string, () => Promise<unknown>][]): Promise<void> {
    for (const [key, compute] of jobs) {
      if (this.entries.has(key)) continue;
      const pending = compute();
      this.entries.set(key, pending);
      try {
        await pending;
      } catch {
        // Not kept: the next request for this key computes it again and reports its error itself.
        if (this.entries.get(key) === pending) this.entries.delete(key);
      }
    }
  }
}
