// Does: moves staged rows into the target by write disposition: create, append, replace or merge on the key.
// Does not: commit; the caller's transaction makes the load visible all at once.
import type { RelationName, Warehouse } from '../../warehouse/index.js';
import type { WriteDisposition } from './load-request.js';

/** How the staged rows are written. */
export interface WriteSpec {
  target: RelationName;
  stage: RelationName;
  /** Target exists already (and, for `replace`, is swapped). */
  targetExists: boolean;
  disposition: WriteDisposition;
  primaryKey: readonly string[];
  dedupOrder?: string;
  /** Rows cannot repeat a key; no deduplication needed. */
  keysUnique?: boolean;
  /** Staged column names, in order. */
  columns: readonly string[];
}

/** The staged rows with duplicates of the primary key removed (greatest `dedupOrder` wins). */
export function dedupedStageSql(tx: Warehouse, spec: WriteSpec): string {
  const q = (name: string): string => tx.dialect.quoteIdentifier(name);
  const cols = spec.columns.map(q).join(', ');
  const stage = tx.dialect.relation(spec.stage);
  if (spec.primaryKey.length === 0 || spec.keysUnique) return `SELECT ${cols} FROM ${stage}`;
  const order = spec.dedupOrder ? ` ORDER BY ${q(spec.dedupOrder)} DESC NULLS LAST` : '';
  return `SELECT ${cols} FROM (SELECT *, row_number() OVER (PARTITION BY ${spec.primaryKey.map(q).join(', ')}${order}) AS "_mercator_rn" FROM ${stage}) AS d WHERE "_mercator_rn" = 1`;
}

/**
 * Writes the staged rows into the target inside the caller's transaction. Returns true when the stage
 * itself became the target (renamed into place: no copy), so the caller must not drop it.
 */
export async function writeRows(tx: Warehouse, spec: WriteSpec): Promise<boolean> {
  const target = tx.dialect.relation(spec.target);
  const source = dedupedStageSql(tx, spec);
  if (!spec.targetExists || spec.disposition === 'replace') {
    if (spec.targetExists) await tx.run(tx.dialect.dropRelation(spec.target, 'table'));
    const noDedup = spec.primaryKey.length === 0 || spec.keysUnique === true;
    if (noDedup && spec.stage.schema === spec.target.schema && spec.stage.database === spec.target.database) {
      await tx.run(tx.dialect.renameRelation(spec.stage, 'table', spec.target.name));
      return true;
    }
    await tx.run(tx.dialect.createTableAs(spec.target, source));
    return false;
  }
  if (spec.disposition === 'append') {
    const cols = spec.columns.map((c) => tx.dialect.quoteIdentifier(c)).join(', ');
    await tx.run(`INSERT INTO ${target} (${cols}) ${source}`);
    return false;
  }
  const merge = { target: spec.target, sourceSql: source, uniqueKey: spec.primaryKey, columns: spec.columns };
  if (tx.capabilities.merge) await tx.run(tx.dialect.merge(merge));
  else for (const statement of tx.dialect.deleteInsert(merge)) await tx.run(statement);
  return false;
}

/** Deletes target rows whose key is absent from `keysFrom` (key reconciliation); returns rows deleted. */
export async function deleteMissingKeys(tx: Warehouse, target: RelationName, primaryKey: readonly string[], keysFrom: string): Promise<number> {
  const keys = primaryKey.map((k) => tx.dialect.quoteIdentifier(k)).join(', ');
  const table = tx.dialect.relation(target);
  const before = await countRows(tx, target);
  await tx.run(`DELETE FROM ${table} WHERE (${keys}) NOT IN (SELECT ${keys} FROM ${keysFrom} AS k)`);
  return before - (await countRows(tx, target));
}

/** Rows in a relation. */
export async function countRows(wh: Warehouse, rel: RelationName): Promise<number> {
  const result = await wh.query(`SELECT count(*) AS n FROM ${wh.dialect.relation(rel)}`);
  return Number(result.rows[0]?.['n'] ?? 0);
}
