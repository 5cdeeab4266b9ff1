// Does: maps PostgreSQL column types (as format_type spells them) to portable warehouse types, losslessly.
// Does not: convert values; COPY writes text the warehouse's CSV reader casts.
import type { LogicalType } from '../../warehouse/index.js';

const SIMPLE: Record<string, LogicalType> = {
  smallint: 'int',
  integer: 'int',
  bigint: 'bigint',
  real: 'float',
  'double precision': 'double',
  boolean: 'boolean',
  date: 'date',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  json: 'json',
  jsonb: 'json',
};

/**
 * The warehouse type for a PostgreSQL type. `numeric(p,s)` keeps p and s (up to 38 digits); unbounded
 * numeric, bytea (as `\x` hex), arrays, uuid, enums and everything else land as text, so nothing is rounded.
 */
export function logicalTypeOf(pgType: string): LogicalType {
  const simple = SIMPLE[pgType];
  if (simple) return simple;
  const timestamp = /^timestamp\(\d\) (with|without) time zone$/.exec(pgType);
  if (timestamp) return timestamp[1] === 'with' ? 'timestamptz' : 'timestamp';
  const numeric = /^numeric\((\d+),(\d+)\)$/.exec(pgType);
  if (numeric && Number(numeric[1]) <= 38) return { decimal: { precision: Number(numeric[1]), scale: Number(numeric[2]) } };
  return 'string';
}
