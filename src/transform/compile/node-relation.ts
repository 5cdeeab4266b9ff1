import type { SqlDialect } from '../../warehouse/warehouse.js';
import { makeRelation, type Relation } from '../context/relation.js';
import type { ManifestNode } from '../project/node-types.js';

/** The CTE name an ephemeral model is inlined under. */
export const ephemeralCteName = (node: ManifestNode): string => `__dbt__cte__${node.name}`;

/** The relation a node builds (or, for an ephemeral model, the CTE name consumers select from). */
export function nodeRelation(dialect: SqlDialect, node: ManifestNode): Relation {
  if (node.resourceType === 'source') return makeRelation(dialect, node.database, node.schema, node.identifier ?? node.name, 'table', node.quoting);
  const materialized = String(node.config.materialized ?? 'view');
  if (materialized === 'ephemeral') return makeRelation(dialect, null, '', ephemeralCteName(node), 'cte');
  return makeRelation(dialect, node.database, node.schema, node.alias, materialized === 'view' ? 'view' : 'table', node.quoting);
}
