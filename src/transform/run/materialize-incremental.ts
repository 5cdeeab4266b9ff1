import { MercatorError } from '../../errors/index.js';
import type { RelationName, Warehouse } from '../../warehouse/warehouse.js';
import type { ManifestNode } from '../project/node-types.js';
import { deleteInsertSql, mergeSql, updateInsertSql, type IncrementalSpec } from './incremental-sql.js';
import { applySchemaChange } from './schema-change.js';

const list = (v: unknown): string[] => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

/**
 * True when a merge would overwrite every column of a matched row: each target column is a key or updated from the
 * new rows. Then deleting the matched rows and inserting the new ones leaves the same table, and on engines with
 * `fullRowMergeAsDeleteInsert` costs less. The caller also checks the new keys are distinct, as a merge needs.
 */
function rewritesEveryColumn(targetColumns: readonly string[], spec: IncrementalSpec): boolean {
  const written = new Set([...spec.uniqueKey, ...spec.updateColumns].map((c) => c.toLowerCase()));
  return targetColumns.every((c) => written.has(c.toLowerCase()));
}

/**
 * The table an incremental run puts its new rows in: `<model>__dbt_tmp` in the engine's unstored database when it
 * has one (DuckDB: written without compression, WAL or checkpoint, seen by every connection), else beside the model.
 */
async function stagingTable(wh: Warehouse, target: RelationName): Promise<RelationName> {
  const name = `${target.name}__dbt_tmp`;
  const scratch = await wh.scratchSchema(target.schema);
  return scratch === null ? { ...target, name } : { ...scratch, name };
}

/**
 * Builds an incremental model: a full build when `isIncremental` is false; else on_schema_change applied, then the
 * new rows appended straight from the model's query, or put in a staging table and merged / delete+inserted.
 * With `keepNewRows` every strategy puts the new rows in the staging table and hands it over instead of dropping
 * it: the run's `new_records_only` tests read it, and the caller drops it. Returns the number of new rows.
 */
export async function materializeIncremental(wh: Warehouse, node: ManifestNode, target: RelationName, sql: string, isIncremental: boolean, keepNewRows?: (rows: RelationName) => void): Promise<number | null> {
  if (!isIncremental) return wh.replaceTable(target, sql);
  const d = wh.dialect;
  const tmp = await stagingTable(wh, target);
  const uniqueKey = list(node.config.unique_key);
  const strategy = String(node.config.incremental_strategy ?? (uniqueKey.length ? 'delete+insert' : 'append'));
  // Appended rows are read once, straight into the target; the temporary table, left empty, only gives their
  // columns for on_schema_change. The other strategies read the new rows twice (match, then write), so they keep them.
  const appendOnly = strategy === 'append' || uniqueKey.length === 0;
  const modelSql = `(\n${sql.replace(/[\s;]+$/, '')}\n) as dbt_model_sql`;
  await wh.run(d.dropRelation(tmp, 'table'));
  await wh.run(d.createTableAs(tmp, appendOnly && !keepNewRows ? `select * from ${modelSql} limit 0` : sql));
  let kept = false;
  try {
    const changed = await applySchemaChange(wh, target, await wh.getColumns(tmp), await wh.getColumns(target), String(node.config.on_schema_change ?? 'ignore'), node.uniqueId);
    const columns = changed.write;
    if (appendOnly) {
      const cols = columns.map((c) => d.quoteIdentifier(c)).join(', ');
      const { rowsChanged } = await wh.run(`insert into ${d.relation(target)} (${cols})\nselect ${cols} from ${keepNewRows ? d.relation(tmp) : modelSql}`);
      kept = keepNewRows !== undefined;
      keepNewRows?.(tmp);
      return rowsChanged; // null (not counted) on an engine that does not report the rows an INSERT added
    }
    const only = list(node.config.merge_update_columns);
    const except = new Set(list(node.config.merge_exclude_columns).map((c) => c.toLowerCase()));
    const updateColumns = (only.length ? only : columns).filter((c) => !except.has(c.toLowerCase()) && !uniqueKey.some((k) => k.toLowerCase() === c.toLowerCase()));
    const spec: IncrementalSpec = { target, tmp, columns, uniqueKey, predicates: list(node.config.incremental_predicates), updateColumns };
    let statements: string[];
    let newRows: number;
    if (strategy === 'delete+insert') {
      statements = deleteInsertSql(d, spec);
      newRows = Number((await wh.query(`select count(*) as n from ${d.relation(tmp)}`)).rows[0]?.n ?? 0);
    } else if (strategy === 'merge') {
      // Distinct new keys are counted only where the rewrite as delete + insert is possible.
      const keys = uniqueKey.map((k) => d.quoteIdentifier(k)).join(', ');
      const rewrite = wh.capabilities.fullRowMergeAsDeleteInsert && rewritesEveryColumn(changed.target, spec);
      const counted = await wh.query(`select count(*) as n${rewrite ? `, (select count(*) from (select distinct ${keys} from ${d.relation(tmp)}) k) as keys` : ''} from ${d.relation(tmp)}`);
      newRows = Number(counted.rows[0]?.n ?? 0);
      statements = rewrite && Number(counted.rows[0]?.keys) === newRows ? deleteInsertSql(d, spec) : wh.capabilities.merge ? mergeSql(d, spec) : updateInsertSql(d, spec);
    } else throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: node.uniqueId, detail: `unknown incremental_strategy \`${strategy}\` (use append, merge or delete+insert)` });
    await wh.transaction(async (tx) => {
      for (const s of statements) await tx.run(s);
    });
    kept = keepNewRows !== undefined;
    keepNewRows?.(tmp);
    return newRows;
  } finally {
    // A failed build drops its new rows even when they were to be kept: its tests do not run.
    if (!kept) await wh.run(d.dropRelation(tmp, 'table'));
  }
}
