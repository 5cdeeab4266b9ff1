// Does: the zod schema of a DuckDB warehouse config and its parser.
// Does not: open the database (duckdb-driver.ts does).
import { z } from 'zod';
import { MercatorError } from '../../errors/index.js';

/** `type: duckdb` config: a database file or `:memory:`, engine settings, extensions to load, default schema. */
export const duckdbConfigSchema = z.strictObject({
  type: z.literal('duckdb'),
  /** A database file (created if missing) or `:memory:`. */
  path: z.string().min(1).default(':memory:'),
  /** Shares one in-memory database between opens with this name while any stays open; unnamed `:memory:` is fresh each open. */
  name: z.string().min(1).optional(),
  threads: z.number().int().positive().optional(),
  /**
   * Rows per row group of the tables written to a database file while it is open (DuckDB's `ROW_GROUP_SIZE`; its
   * own default is 122,880). Default 32,768: see `DEFAULT_ROW_GROUP_SIZE`.
   */
  row_group_size: z.number().int().min(2048).multipleOf(2048, 'expected a multiple of 2048').optional(),
  /** Engine memory limit such as `4GB`. */
  memory_limit: z.string().regex(/^\s*\d+(\.\d+)?\s*[KMGT]i?B\s*$/i, 'expected a size such as 512MB or 4GB').optional(),
  /** Extensions loaded at open (installed first when missing), such as `httpfs`. */
  extensions: z.array(z.string().regex(/^[a-z0-9_]+$/, 'expected an extension name such as httpfs')).optional(),
  schema: z.string().min(1).default('main'),
  /** Further engine settings applied at open, as dbt-duckdb's `settings` (`preserve_insertion_order: false`). */
  settings: z
    .record(z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected a DuckDB setting name'), z.union([z.string(), z.number(), z.boolean()]))
    .optional(),
});

/**
 * Row groups of 32,768 rows rather than DuckDB's 122,880 for database files. A transaction that writes
 * at least one full row group writes it to the file as it goes, compressed; a smaller write goes to the
 * write-ahead log and is compressed and written again by a checkpoint, which DuckDB runs alone, when no
 * other transaction is open. Raw and model tables of a shop (100k charges or orders) are below 122,880
 * rows: with the larger groups the demo's loads left 300 MB of log for one checkpoint at the end of the
 * ingest, with one core idle. Smaller groups also let scans of such tables use more than one thread.
 */
export const DEFAULT_ROW_GROUP_SIZE = 32_768;

/** A validated DuckDB config, defaults applied. */
export type DuckdbConfig = z.infer<typeof duckdbConfigSchema>;

/** Validates a DuckDB config; throws WAREHOUSE_CONFIG_INVALID naming the first bad key. */
export function parseDuckdbConfig(config: unknown): Readonly<DuckdbConfig> {
  const result = duckdbConfigSchema.safeParse(config);
  if (result.success) return Object.freeze(result.data);
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.join('.') : '(root)';
  throw new MercatorError(
    'WAREHOUSE_CONFIG_INVALID',
    {
      path,
      detail: issue?.message ?? 'invalid',
      suggestion: 'Valid DuckDB keys: type, path, name, threads, row_group_size, memory_limit, extensions, schema, settings.',
    },
    { cause: result.error },
  );
}
