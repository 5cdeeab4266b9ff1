import type { Warehouse } from '../../warehouse/warehouse.js';
import { nodeRelation } from '../compile/node-relation.js';
import type { ParsedProject } from '../project/parse-project.js';

/** dbt's catalog.json: per built relation (models, seeds, snapshots, sources) its columns and types as the warehouse reports them. */
export async function catalogJson(project: ParsedProject, wh: Warehouse): Promise<Record<string, unknown>> {
  const entries: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  const all = [...project.manifest.nodes.values(), ...project.manifest.sources.values()].filter((n) => ['model', 'seed', 'snapshot', 'source'].includes(n.resourceType) && n.config.materialized !== 'ephemeral');
  for (const node of all) {
    const rel = nodeRelation(wh.dialect, node).toRelationName();
    const info = await wh.getRelation(rel);
    if (!info) continue;
    const columns = await wh.getColumns(rel);
    const entry = {
      unique_id: node.uniqueId,
      metadata: { type: info.kind === 'view' ? 'VIEW' : 'BASE TABLE', schema: rel.schema, name: rel.name, database: rel.database ?? null },
      columns: Object.fromEntries(columns.map((c, i) => [c.name, { type: c.type, index: i + 1, name: c.name, comment: null }])),
      stats: {},
    };
    (node.resourceType === 'source' ? sources : entries)[node.uniqueId] = entry;
  }
  return { metadata: { generated_at: new Date().toISOString(), invocation_id: project.runtime.invocationId }, nodes: entries, sources, errors: null };
}
