// Does: plans the loads of a files stream: which files are new and complete, read by the warehouse's own readers.
// Does not: parse rows in JS; bad CSV rows are caught by the reader and quarantined (csv-rejects.ts).
import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import { MercatorError, isMercatorError } from '../../errors/index.js';
import type { Warehouse } from '../../warehouse/index.js';
import { readLedger, type LoadRequest } from '../loader/index.js';
import { collectCsvRejects, type CsvRejectsTarget } from './csv-rejects.js';
import { listFiles, type FoundFile } from './list-files.js';
import type { ResolvedFilesSource, ResolvedFilesStream } from './resolve.js';
import { readerOptions } from './type-mapping.js';

/** Options of one extraction. */
export interface FilesExtractOptions {
  /** Reload every file and replace the table; the ledger starts over. */
  fullRefresh?: boolean;
  /** Clock for the landing stability window. */
  now?: () => number;
}

/** File names a writer uses while a file is incomplete (rename-into-place convention). */
const IN_PROGRESS = /^[._]|\.(tmp|part|partial|crdownload|inprogress)$/i;

/** A planned load of a files stream; a landing batch can be split into one load per file. */
export interface FilesLoad extends LoadRequest {
  /** Landing batches of several files: the same files as one load each, in order (isolates a file that fails as a whole). */
  perFile?: () => LoadRequest[];
}

/**
 * Loads to run for a stream, in order: in landing mode the new complete files in batches bounded by
 * `max_files_per_load` and `max_bytes_per_load` (one transaction each, ledger included); otherwise one for all files.
 */
export async function planFilesLoads(
  warehouse: Warehouse,
  source: ResolvedFilesSource,
  stream: ResolvedFilesStream,
  options: FilesExtractOptions = {},
): Promise<FilesLoad[]> {
  const found = listFiles(stream.path);
  if (!stream.landing) {
    if (found.length === 0) throw new MercatorError('INGEST_NO_FILES', { source: source.name, stream: stream.name, pattern: stream.path });
    return [loadRequest(warehouse, source, stream, found, { resetState: Boolean(options.fullRefresh) })];
  }
  // mtimeMs carries a fraction of a millisecond, Date.now() does not: floor it, or a file written this millisecond waits for the next run.
  const now = options.now?.() ?? Date.now();
  const complete = found.filter((f) => !IN_PROGRESS.test(basename(f.path)) && now - Math.floor(f.mtimeMs) >= stream.stable_seconds * 1000);
  const ledger = options.fullRefresh ? new Set<string>() : await readLedger(warehouse, source.name, stream.name);
  const fresh = complete.filter((f) => !ledger.has(f.path));
  return landingBatches(fresh, stream).map((batch, i) => {
    const first = i === 0 && Boolean(options.fullRefresh);
    const batchStream = first ? { ...stream, write_disposition: 'replace' as const } : stream;
    const load: FilesLoad = loadRequest(warehouse, source, batchStream, batch, { resetState: first, ledger: true });
    if (batch.length > 1) {
      load.perFile = () => batch.map((file, j) => loadRequest(warehouse, source, j === 0 ? batchStream : stream, [file], { resetState: j === 0 && first, ledger: true }));
    }
    return load;
  });
}

/** Consecutive groups of files within the stream's per-load file and byte limits; never empty. */
function landingBatches(files: readonly FoundFile[], stream: ResolvedFilesStream): FoundFile[][] {
  const batches: FoundFile[][] = [];
  let current: FoundFile[] = [];
  let bytes = 0;
  for (const file of files) {
    if (current.length > 0 && (current.length >= stream.max_files_per_load || bytes + file.size > stream.max_bytes_per_load)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function loadRequest(
  warehouse: Warehouse,
  source: ResolvedFilesSource,
  stream: ResolvedFilesStream,
  files: readonly FoundFile[],
  flags: { resetState: boolean; ledger?: boolean },
): LoadRequest {
  const tag = randomBytes(4).toString('hex');
  const rejects: CsvRejectsTarget[] = [];
  let from: string;
  if (stream.format === 'csv' || files.length === 1) {
    const readers = files.map((file, i) => {
      const rejectTables = stream.format === 'csv' ? { table: `mercator_rejects_${tag}_${i}`, scan: `mercator_scan_${tag}_${i}` } : undefined;
      if (rejectTables) rejects.push({ file: file.path, ...rejectTables });
      return warehouse.dialect.fileReader({ files: [file.path], format: stream.format, options: readerOptions(stream, rejectTables) });
    });
    // CSV: one reader per file, so each file keeps its own rejects table (the engine cannot combine them with union-by-name reads).
    from = readers.length === 1 ? readers[0]! : `(${readers.map((r) => `SELECT * FROM ${r}`).join(' UNION ALL BY NAME ')}) AS files`;
  } else {
    // JSON and Parquet have no rejects: one reader over all files, columns matched by name, each row tagged with its file.
    from = warehouse.dialect.fileReader({ files: files.map((f) => f.path), format: stream.format, options: { ...readerOptions(stream), union_by_name: true } });
  }
  return {
    source: source.name,
    stream: stream.name,
    target: { schema: source.schema, name: stream.table },
    disposition: stream.write_disposition,
    primaryKey: stream.primary_key,
    input: {
      from,
      ...(rejects.length > 0 ? { afterStage: (tx, context) => collectCsvRejects(tx, context, rejects) } : {}),
      explainError: (err) => explainReadError(err, source.name, stream.name, files),
    },
    bytes: files.reduce((sum, f) => sum + f.size, 0),
    ...(flags.ledger ? { ledger: files.map((f) => ({ path: f.path, size: f.size, mtimeMs: f.mtimeMs })) } : {}),
    resetState: flags.resetState,
  };
}

/** A reader failure on a whole file (sniffing failed, malformed JSON) as INGEST_FILE_UNREADABLE naming the file. */
function explainReadError(err: unknown, source: string, stream: string, files: readonly FoundFile[]): Error | undefined {
  if (!isMercatorError(err, 'WAREHOUSE_QUERY_FAILED')) return undefined;
  const detail = String(err.params['detail'] ?? '');
  if (!/sniffing file|CSV Error|Malformed JSON|Invalid Input Error|parquet/i.test(detail)) return undefined;
  const named = /file "([^"]+)"/.exec(detail)?.[1] ?? /file '([^']+)'/.exec(detail)?.[1];
  const file = named ?? (files.length === 1 ? files[0]!.path : `one of ${files.length} files`);
  const summary = detail.split('\n').filter((line) => line.trim() && !line.startsWith('LINE ')).slice(0, 2).join(' ');
  return new MercatorError('INGEST_FILE_UNREADABLE', { source, stream, file, detail: summary }, { cause: err, location: { file } });
}
