// Does: defines the Warehouse interface every adapter implements, and the value types it returns.
// Does not: know about models, sources or dashboards.

/** A schema-qualified relation name; `database` is optional (DuckDB catalogs, Snowflake databases). */
export interface RelationName {
  database?: string;
  schema: string;
  name: string;
}

/** What an introspected relation is. */
export type RelationKind = 'table' | 'view';

/** A relation found by introspection. */
export interface RelationInfo extends RelationName {
  kind: RelationKind;
}

/** One column of a relation or result, with its engine type as the engine spells it. */
export interface ColumnInfo {
  name: string;
  type: string;
  nullable?: boolean;
}

/**
 * A value read from the warehouse, kept lossless: BIGINT/HUGEINT as bigint, DECIMAL as SqlDecimal,
 * dates and timestamps as strings in the engine's canonical text (microseconds kept), lists and structs nested.
 */
export type SqlValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | SqlDecimal
  | SqlValue[]
  | { [key: string]: SqlValue };

/** An exact decimal: `value / 10^scale`. `toString()` gives the exact text, `toJSON()` the same string. */
export class SqlDecimal {
  constructor(
    readonly value: bigint,
    readonly scale: number,
  ) {}

  toString(): string {
    if (this.scale === 0) return this.value.toString();
    const negative = this.value < 0n;
    const digits = (negative ? -this.value : this.value).toString().padStart(this.scale + 1, '0');
    const text = `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    return negative ? `-${text}` : text;
  }

  toJSON(): string {
    return this.toString();
  }

  /** Lossy on purpose: for charts and arithmetic where a double is good enough. */
  toNumber(): number {
    return Number(this.toString());
  }
}

/** A row keyed by column name. */
export type Row = Record<string, SqlValue>;

/** A JSON-safe row: bigint and decimals as strings, nested values as JSON. */
export type JsonRow = Record<string, unknown>;

/** Rows plus the columns that produced them. */
export interface QueryResult<R = Row> {
  columns: ColumnInfo[];
  rows: R[];
}

/** Positional (`$1`, `?`) or named (`$name`) parameters, always bound, never interpolated. */
export type SqlParams = readonly unknown[] | Readonly<Record<string, unknown>>;

/** File formats a warehouse can bulk-load natively. */
export type BulkFormat = 'csv' | 'parquet' | 'json';

/** A bulk load of files into a table the warehouse reads natively. */
export interface BulkLoadRequest {
  target: RelationName;
  files: readonly string[];
  format: BulkFormat;
  /** `create` makes the table from the files' inferred schema; `append` inserts into an existing one. */
  mode: 'create' | 'append' | 'replace';
  /** Format options such as `header`, `delim`, `columns` passed to the engine's reader. */
  options?: Readonly<Record<string, unknown>>;
}

/** What an adapter can do; code branches on these, never on the adapter type. */
export interface WarehouseCapabilities {
  /** Supports `MERGE INTO` (else merges are delete+insert). */
  merge: boolean;
  /** DDL can be rolled back inside a transaction (DuckDB, Postgres: yes; Snowflake: no). */
  transactionalDdl: boolean;
  /** Formats `bulkLoad` accepts. */
  bulkFormats: readonly BulkFormat[];
  /** Several connections may write at once. */
  concurrentWriters: boolean;
}

/** SQL text an adapter generates for its dialect. */
export interface SqlDialect {
  quoteIdentifier(name: string): string;
  quoteLiteral(value: string | number | boolean | null): string;
  /** `"db"."schema"."name"` (database omitted when absent). */
  relation(rel: RelationName): string;
}

/** A connected warehouse. All methods wrap engine errors once, with the failing SQL, as WAREHOUSE_* errors. */
export interface Warehouse {
  readonly type: string;
  readonly capabilities: WarehouseCapabilities;
  readonly dialect: SqlDialect;

  /** Runs one or more statements; returns rows changed by the last one when the engine reports it. */
  run(sql: string, params?: SqlParams): Promise<{ rowsChanged: number | null }>;
  /** Runs a query and returns lossless rows. */
  query(sql: string, params?: SqlParams): Promise<QueryResult>;
  /** Runs a query and returns JSON-safe rows (bigint and decimals as strings). */
  queryJson(sql: string, params?: SqlParams): Promise<QueryResult<JsonRow>>;
  /** Runs `fn` in a transaction on a dedicated connection; commits on success, rolls back on throw. */
  transaction<T>(fn: (tx: Warehouse) => Promise<T>): Promise<T>;

  /** Loads files the engine reads natively; returns the number of rows loaded. */
  bulkLoad(request: BulkLoadRequest): Promise<number>;
  /** Builds `selectSql` under a temporary name and swaps it in atomically; readers never see a gap. */
  replaceTable(target: RelationName, selectSql: string): Promise<number>;

  listSchemas(): Promise<string[]>;
  listRelations(schema: string): Promise<RelationInfo[]>;
  getRelation(rel: RelationName): Promise<RelationInfo | null>;
  getColumns(rel: RelationName): Promise<ColumnInfo[]>;
  ensureSchema(schema: string): Promise<void>;

  close(): Promise<void>;
}
