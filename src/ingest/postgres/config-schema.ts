// Does: the zod schema of a `type: postgres` source in mercator.yml: connection, tables, cursors, lookback, deletes.
// Does not: read environment variables (resolve.ts does) or connect.
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_$]*$/, 'must be a SQL identifier (letters, digits, underscores)');

/** `10 minutes`, `1 hour`, `2 days` for time cursors, or a number for integer cursors. */
const lookback = z.union([
  z.string().regex(/^\s*\d+\s*(microseconds?|milliseconds?|seconds?|minutes?|hours?|days?)\s*$/i, 'expected an interval such as "10 minutes" or "1 hour"'),
  z.number().int().min(0),
]);

/** One table of a postgres source. */
export const postgresTableSchema = z.strictObject({
  /** Incremental on this column (e.g. `updated_at` or an increasing id); without it every run is a full refresh. */
  cursor: identifier.optional(),
  /** Re-read this far behind the cursor each run, so rows committed out of order are not missed. */
  lookback: lookback.optional(),
  /** Default: the table's primary key constraint. */
  primary_key: z.array(identifier).optional(),
  /** Default: `merge` with a cursor, `replace` without. */
  write_disposition: z.enum(['append', 'replace', 'merge']).optional(),
  /** How deletes reach the raw table: a soft-delete column carried like any other, or key reconciliation. */
  deletes: z.union([z.strictObject({ soft_delete_column: identifier }), z.literal('reconcile')]).optional(),
  /** Target table name; default `<source>_<table>`. */
  table: identifier.optional(),
  /** Full reads of large tables are copied in this many page ranges at once, all in one snapshot. */
  parallel_copies: z.number().int().min(1).max(32).optional(),
});

/** `sources.<name>` with `type: postgres`. Strings may hold `${ENV_VAR}` references, resolved at run time. */
export const postgresSourceSchema = z.strictObject({
  type: z.literal('postgres'),
  /** A full connection URL; overrides host, port, database, user and password. */
  url: z.string().optional(),
  host: z.string().default('localhost'),
  port: z.union([z.number().int().positive(), z.string()]).default(5432),
  database: z.string().default('postgres'),
  user: z.string().default('postgres'),
  password: z.string().optional(),
  /** Schema of the source tables. */
  source_schema: identifier.default('public'),
  /** Warehouse schema the tables land in. */
  schema: identifier.default('raw'),
  /** Default lookback for incremental tables. */
  lookback: lookback.default('10 minutes'),
  /** Default `parallel_copies` of the tables. */
  parallel_copies: z.number().int().min(1).max(32).default(4),
  tables: z.record(identifier, postgresTableSchema),
});

/** A validated postgres source. */
export type PostgresSourceConfig = z.output<typeof postgresSourceSchema>;
/** A validated postgres table entry. */
export type PostgresTableConfig = z.output<typeof postgresTableSchema>;
