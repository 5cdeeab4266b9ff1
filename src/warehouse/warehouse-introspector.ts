import type { ColumnInfo, QueryResult, RelationInfo, RelationName, SqlParams } from './warehouse.js';

/** Runs a query through the managed warehouse (serialized, errors wrapped). */
export type IntrospectionQuery = (sql: string, params?: SqlParams) => Promise<QueryResult>;

/** Catalog queries of one engine; each method receives the query function to run them with. */
export interface WarehouseIntrospector {
  /** Schemas of `database` (null: the current one), matched case-insensitively. */
  listSchemas(query: IntrospectionQuery, database: string | null): Promise<string[]>;
  listRelations(query: IntrospectionQuery, schema: string): Promise<RelationInfo[]>;
  /** The relation as the catalog spells it, matched case-insensitively, or null. */
  getRelation(query: IntrospectionQuery, rel: RelationName): Promise<RelationInfo | null>;
  /** Columns in ordinal order; empty when the relation does not exist. */
  getColumns(query: IntrospectionQuery, rel: RelationName): Promise<ColumnInfo[]>;
}
