import { MercatorError } from '../../errors/index.js';
import type { ColumnInfo, RelationName, Warehouse } from '../../warehouse/warehouse.js';

/** What applySchemaChange leaves: the columns to write from the new rows, and every column the target now has. */
export interface SchemaChangeResult {
  write: string[];
  target: string[];
}

/**
 * Applies on_schema_change to `target` given the new rows' columns.
 * ignore: the target's columns the new rows also have; fail: error on any difference; append_new_columns: add new ones;
 * sync_all_columns: add new, drop removed, change types.
 */
export async function applySchemaChange(
  wh: Warehouse,
  target: RelationName,
  source: readonly ColumnInfo[],
  existing: readonly ColumnInfo[],
  mode: string,
  nodeId: string,
): Promise<SchemaChangeResult> {
  const lower = (c: ColumnInfo): string => c.name.toLowerCase();
  const have = new Map(existing.map((c) => [lower(c), c]));
  const incoming = new Map(source.map((c) => [lower(c), c]));
  const added = source.filter((c) => !have.has(lower(c)));
  const removed = existing.filter((c) => !incoming.has(lower(c)));
  const retyped = source.filter((c) => have.has(lower(c)) && have.get(lower(c))!.type !== c.type);
  const q = (n: string): string => wh.dialect.quoteIdentifier(n);
  const rel = wh.dialect.relation(target);
  if (mode === 'fail' && (added.length || removed.length)) {
    const detail = [added.length ? `added ${added.map((c) => c.name).join(', ')}` : '', removed.length ? `removed ${removed.map((c) => c.name).join(', ')}` : ''].filter(Boolean).join('; ');
    throw new MercatorError('TRANSFORM_SCHEMA_CHANGE', { node: nodeId, detail });
  }
  if (mode === 'append_new_columns' || mode === 'sync_all_columns') {
    for (const c of added) await wh.run(`alter table ${rel} add column ${q(c.name)} ${c.type}`);
  }
  const names = (cols: readonly ColumnInfo[]): string[] => cols.map((c) => c.name);
  if (mode === 'sync_all_columns') {
    for (const c of removed) await wh.run(`alter table ${rel} drop column ${q(c.name)}`);
    for (const c of retyped) await wh.run(`alter table ${rel} alter column ${q(c.name)} type ${c.type}`);
    return { write: names(source), target: names(source) };
  }
  if (mode === 'append_new_columns') return { write: names(source), target: [...names(existing), ...names(added)] };
  return { write: names(existing.filter((c) => incoming.has(lower(c)))), target: names(existing) };
}
