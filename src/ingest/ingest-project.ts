// Does: the `mercator ingest` task: reads the project's sources, opens its warehouse, runs the selected streams.
// Does not: print; progress and results go to the reporter.
import { isAbsolute, join, resolve } from 'node:path';
import { closestNames } from '../config/index.js';
import { MercatorError } from '../errors/index.js';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import { ingestSource, streamNamesOf } from './ingest-source.js';
import { ensureIngestMetadata, type LoadResult } from './loader/index.js';
import { loadProjectSources } from './source-config.js';
import type { StreamReporter } from './stream-reporter.js';

/** What to ingest. */
export interface IngestProjectOptions {
  projectDir: string;
  /** Only this source (all when absent). */
  source?: string;
  /** Only this stream of the chosen source. */
  stream?: string;
  fullRefresh?: boolean;
  reporter?: StreamReporter;
  /** Environment for `${VAR}` references; the process environment when absent. */
  env?: NodeJS.ProcessEnv;
  /** An already open warehouse; otherwise the project's (mercator.yml `warehouse`, default DuckDB file `warehouse.duckdb`). */
  warehouse?: Warehouse;
  /**
   * Sources loaded at the same time (default 2). Each source's streams stay in order; sources are
   * independent, and one waiting on its API leaves the machine to another that is parsing or loading.
   */
  concurrency?: number;
}

/** Every committed load and every failed stream of one ingest run. */
export interface IngestSummary {
  results: LoadResult[];
  failures: { source: string; stream: string; error: Error }[];
}

/** Runs the selected sources, `concurrency` at a time; a failed stream does not stop the others. */
export async function ingestProject(options: IngestProjectOptions): Promise<IngestSummary> {
  const project = loadProjectSources(options.projectDir);
  const names = Object.keys(project.sources);
  if (options.source !== undefined && !names.includes(options.source)) {
    const near = closestNames(options.source, names);
    throw new MercatorError('INGEST_SOURCE_UNKNOWN', { source: options.source, file: project.file, known: names.join(', ') || '(none)' },
      near.length > 0 ? { hint: `Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` } : {});
  }
  if (options.stream !== undefined) {
    if (options.source === undefined) throw new MercatorError('CLI_USAGE', { detail: '--stream needs --source' });
    const streams = streamNamesOf(project.sources[options.source]!);
    if (!streams.includes(options.stream)) throw new MercatorError('INGEST_STREAM_UNKNOWN', { source: options.source, stream: options.stream, known: streams.join(', ') });
  }
  const warehouse = options.warehouse ?? (await openWarehouse(ingestWarehouseConfig(project.config.warehouse, options.projectDir)));
  const selected = Object.entries(project.sources).filter(([name]) => options.source === undefined || name === options.source);
  // Outcomes by source position: the summary lists sources in mercator.yml order however loads interleave.
  const outcomes: IngestSummary[] = selected.map(() => ({ results: [], failures: [] }));
  const ingestOne = async (position: number): Promise<void> => {
    const [name, config] = selected[position]!;
    const summary = outcomes[position]!;
    try {
      const outcome = await ingestSource(warehouse, name, config, {
        projectDir: options.projectDir,
        ...(options.env ? { env: options.env } : {}),
        ...(options.stream ? { streams: [options.stream] } : {}),
        fullRefresh: Boolean(options.fullRefresh),
        ...(options.reporter ? { reporter: options.reporter } : {}),
      });
      summary.results.push(...outcome.results);
      summary.failures.push(...outcome.failures);
    } catch (err) {
      // The whole source failed (unreachable, bad credentials): every selected stream is reported as failed.
      const error = err instanceof Error ? err : new Error(String(err));
      summary.failures.push({ source: name, stream: options.stream ?? '*', error });
      options.reporter?.failed(name, options.stream ?? '*', error);
    }
  };
  try {
    // Created once up front: concurrent loads creating the metadata tables would conflict in the catalog.
    await ensureIngestMetadata(warehouse);
    let next = 0;
    const workers = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 2, selected.length)) }, async () => {
      while (next < selected.length) await ingestOne(next++);
    });
    await Promise.all(workers);
  } finally {
    if (!options.warehouse) await warehouse.close();
  }
  return { results: outcomes.flatMap((o) => o.results), failures: outcomes.flatMap((o) => o.failures) };
}

/**
 * mercator.yml `warehouse` with a relative DuckDB path resolved against the project; default `warehouse.duckdb`.
 * On DuckDB the ingest's loads need not keep the files' row order (raw rows are keyed, not ordered), so its
 * database opens with `preserve_insertion_order: false` unless the config sets it: DuckDB then writes a
 * load's rows from every thread as they come instead of putting them back in order first. The demo's
 * 102k Stripe charges: 5.0 s and 8.2 CPU-seconds to 3.1 s and 5.3. Models keep the default (a model's
 * ORDER BY may be meant to lay out its table).
 */
export function ingestWarehouseConfig(configured: Readonly<Record<string, unknown>> | undefined, projectDir: string): Record<string, unknown> {
  const config: Record<string, unknown> = configured ? { ...configured } : { type: 'duckdb', path: 'warehouse.duckdb' };
  const path = config['path'];
  if (typeof path === 'string' && path !== ':memory:' && !isAbsolute(path)) config['path'] = resolve(join(projectDir, path));
  if (config['type'] === 'duckdb') {
    const settings = (config['settings'] ?? {}) as Record<string, unknown>;
    config['settings'] = { preserve_insertion_order: false, ...settings };
  }
  return config;
}
