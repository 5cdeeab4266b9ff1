import { ensureSchemaOnce } from './ensure-schema-once.js';
import type { ManifestNode } from '../project/node-types.js';
import { nodeRelation } from '../compile/node-relation.js';
import { compileForRun } from './compile-for-run.js';
import { sqlError } from './materialize-model.js';
import type { NodeStatus, RunContext } from './run-types.js';
import { writeSqlArtifact } from './write-sql-artifact.js';

/** dbt's test wrapper: the failure count and whether it crosses warn_if / error_if. */
export function wrapTestSql(node: ManifestNode, sql: string): string {
  const c = node.config;
  const failCalc = String(c.fail_calc ?? 'count(*)');
  const limit = c.limit === undefined || c.limit === null ? '' : `\nlimit ${Number(c.limit)}`;
  return `select\n  ${failCalc} as failures,\n  ${failCalc} ${String(c.warn_if ?? '!= 0')} as should_warn,\n  ${failCalc} ${String(c.error_if ?? '!= 0')} as should_error\nfrom (\n${sql.replace(/[\s;]+$/, '')}${limit}\n) dbt_internal_test`;
}

/** Runs a data test: pass, warn or fail by severity and thresholds; with store_failures keeps the failing rows in the audit schema. */
export async function executeTest(ctx: RunContext, node: ManifestNode): Promise<{ status: NodeStatus; failures: number; message: string; sql: string }> {
  const { sql } = await compileForRun(ctx, node, null);
  const wrapped = wrapTestSql(node, sql);
  writeSqlArtifact(ctx.targetDir, 'run', node, wrapped);
  try {
    if (node.config.store_failures === true || node.config.store_failures_as === 'table') {
      const target = nodeRelation(ctx.warehouse.dialect, node).toRelationName();
      await ensureSchemaOnce(ctx, target.schema);
      await ctx.warehouse.replaceTable(target, sql);
    }
    const result = await ctx.warehouse.query(wrapped);
    const row = result.rows[0] ?? {};
    const failures = Number(row.failures ?? 0);
    const truthy = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === 'true';
    const severity = String(node.config.severity ?? 'ERROR').toUpperCase();
    let status: NodeStatus = 'pass';
    if (severity === 'ERROR' && truthy(row.should_error)) status = 'fail';
    else if (truthy(row.should_warn)) status = 'warn';
    // A `new_records_only` test that read only the rows its model wrote in this run says so.
    const onNewRows = ctx.newRecords?.newRowsFor(node) !== undefined;
    const message = status === 'pass'
      ? `PASS${onNewRows ? ' on new rows' : ''}`
      : `Got ${failures} result${failures === 1 ? '' : 's'}${onNewRows ? ' in the new rows' : ''}, configured to ${status === 'fail' ? 'fail' : 'warn'} if ${String(status === 'fail' ? node.config.error_if : node.config.warn_if)}`;
    return { status, failures, message, sql };
  } catch (err) {
    throw sqlError(err, node, sql);
  }
}
