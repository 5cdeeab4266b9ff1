import type { ManifestNode } from '../project/node-types.js';
import type { NodeResult } from '../run/run-types.js';

const LABEL: Record<NodeResult['status'], string> = { success: 'OK', pass: 'PASS', warn: 'WARN', fail: 'FAIL', error: 'ERROR', skipped: 'SKIP' };

/** What a node is, in words: `view model main.stg_orders`, `test not_null_orders_id`, `seed file main.raw_orders`. */
export function describeNode(node: ManifestNode): string {
  if (node.resourceType === 'test') return `test ${node.name}`;
  if (node.resourceType === 'unit_test') return `unit test ${node.name}`;
  const where = `${node.schema}.${node.alias}`;
  if (node.resourceType === 'seed') return `seed file ${where}`;
  if (node.resourceType === 'snapshot') return `snapshot ${where}`;
  return `${String(node.config.materialized ?? 'view')} model ${where}`;
}

/** dbt's per-node line: `3 of 10 OK created view model main.stg_orders ..... [CREATE VIEW in 0.02s]`. */
export function nodeLine(index: number, total: number, node: ManifestNode, result: NodeResult): string {
  const label = LABEL[result.status];
  const verb = result.status === 'success' ? (node.resourceType === 'seed' ? 'loaded' : 'created') : '';
  const left = `${index} of ${total} ${label} ${verb ? `${verb} ` : ''}${describeNode(node)} `;
  const detail = result.status === 'error' ? 'ERROR' : result.status === 'skipped' ? 'SKIP' : result.message;
  const right = ` [${detail} in ${result.executionTime.toFixed(2)}s]`;
  return `${left.padEnd(Math.max(left.length + 1, 80 - right.length), '.')}${right}`;
}
