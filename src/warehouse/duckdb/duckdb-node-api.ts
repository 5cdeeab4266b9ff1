// Does: loads the @duckdb/node-api package once for the DuckDB adapter files.
// Does not: wrap or change its API; types still come from `import type ... from '@duckdb/node-api'`.
import { createRequire } from 'node:module';

// require, not import: importing this CommonJS package from ESM makes Node lex its 124 files for named
// exports first, about 120 ms of every process start; require skips that step.
/** The @duckdb/node-api module. */
export const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof import('@duckdb/node-api');
