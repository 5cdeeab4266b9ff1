import { MercatorError } from '../../errors/index.js';
import type { ManifestNode } from '../project/node-types.js';
import { sqlArtifactPath } from './write-sql-artifact.js';
import { compileForRun } from './compile-for-run.js';
import { existingRelation } from './run-relation-cache.js';
import { materializeModel } from './materialize-model.js';
import type { NodeResult, RunContext } from './run-types.js';

// Loaded when a node of their type first runs: `mercator run` of models never loads seed, snapshot or test code.
const seeds = () => import('./load-seed.js');
const tests = () => import('./execute-test.js');
const unitTests = () => import('./run-unit-test.js');
const snapshots = () => import('./run-snapshot.js');

/** What a task does with each node: build it, or only compile it. */
export type ExecuteMode = 'build' | 'compile';

/** Executes one node by its type and times it; failures become `error` results carrying the coded error. */
export async function executeNode(runCtx: RunContext, node: ManifestNode, mode: ExecuteMode): Promise<NodeResult> {
  const started = performance.now();
  // Database errors raised while building this node name its model and file.
  const ctx: RunContext = { ...runCtx, warehouse: runCtx.warehouse.withLocation({ file: node.originalFilePath, node: node.uniqueId }) };
  const done = (r: Omit<NodeResult, 'uniqueId' | 'executionTime'>): NodeResult => ({ uniqueId: node.uniqueId, executionTime: (performance.now() - started) / 1000, ...r });
  try {
    if (mode === 'compile') {
      if (node.resourceType === 'seed' || node.resourceType === 'source' || node.resourceType === 'unit_test') return done({ status: 'success', message: 'nothing to compile', rowsAffected: null, failures: null });
      const existing = node.resourceType === 'model' ? await existingRelation(ctx, { schema: node.schema, name: node.alias }) : null;
      const { sql } = await compileForRun(ctx, node, existing);
      return done({ status: 'success', message: 'compiled', rowsAffected: null, failures: null, compiledSql: sql });
    }
    if (node.resourceType === 'seed') {
      const rows = await (await seeds()).loadSeed(ctx.warehouse, node);
      return done({ status: 'success', message: `INSERT ${rows}`, rowsAffected: rows, failures: null });
    }
    if (node.resourceType === 'test') {
      const r = await (await tests()).executeTest(ctx, node);
      const error = r.status === 'fail' ? new MercatorError('TRANSFORM_TEST_FAILED', { node: node.uniqueId, failures: r.failures, compiled: `target/${sqlArtifactPath('compiled', node)}` }, { location: { file: node.originalFilePath, node: node.uniqueId } }) : undefined;
      return done({ status: r.status, message: r.message, rowsAffected: null, failures: r.failures, compiledSql: r.sql, error });
    }
    if (node.resourceType === 'unit_test') {
      const r = await (await unitTests()).runUnitTest(ctx, node);
      return done({ status: r.status, message: r.message, rowsAffected: null, failures: r.status === 'pass' ? 0 : 1, compiledSql: r.sql });
    }
    if (node.resourceType === 'snapshot') {
      const r = await (await snapshots()).runSnapshot(ctx, node);
      return done({ status: 'success', message: r.message, rowsAffected: r.rows, failures: null, compiledSql: r.sql });
    }
    const r = await materializeModel(ctx, node);
    return done({ status: 'success', message: r.message, rowsAffected: r.rows, failures: null, compiledSql: r.sql });
  } catch (err) {
    return done({ status: 'error', message: err instanceof Error ? err.message : String(err), rowsAffected: null, failures: null, error: err });
  }
}
