// Does: the zod schema of a `type: files` source in mercator.yml (CSV, JSONL, Parquet from a path, glob or landing folder).
// Does not: touch the file system; resolve.ts and extract.ts do.
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a SQL identifier (letters, digits, underscores)');

/** One stream of a files source: which files, how to read them, how to write them. */
export const filesStreamSchema = z.strictObject({
  /** A file, a glob (`exports/*.csv`, `landing/**\/*.jsonl`) or, with `landing: true`, a folder or glob to watch. */
  path: z.string().min(1),
  /** Inferred from the extension when absent (.csv .tsv .txt → csv, .jsonl .ndjson .json → json, .parquet). */
  format: z.enum(['csv', 'json', 'parquet']).optional(),
  /** Landing-folder mode: each file is loaded exactly once (a ledger in `_mercator.state`), also across crashes. */
  landing: z.boolean().default(false),
  /** Landing mode: a file is complete once unmodified for this many seconds (files named .*, *.tmp, *.part are never read). */
  stable_seconds: z.number().min(0).default(5),
  /** Landing mode: pending files are loaded together, at most this many files per load (one transaction each). */
  max_files_per_load: z.number().int().min(1).default(1000),
  /** Landing mode: and at most this many bytes per load (a single larger file still gets a load of its own). */
  max_bytes_per_load: z.number().int().min(1).default(512 * 1024 * 1024),
  /** Default: `append` in landing mode, `replace` otherwise; `merge` needs `primary_key`. */
  write_disposition: z.enum(['append', 'replace', 'merge']).optional(),
  primary_key: z.array(identifier).default([]),
  /** Target table name in the source's schema; default `<source>_<stream>`. */
  table: identifier.optional(),
  /** CSV: character encoding (a UTF-8 byte-order mark is always skipped). */
  encoding: z.enum(['utf-8', 'latin-1', 'utf-16']).default('utf-8'),
  delimiter: z.string().min(1).max(4).default(','),
  quote: z.string().max(1).default('"'),
  header: z.boolean().default(true),
  /** CSV: column types that override inference, e.g. `{ amount: DOUBLE }`; values that do not convert are rejected. */
  columns: z.record(z.string(), z.string().regex(/^[A-Za-z][A-Za-z0-9_(), ]*$/, 'must be a SQL type such as DOUBLE or DECIMAL(12,2)')).default({}),
});

/** `sources.<name>` with `type: files`. */
export const filesSourceSchema = z.strictObject({
  type: z.literal('files'),
  /** Warehouse schema the tables land in. */
  schema: identifier.default('raw'),
  streams: z.record(identifier, filesStreamSchema),
});

/** A validated files source. */
export type FilesSourceConfig = z.output<typeof filesSourceSchema>;
/** A validated files stream. */
export type FilesStreamConfig = z.output<typeof filesStreamSchema>;
