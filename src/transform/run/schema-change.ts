import { MercatorError } from '../../errors/index.js';
import type { ColumnInfo, RelationName, Warehouse } from '../../warehouse/warehouse.js';

/**
 * Applies on_schema_change to `target` given the new rows' columns; returns the columns to write.
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
): Promise<string[]> {
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
  if (mode === 'sync_all_columns') {
    for (const c of removed) await wh.run(`alter table ${rel} drop column ${q(c.name)}`);
    for (const c of retyped) await wh.run(`alter table ${rel} alter column ${q(c.name)} type ${c.type}`);
    return source.map((c) => c.name);
  }
  if (mode === 'append_new_columns') return source.map((c) => c.name);
  return existing.filter((c) => incoming.has(lower(c))).map((c) => c.name);
}
