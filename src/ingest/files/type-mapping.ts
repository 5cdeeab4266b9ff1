// Does: maps a files stream's settings to the warehouse's native reader options (types, encoding, quoting).
// Does not: infer types itself; the engine's reader samples the file, and `columns` overrides it.
import type { ResolvedFilesStream } from './resolve.js';

/** Column carrying the source file path on every row (lineage, and per-file counts). */
export const FILE_COLUMN = '_mercator_file';

/** Reader options for one file of a stream; CSV also gets the names of its rejects tables. */
export function readerOptions(stream: ResolvedFilesStream, rejects?: { table: string; scan: string }): Record<string, unknown> {
  if (stream.format === 'parquet') return { filename: FILE_COLUMN };
  if (stream.format === 'json') return { format: 'auto', filename: FILE_COLUMN };
  const options: Record<string, unknown> = {
    header: stream.header,
    delim: stream.delimiter,
    quote: stream.quote,
    escape: stream.quote,
    encoding: stream.encoding,
    filename: FILE_COLUMN,
  };
  if (Object.keys(stream.columns).length > 0) options['types'] = { ...stream.columns };
  if (rejects) Object.assign(options, { store_rejects: true, rejects_table: rejects.table, rejects_scan: rejects.scan });
  return options;
}
