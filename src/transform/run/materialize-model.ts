import { ensureSchemaOnce } from './ensure-schema-once.js';
import { existingRelation, forgetRelations } from './run-relation-cache.js';
import { MercatorError, isMercatorError } from '../../errors/index.js';
import { nodeRelation } from '../compile/node-relation.js';
import type { ManifestNode } from '../project/node-types.js';
import { sqlArtifactPath } from './write-sql-artifact.js';
import { compileForRun, renderHooks } from './compile-for-run.js';
import { materializeIncremental } from './materialize-incremental.js';
import type { RunContext } from './run-types.js';
import { writeSqlArtifact } from './write-sql-artifact.js';
import { sqlErrorPosition } from './sql-error-location.js';

/**
 * Wraps a database failure as TRANSFORM_SQL_ERROR naming the node, its file and its compiled file; where the
 * engine gives a position, the message names the compiled file's line and the model file's line it came from.
 * `compiled` is the node's compiled SQL (the content of target/compiled/...).
 */
export function sqlError(err: unknown, node: ManifestNode, compiled: string): unknown {
  if (isMercatorError(err) && err.code.startsWith('TRANSFORM_')) return err;
  const compiledPath = `target/${sqlArtifactPath('compiled', node)}`;
  const executed = isMercatorError(err) && typeof err.location?.sql === 'string' ? err.location.sql : compiled;
  const source = node.rawCode && !node.testMetadata ? node.rawCode : null;
  const at = sqlErrorPosition(err, compiled, source);
  if (!at) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return new MercatorError('TRANSFORM_SQL_ERROR', { node: node.uniqueId, detail, compiled: compiledPath }, { cause: err, location: { file: node.originalFilePath, node: node.uniqueId, sql: executed } });
  }
  const fileLine = at.sourceLine === undefined ? undefined : at.sourceLine + node.lineOffset - 1;
  const where = fileLine === undefined
    ? ` (at ${compiledPath}:${at.compiledLine}; model file ${node.originalFilePath})`
    : ` (at ${node.originalFilePath}:${fileLine}${at.exact ? '' : ', matched by its text'}; compiled ${compiledPath}:${at.compiledLine})`;
  return new MercatorError(
    'TRANSFORM_SQL_ERROR',
    { node: node.uniqueId, detail: `${at.message}${where}`, compiled: `${compiledPath}:${at.compiledLine}` },
    { cause: err, location: { file: node.originalFilePath, line: fileLine, node: node.uniqueId, sql: executed } },
  );
}

/** Builds one model (view, table, incremental; ephemeral only compiles) with its hooks; returns rows affected and a message. */
export async function materializeModel(ctx: RunContext, node: ManifestNode): Promise<{ rows: number | null; message: string; sql: string }> {
  const wh = ctx.warehouse;
  const rel = nodeRelation(wh.dialect, node);
  const materialized = String(node.config.materialized ?? 'view');
  if (materialized === 'ephemeral') {
    const { sql } = await compileForRun(ctx, node, null);
    return { rows: null, message: 'ephemeral (inlined)', sql };
  }
  const target = rel.toRelationName();
  await ensureSchemaOnce(ctx, target.schema);
  const existing = await existingRelation(ctx, target);
  const compiled = await compileForRun(ctx, node, existing);
  const { io, isIncremental } = compiled;
  // sql_header (e.g. `set ...` or a temporary macro) runs before the model's statement.
  const header = typeof node.config.sql_header === 'string' ? node.config.sql_header.trim() : '';
  const sql = compiled.sql;
  if (header) await wh.run(header);
  writeSqlArtifact(ctx.targetDir, 'run', node, sql);
  try {
    const preHooks = await renderHooks(ctx, node, 'pre-hook', io, isIncremental);
    // SQL this run does not track may have changed the catalog: later nodes list it again, and the swap looks again.
    const untracked = header !== '' || preHooks.length > 0 || io.ranQueries;
    if (untracked) forgetRelations(ctx);
    for (const hook of preHooks) await wh.run(hook);
    let rows: number | null = null;
    let message: string;
    if (materialized === 'view') {
      if (existing?.kind === 'table') await wh.run(wh.dialect.dropRelation(target, 'table'));
      await wh.run(wh.dialect.createViewAs(target, sql));
      message = `CREATE VIEW`;
    } else if (materialized === 'table') {
      rows = await wh.replaceTable(target, sql, untracked ? undefined : (existing?.kind ?? null));
      message = `SELECT ${rows}`;
    } else if (materialized === 'incremental') {
      if (existing?.kind === 'view') await wh.run(wh.dialect.dropRelation(target, 'view'));
      // The run's `new_records_only` tests of this model read the rows it merged or appended.
      const records = ctx.newRecords?.wants(node.uniqueId) ? ctx.newRecords : undefined;
      rows = await materializeIncremental(wh, node, target, sql, isIncremental, records && ((newRows) => records.keep(node.uniqueId, newRows)));
      message = `${isIncremental ? 'INSERT' : 'SELECT'}${rows === null ? '' : ` ${rows}`}`;
    } else {
      throw new MercatorError('TRANSFORM_COMPILER_ERROR', { node: node.uniqueId, detail: `materialization \`${materialized}\` is not supported (view, table, incremental, ephemeral)` });
    }
    const postHooks = await renderHooks(ctx, node, 'post-hook', io, isIncremental);
    if (postHooks.length > 0 || io.ranQueries) forgetRelations(ctx);
    for (const hook of postHooks) await wh.run(hook);
    return { rows, message, sql };
  } catch (err) {
    throw sqlError(err, node, sql);
  }
}
