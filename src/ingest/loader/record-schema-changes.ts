import type { RelationName, Warehouse } from '../../warehouse/index.js';
import type { SchemaChange } from './load-request.js';
import { METADATA_SCHEMA } from './metadata-schema.js';

/** Writes schema changes into `_mercator.schema_changes` inside the load's transaction. */
export async function recordSchemaChanges(
  tx: Warehouse,
  ids: { loadId: string; source: string; stream: string; target: RelationName; at: string },
  changes: readonly SchemaChange[],
): Promise<void> {
  const table = tx.dialect.relation({ schema: METADATA_SCHEMA, name: 'schema_changes' });
  for (const c of changes) {
    await tx.run(
      `INSERT INTO ${table} (load_id, source, stream, table_name, column_name, change, old_type, new_type, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CAST($9 AS TIMESTAMPTZ))`,
      [ids.loadId, ids.source, ids.stream, `${ids.target.schema}.${ids.target.name}`, c.column, c.change, c.oldType, c.newType, ids.at],
    );
  }
}
