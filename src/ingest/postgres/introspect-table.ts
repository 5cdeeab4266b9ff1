// Does: reads a source table's columns (with exact type names) and primary key, and checks configured columns exist.
// Does not: read rows.
import type pg from 'pg';
import { closestNames } from '../../config/index.js';
import { MercatorError } from '../../errors/index.js';
import type { ResolvedPostgresSource, ResolvedPostgresStream } from './resolve.js';

/** A source column as PostgreSQL's format_type spells its type. */
export interface SourceColumn {
  name: string;
  pgType: string;
}

/** What extraction needs to know about a table. */
export interface SourceTable {
  columns: SourceColumn[];
  primaryKey: string[];
  /** The key is the table's primary key constraint, so one snapshot never repeats it. */
  keyIsConstraint: boolean;
}

/** Columns and key of a stream's table; INGEST_TABLE_MISSING / INGEST_COLUMN_MISSING with closest names. */
export async function introspectTable(client: pg.Client, source: ResolvedPostgresSource, stream: ResolvedPostgresStream): Promise<SourceTable> {
  const qualified = `${client.escapeIdentifier(source.sourceSchema)}.${client.escapeIdentifier(stream.name)}`;
  const cols = await client.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_attribute a
     WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [qualified],
  );
  if (cols.rows.length === 0) {
    const tables = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1`, [source.sourceSchema],
    );
    const near = closestNames(stream.name, tables.rows.map((r) => r.name));
    throw new MercatorError('INGEST_TABLE_MISSING', {
      source: source.name, table: `${source.sourceSchema}.${stream.name}`, target: source.target,
      suggestion: near.length > 0 ? `Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : `Tables in ${source.sourceSchema}: ${tables.rows.map((r) => r.name).join(', ') || '(none)'}.`,
    });
  }
  const columns = cols.rows.map((r) => ({ name: r.name, pgType: r.type }));
  const pk = await client.query<{ name: string }>(
    `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
    [qualified],
  );
  const constraint = pk.rows.map((r) => r.name);
  const primaryKey = stream.primary_key ?? constraint;
  const names = columns.map((c) => c.name);
  const check = (column: string | undefined, role: string): void => {
    if (column === undefined || names.includes(column)) return;
    const near = closestNames(column, names);
    throw new MercatorError('INGEST_COLUMN_MISSING', {
      source: source.name, table: `${source.sourceSchema}.${stream.name}`, column, role,
      suggestion: near.length > 0 ? `Did you mean ${near.map((n) => `\`${n}\``).join(' or ')}?` : `Columns: ${names.join(', ')}.`,
    });
  };
  check(stream.cursor, 'cursor');
  for (const key of primaryKey) check(key, 'primary_key');
  if (typeof stream.deletes === 'object') check(stream.deletes.soft_delete_column, 'deletes.soft_delete_column');
  const keyIsConstraint = constraint.length > 0 && primaryKey.length === constraint.length && primaryKey.every((k) => constraint.includes(k));
  return { columns, primaryKey, keyIsConstraint };
}
