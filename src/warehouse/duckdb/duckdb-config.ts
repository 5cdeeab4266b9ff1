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
      suggestion: 'Valid DuckDB keys: type, path, name, threads, memory_limit, extensions, schema, settings.',
    },
    { cause: result.error },
  );
}
