import type { LoadOptions, LoadResult } from './loader/index.js';

/** Hears how each stream's load goes; the CLI turns it into a live status line and a summary table. */
export interface StreamReporter {
  started(source: string, stream: string): void;
  /** Rows (approximate while extracting) and bytes read so far. */
  progress(source: string, stream: string, rows: number, bytes: number): void;
  committed(result: LoadResult): void;
  failed(source: string, stream: string, error: Error): void;
}

/** A reporter that ignores everything. */
export const silentReporter: StreamReporter = { started() {}, progress() {}, committed() {}, failed() {} };

/** Options every connector's ingest function takes. */
export interface IngestSourceOptions {
  /** Only these streams (all when absent). */
  streams?: readonly string[];
  fullRefresh?: boolean;
  reporter?: StreamReporter;
  /** Passed to every load (checkpoints for crash tests). */
  loadOptions?: LoadOptions;
}

/** What one source's ingest produced: committed loads and the streams that failed. */
export interface IngestSourceOutcome {
  results: LoadResult[];
  failures: { source: string; stream: string; error: Error }[];
}
