// Does: reads DuckDB's catalog (information_schema) for schemas, relations and columns (of the current database unless one is named).
// Does not: change the catalog.
import type { ColumnInfo, RelationInfo, RelationKind, RelationName, Row } from '../warehouse.js';
import type { IntrospectionQuery, WarehouseIntrospector } from '../warehouse-introspector.js';

const RELATIONS_SQL = `
SELECT table_catalog, table_schema, table_name, table_type
FROM information_schema.tables
WHERE table_catalog = coalesce($database, current_database())
  AND lower(table_schema) = lower($schema)`;

function toRelation(row: Row): RelationInfo {
  const kind: RelationKind = row['table_type'] === 'VIEW' ? 'view' : 'table';
  return {
    database: String(row['table_catalog']),
    schema: String(row['table_schema']),
    name: String(row['table_name']),
    kind,
  };
}

/** DuckDB catalog queries; names match case-insensitively, as DuckDB resolves them. */
export class DuckdbIntrospector implements WarehouseIntrospector {
  async listSchemas(query: IntrospectionQuery, database: string | null): Promise<string[]> {
    const result = await query(
      `SELECT schema_name FROM information_schema.schemata WHERE lower(catalog_name) = lower(coalesce($database, current_database())) ORDER BY schema_name`,
      { database },
    );
    return result.rows.map((row) => String(row['schema_name']));
  }

  async listRelations(query: IntrospectionQuery, schema: string): Promise<RelationInfo[]> {
    const result = await query(`${RELATIONS_SQL}\nORDER BY lower(table_name), table_name`, { database: null, schema });
    return result.rows.map(toRelation);
  }

  async getRelation(query: IntrospectionQuery, rel: RelationName): Promise<RelationInfo | null> {
    const result = await query(`${RELATIONS_SQL}\n  AND lower(table_name) = lower($name)`, {
      database: rel.database ?? null,
      schema: rel.schema,
      name: rel.name,
    });
    const row = result.rows[0];
    return row === undefined ? null : toRelation(row);
  }

  async getColumns(query: IntrospectionQuery, rel: RelationName): Promise<ColumnInfo[]> {
    const result = await query(
      `SELECT column_name, data_type, is_nullable
FROM information_schema.columns
WHERE table_catalog = coalesce($database, current_database())
  AND lower(table_schema) = lower($schema)
  AND lower(table_name) = lower($name)
ORDER BY ordinal_position`,
      { database: rel.database ?? null, schema: rel.schema, name: rel.name },
    );
    return result.rows.map((row) => ({
      name: String(row['column_name']),
      type: String(row['data_type']),
      nullable: row['is_nullable'] === 'YES',
    }));
  }
}

/** The shared DuckDB introspector instance. */
export const duckdbIntrospector = new DuckdbIntrospector();
