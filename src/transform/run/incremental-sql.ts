import type { RelationName, WarehouseDialect } from '../../warehouse/warehouse.js';

/** What an incremental strategy writes: new rows in `tmp` into `target`. */
export interface IncrementalSpec {
  target: RelationName;
  tmp: RelationName;
  columns: readonly string[];
  uniqueKey: readonly string[];
  predicates: readonly string[];
  updateColumns: readonly string[];
}

const DEST = 'DBT_INTERNAL_DEST';
const SRC = 'DBT_INTERNAL_SOURCE';

/** Key match that treats NULL keys as equal, so a NULL-keyed row is updated instead of duplicated. */
function keyMatch(d: WarehouseDialect, keys: readonly string[]): string {
  return keys.map((k) => `${DEST}.${d.quoteIdentifier(k)} is not distinct from ${SRC}.${d.quoteIdentifier(k)}`).join(' and ');
}

const withPredicates = (cond: string, predicates: readonly string[]): string => [cond, ...predicates.map((p) => `(${p})`)].filter(Boolean).join(' and ');

/** `insert into target (cols) select cols from tmp`. */
export function appendSql(d: WarehouseDialect, s: IncrementalSpec): string[] {
  const cols = s.columns.map((c) => d.quoteIdentifier(c)).join(', ');
  return [`insert into ${d.relation(s.target)} (${cols})\nselect ${cols} from ${d.relation(s.tmp)}`];
}

/** Deletes target rows whose key (NULL-safe) is among the new rows, then appends the new rows. */
export function deleteInsertSql(d: WarehouseDialect, s: IncrementalSpec): string[] {
  const del = `delete from ${d.relation(s.target)} as ${DEST}\nwhere ${withPredicates(`exists (select 1 from ${d.relation(s.tmp)} as ${SRC} where ${keyMatch(d, s.uniqueKey)})`, s.predicates)}`;
  return [del, ...appendSql(d, s)];
}

/** MERGE INTO with NULL-safe keys, predicates in the ON clause, and only `updateColumns` updated. */
export function mergeSql(d: WarehouseDialect, s: IncrementalSpec): string[] {
  const q = (c: string): string => d.quoteIdentifier(c);
  const lines = [`merge into ${d.relation(s.target)} as ${DEST}`, `using ${d.relation(s.tmp)} as ${SRC}`, `on ${withPredicates(keyMatch(d, s.uniqueKey), s.predicates)}`];
  if (s.updateColumns.length > 0) lines.push(`when matched then update set ${s.updateColumns.map((c) => `${q(c)} = ${SRC}.${q(c)}`).join(', ')}`);
  lines.push(`when not matched then insert (${s.columns.map(q).join(', ')}) values (${s.columns.map((c) => `${SRC}.${q(c)}`).join(', ')})`);
  return [lines.join('\n')];
}

/** The same as mergeSql for engines without MERGE: an UPDATE … FROM then an INSERT of unmatched rows. */
export function updateInsertSql(d: WarehouseDialect, s: IncrementalSpec): string[] {
  const q = (c: string): string => d.quoteIdentifier(c);
  const out: string[] = [];
  if (s.updateColumns.length > 0) {
    out.push(`update ${d.relation(s.target)} as ${DEST} set ${s.updateColumns.map((c) => `${q(c)} = ${SRC}.${q(c)}`).join(', ')}\nfrom ${d.relation(s.tmp)} as ${SRC}\nwhere ${withPredicates(keyMatch(d, s.uniqueKey), s.predicates)}`);
  }
  const cols = s.columns.map(q).join(', ');
  out.push(`insert into ${d.relation(s.target)} (${cols})\nselect ${s.columns.map((c) => `${SRC}.${q(c)}`).join(', ')} from ${d.relation(s.tmp)} as ${SRC}\nwhere not exists (select 1 from ${d.relation(s.target)} as ${DEST} where ${keyMatch(d, s.uniqueKey)})`);
  return out;
}
