// Does: the DuckDB engine calls: acquire the shared instance, connect, run, query, bulk load.
// Does not: serialize statements, manage transactions or wrap errors (ManagedWarehouse does).
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdb } from './duckdb-node-api.js';
import type { BulkLoadRequest, ColumnInfo, QueryResult, Row, SqlParams, SqlValue } from '../warehouse.js';
import type { DriverConnection, WarehouseDriver } from '../warehouse-driver.js';
import type { DuckdbConfig } from './duckdb-config.js';
import type { DuckdbDialect } from './duckdb-dialect.js';
import { acquireDuckdbInstance, type DuckdbInstanceHandle } from './duckdb-instance-cache.js';
import { toDuckdbBinding } from './duckdb-params.js';
import { duckdbValueReader } from './duckdb-value-reader.js';

const { ResultReturnType } = duckdb;

/** Opens connections on the process-wide instance for the config's database file. */
export class DuckdbDriver implements WarehouseDriver {
  readonly target: string;
  private handle: Promise<DuckdbInstanceHandle> | undefined;
  private scratch: string | undefined;

  constructor(
    private readonly config: DuckdbConfig,
    private readonly dialect: DuckdbDialect,
  ) {
    this.target = config.path === ':memory:' && config.name !== undefined ? `:memory:${config.name}` : config.path;
  }

  async connect(): Promise<DriverConnection> {
    const handle = await this.acquire();
    // A file attached to an in-memory instance leaves the instance's own database, `memory`, unstored.
    this.scratch = handle.database !== undefined ? 'memory' : undefined;
    const connection = await handle.instance.connect();
    try {
      if (handle.database !== undefined) await connection.run(`USE ${this.dialect.quoteIdentifier(handle.database)}`);
    } catch (err) {
      connection.closeSync();
      throw err;
    }
    return new DuckdbConnection(connection, this.dialect);
  }

  /** The shared instance, acquired on first use; a failed open is retried by the next call. */
  private async acquire(): Promise<DuckdbInstanceHandle> {
    this.handle ??= acquireDuckdbInstance(this.config);
    try {
      return await this.handle;
    } catch (err) {
      this.handle = undefined;
      throw err;
    }
  }

  connectHint(err: unknown): string | undefined {
    const message = err instanceof Error ? err.message : String(err);
    if (/could not set lock|conflicting lock/i.test(message)) {
      return `Another process holds the lock on ${this.target}. Stop it (often a running \`mercator serve\`) or run the command through it; one process owns a DuckDB file.`;
    }
    return undefined;
  }

  /** Caps the shared instance's threads; the cap is the instance's (another open of the file sees it). */
  async capThreads(threads: number): Promise<() => Promise<void>> {
    return (await this.acquire()).capThreads(threads);
  }

  scratchDatabase(): string | undefined {
    return this.scratch;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle !== undefined) await (await handle).release();
  }
}

/** One DuckDB connection; errors are the engine's own. */
export class DuckdbConnection implements DriverConnection {
  constructor(
    private readonly connection: DuckDBConnection,
    private readonly dialect: DuckdbDialect,
  ) {}

  async run(sql: string, params?: SqlParams): Promise<{ rowsChanged: number | null }> {
    const result =
      params === undefined
        ? await this.connection.run(sql)
        : await this.runBound(sql, params);
    return { rowsChanged: result.returnType === ResultReturnType.CHANGED_ROWS ? result.rowsChanged : null };
  }

  async query(sql: string, params?: SqlParams): Promise<QueryResult> {
    let reader;
    if (params === undefined) {
      reader = await this.connection.runAndReadAll(sql);
    } else {
      const binding = toDuckdbBinding(params);
      reader = await this.connection.runAndReadAll(sql, binding.values, binding.types);
    }
    const names = reader.deduplicatedColumnNames();
    const types = reader.columnTypes();
    const columns: ColumnInfo[] = names.map((name, i) => ({ name, type: String(types[i]) }));
    const rows = reader.convertRows<SqlValue>(duckdbValueReader).map((values) => {
      const row: Row = {};
      names.forEach((name, i) => {
        row[name] = values[i] ?? null;
      });
      return row;
    });
    return { columns, rows };
  }

  async bulkLoad(request: BulkLoadRequest): Promise<number> {
    const target = this.dialect.relation(request.target);
    const reader = this.dialect.fileReader(request);
    if (request.mode === 'append') {
      // BY NAME: file columns may come in any order; they must exist in the table.
      const result = await this.connection.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${reader}`);
      return result.rowsChanged;
    }
    const create = request.mode === 'replace' ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE';
    await this.connection.run(`${create} ${target} AS SELECT * FROM ${reader}`);
    const counted = await this.connection.runAndReadAll(`SELECT count(*) FROM ${target}`);
    return Number(counted.getRows()[0]?.[0] ?? 0);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
  }

  private runBound(sql: string, params: SqlParams) {
    const binding = toDuckdbBinding(params);
    return this.connection.run(sql, binding.values, binding.types);
  }
}
