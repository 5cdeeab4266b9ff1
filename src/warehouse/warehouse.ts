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
 * dates and timestamps as strings in the engine's canonical text (microseconds kept; TIMESTAMPTZ in UTC with `+00`),
 * lists and structs nested, maps as `{ key, value }` entries, BLOB as Uint8Array.
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
  /** Several connections may write at once (to different rows, on an engine that checks conflicts). */
  concurrentWriters: boolean;
  /**
   * A merge that rewrites every column of the matched rows is cheaper as delete + insert in one transaction
   * (DuckDB: an UPDATE keeps per-column update chains that the checkpoint rewrites; a delete only marks rows).
   */
  fullRowMergeAsDeleteInsert: boolean;
}

/** SQL text an adapter generates for its dialect. */
export interface SqlDialect {
  quoteIdentifier(name: string): string;
  quoteLiteral(value: string | number | boolean | null): string;
  /** `"db"."schema"."name"` (database omitted when absent). */
  relation(rel: RelationName): string;
}

/** Portable column types (dbt's `type_string()`, `type_timestamp()`...) each dialect spells its own way. */
export type LogicalType =
  | 'string'
  | 'boolean'
  | 'int'
  | 'bigint'
  | 'float'
  | 'double'
  | 'numeric'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'json'
  | 'blob'
  | { decimal: { precision: number; scale: number } };

/** An upsert of `source` (a SELECT) into `target` matched on `uniqueKey`. */
export interface MergeSpec {
  target: RelationName;
  /** A SELECT producing the new rows; it must return every column in `columns`. */
  sourceSql: string;
  /** Columns identifying a row; must be non-empty. */
  uniqueKey: readonly string[];
  /** Columns inserted for new rows; matched rows update every column that is not in `uniqueKey`. */
  columns: readonly string[];
}

/** The SQL text an adapter generates for its engine, beyond quoting: DDL, merge, atomic swap and bulk readers. */
export interface WarehouseDialect extends SqlDialect {
  /** Engine spelling of a portable type (`string` → `VARCHAR` on DuckDB). */
  typeName(type: LogicalType): string;
  /** `CREATE SCHEMA IF NOT EXISTS`, in `database` when given (else the current one). */
  createSchema(schema: string, database?: string): string;
  /** `CREATE TABLE rel AS (select)`; fails if the table exists. */
  createTableAs(rel: RelationName, selectSql: string): string;
  /** `CREATE OR REPLACE VIEW rel AS select`. */
  createViewAs(rel: RelationName, selectSql: string): string;
  /** Drops a table or view if it exists; the kind must match what exists. */
  dropRelation(rel: RelationName, kind: RelationKind): string;
  /** Renames a relation within its schema. */
  renameRelation(rel: RelationName, kind: RelationKind, newName: string): string;
  /**
   * Statements that put the fully built `staging` table in place of `target` (whose current kind is
   * `existing`, or null when absent); run them in one transaction where DDL is transactional.
   */
  swapTable(target: RelationName, staging: RelationName, existing: RelationKind | null): string[];
  /** A `MERGE INTO` statement (only when `capabilities.merge`). */
  merge(spec: MergeSpec): string;
  /** Delete-then-insert statements equivalent to `merge`, for engines without MERGE; run them in one transaction. */
  deleteInsert(spec: MergeSpec): string[];
  /** A table expression reading the files natively (`read_csv([...], header = true)`). */
  fileReader(request: Pick<BulkLoadRequest, 'files' | 'format' | 'options'>): string;
}

/** A connected warehouse. All methods wrap engine errors once, with the failing SQL, as WAREHOUSE_* errors. */
export interface Warehouse {
  readonly type: string;
  readonly capabilities: WarehouseCapabilities;
  /** SQL text generation for this engine: quoting, types, create/drop/rename, merge, swap, bulk readers. */
  readonly dialect: WarehouseDialect;
  /** The schema models land in when none is given (config `schema`; DuckDB default `main`). */
  readonly defaultSchema: string;

  /** Runs one or more statements; returns rows changed by the last one when the engine reports it. */
  run(sql: string, params?: SqlParams): Promise<{ rowsChanged: number | null }>;
  /** Runs a query and returns lossless rows. */
  query(sql: string, params?: SqlParams): Promise<QueryResult>;
  /** Runs a query and returns JSON-safe rows (bigint and decimals as strings, bytes as base64, NaN/Infinity as strings). */
  queryJson(sql: string, params?: SqlParams): Promise<QueryResult<JsonRow>>;
  /** Runs `fn` in a transaction on a dedicated connection; commits on success, rolls back on throw. On a transaction handle it joins that transaction. */
  transaction<T>(fn: (tx: Warehouse) => Promise<T>): Promise<T>;

  /** Loads files the engine reads natively; returns the number of rows loaded. */
  bulkLoad(request: BulkLoadRequest): Promise<number>;
  /**
   * Builds `selectSql` under a temporary name and swaps it in atomically; readers never see a gap.
   * `current` is the kind of relation now at `target` (null: none) when the caller already knows it;
   * omitted, it is looked up inside the swap.
   */
  replaceTable(target: RelationName, selectSql: string, current?: RelationKind | null): Promise<number>;

  /** Schemas of `database` (matched case-insensitively; the current database when absent), sorted. */
  listSchemas(database?: string | null): Promise<string[]>;
  /** Tables and views of one schema, sorted by name; empty when the schema does not exist. */
  listRelations(schema: string): Promise<RelationInfo[]>;
  /** The relation as the catalog spells it (names match case-insensitively), or null when absent. */
  getRelation(rel: RelationName): Promise<RelationInfo | null>;
  /** Columns in ordinal order with engine type names; empty when the relation does not exist. */
  getColumns(rel: RelationName): Promise<ColumnInfo[]>;
  /** Creates the schema when missing. */
  ensureSchema(schema: string): Promise<void>;

  /**
   * The same warehouse (same connection and transaction) whose errors also name where the SQL came from,
   * e.g. `{ node: 'model.shop.orders', file: 'models/orders.sql' }`; closing the view closes nothing.
   */
  withLocation(location: { file?: string; line?: number; node?: string }): Warehouse;

  /**
   * Leaves cores to this process's own threads: the engine uses at most `threads` worker threads until the
   * returned function is called. Nothing happens on engines that run elsewhere (a server warehouse).
   */
  limitThreads(threads: number): Promise<() => Promise<void>>;

  /**
   * `schema` in a database on the same engine whose tables are not stored (DuckDB's in-memory catalog beside an
   * attached file), created once, for tables a run only stages, such as an incremental run's new rows; every
   * connection sees it. Null where there is none: staged tables go next to their target.
   */
  scratchSchema(schema: string): Promise<{ database: string; schema: string } | null>;

  /**
   * Runs `fn` with this warehouse on a connection of its own (lent from a pool, given back after), so its
   * statements run beside those of other callers instead of queueing behind them on one connection. Inside a
   * transaction, or where the engine has one writer at a time, `fn` gets this warehouse.
   */
  onOwnConnection<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T>;

  /** Waits for running statements and transactions, then closes; later calls fail with WAREHOUSE_CLOSED. Idempotent. */
  close(): Promise<void>;
}
