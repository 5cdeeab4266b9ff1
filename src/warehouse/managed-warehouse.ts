// Does: the one wrapper around every adapter: connection lifecycle, one-at-a-time statements per
// connection, connections lent from a pool, transactions, atomic replace, error wrapping.
// Does not: contain engine calls or SQL text.
import { randomBytes } from 'node:crypto';
import { MercatorError, isMercatorError, type ErrorLocation } from '../errors/index.js';
import { toJsonRow } from './json-row.js';
import { ManagedSession } from './managed-session.js';
import { SessionPool } from './session-pool.js';
import { sqlExcerpt } from './sql-excerpt.js';
import type {
  BulkLoadRequest,
  ColumnInfo,
  JsonRow,
  QueryResult,
  RelationInfo,
  RelationKind,
  RelationName,
  SqlParams,
  Warehouse,
  WarehouseCapabilities,
  WarehouseDialect,
} from './warehouse.js';
import type { DriverConnection, WarehouseDriver } from './warehouse-driver.js';
import type { WarehouseIntrospector } from './warehouse-introspector.js';
import { engineMessage, wrapEngineError } from './wrap-engine-error.js';

/** What an adapter hands to ManagedWarehouse: its engine calls, SQL text, catalog queries and capabilities. */
export interface AdapterParts {
  type: string;
  capabilities: WarehouseCapabilities;
  dialect: WarehouseDialect;
  introspector: WarehouseIntrospector;
  driver: WarehouseDriver;
  defaultSchema: string;
}

/** A Warehouse over any adapter's parts; the root instance owns the driver, transaction handles borrow it. */
export class ManagedWarehouse implements Warehouse {
  readonly type: string;
  readonly capabilities: WarehouseCapabilities;
  readonly dialect: WarehouseDialect;
  readonly defaultSchema: string;
  private constructor(
    private readonly parts: AdapterParts,
    private readonly session: ManagedSession,
    /** Added to every error raised through this handle (the model or file the SQL came from). */
    private readonly location: Omit<ErrorLocation, 'sql'>,
    /** False for `withLocation` views: closing them leaves the connection to its owner. */
    private readonly ownsSession: boolean,
    /** Shared by every handle of this opened warehouse. */
    private readonly pool: SessionPool,
  ) {
    this.type = parts.type;
    this.capabilities = parts.capabilities;
    this.dialect = parts.dialect;
    this.defaultSchema = parts.defaultSchema;
  }

  /** Opens the main connection; connect failures become WAREHOUSE_CONNECT_FAILED. */
  static async open(parts: AdapterParts): Promise<ManagedWarehouse> {
    const connection = await connect(parts);
    return new ManagedWarehouse(parts, new ManagedSession(connection, false), {}, true, new SessionPool());
  }

  async run(sql: string, params?: SqlParams): Promise<{ rowsChanged: number | null }> {
    return this.exec(sql, (conn) => conn.run(sql, params));
  }

  async query(sql: string, params?: SqlParams): Promise<QueryResult> {
    return this.exec(sql, (conn) => conn.query(sql, params));
  }

  async queryJson(sql: string, params?: SqlParams): Promise<QueryResult<JsonRow>> {
    const result = await this.query(sql, params);
    return { columns: result.columns, rows: result.rows.map(toJsonRow) };
  }

  async transaction<T>(fn: (tx: Warehouse) => Promise<T>): Promise<T> {
    // Engines here have no portable savepoints: a nested transaction joins the outer one.
    if (this.session.inTransaction) return fn(this);
    this.assertOpen('BEGIN TRANSACTION');
    const running = this.runTransaction(fn);
    this.session.transactions.add(running);
    try {
      return await running;
    } finally {
      this.session.transactions.delete(running);
    }
  }

  private async runTransaction<T>(fn: (tx: Warehouse) => Promise<T>): Promise<T> {
    const session = new ManagedSession(await connect(this.parts), true);
    const tx = new ManagedWarehouse(this.parts, session, this.location, true, this.pool);
    try {
      await tx.run('BEGIN TRANSACTION');
      const result = await fn(tx);
      await tx.run('COMMIT');
      return result;
    } catch (err) {
      await tx.rollbackAfter(err);
      throw err;
    } finally {
      await session.close();
    }
  }

  async bulkLoad(request: BulkLoadRequest): Promise<number> {
    const target = this.dialect.relation(request.target);
    return this.exec(`bulk load into ${target}`, async (conn) => {
      try {
        return await conn.bulkLoad(request);
      } catch (err) {
        if (isMercatorError(err)) throw err;
        throw new MercatorError(
          'WAREHOUSE_BULK_LOAD_FAILED',
          { count: request.files.length, format: request.format, target, detail: engineMessage(err) },
          {
            cause: err,
            location: { ...this.location, file: this.location.file ?? request.files[0], sql: readerSql(this.dialect, request) },
          },
        );
      }
    });
  }

  async replaceTable(target: RelationName, selectSql: string, current?: RelationKind | null): Promise<number> {
    const staging: RelationName = { ...target, name: `${target.name}__mercator_tmp_${randomBytes(4).toString('hex')}` };
    const stagingSql = this.dialect.relation(staging);
    // Built outside the swap transaction so a long build never holds locks on the live table.
    await this.run(this.dialect.createTableAs(staging, selectSql));
    try {
      const counted = await this.query(`SELECT count(*) AS n FROM ${stagingSql}`);
      const rows = Number(counted.rows[0]?.['n'] ?? 0);
      const swap = async (wh: Warehouse): Promise<void> => {
        // A catalog query costs more than the swap itself; skip it when the caller knows what is there.
        const kind = current !== undefined ? current : ((await wh.getRelation(target))?.kind ?? null);
        for (const statement of this.dialect.swapTable(target, staging, kind)) await wh.run(statement);
      };
      if (this.capabilities.transactionalDdl) await this.transaction(swap);
      else await swap(this);
      return rows;
    } catch (err) {
      await this.dropStagingAfter(staging, err);
      throw err;
    }
  }

  listSchemas(database: string | null = null): Promise<string[]> {
    return this.parts.introspector.listSchemas(this.introspectionQuery, database);
  }

  listRelations(schema: string): Promise<RelationInfo[]> {
    return this.parts.introspector.listRelations(this.introspectionQuery, schema);
  }

  getRelation(rel: RelationName): Promise<RelationInfo | null> {
    return this.parts.introspector.getRelation(this.introspectionQuery, rel);
  }

  getColumns(rel: RelationName): Promise<ColumnInfo[]> {
    return this.parts.introspector.getColumns(this.introspectionQuery, rel);
  }

  async ensureSchema(schema: string): Promise<void> {
    await this.run(this.dialect.createSchema(schema));
  }

  withLocation(location: Omit<ErrorLocation, 'sql'>): Warehouse {
    return new ManagedWarehouse(this.parts, this.session, { ...this.location, ...location }, false, this.pool);
  }

  async limitThreads(threads: number): Promise<() => Promise<void>> {
    this.assertOpen('SET threads');
    if (!this.parts.driver.capThreads) return async () => undefined;
    try {
      return await this.parts.driver.capThreads(threads);
    } catch (err) {
      throw wrapEngineError(err, this.type, `SET threads = ${threads}`, this.location);
    }
  }

  async onOwnConnection<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
    if (this.session.inTransaction || !this.capabilities.concurrentWriters) return fn(this);
    this.assertOpen('connect');
    const running = (async () => {
      const session = await this.pool.borrow(() => connect(this.parts));
      try {
        return await fn(new ManagedWarehouse(this.parts, session, this.location, false, this.pool));
      } finally {
        await this.pool.giveBack(session);
      }
    })();
    // close() waits for it, as for a transaction.
    this.session.transactions.add(running);
    try {
      return await running;
    } finally {
      this.session.transactions.delete(running);
    }
  }

  async scratchSchema(schema: string): Promise<{ database: string; schema: string } | null> {
    const database = this.parts.driver.scratchDatabase?.();
    if (database === undefined) return null;
    const key = `${database}.${schema}`;
    let created = this.pool.scratchSchemas.get(key);
    if (!created) {
      created = this.run(this.dialect.createSchema(schema, database)).then(() => undefined);
      this.pool.scratchSchemas.set(key, created);
      created.catch(() => this.pool.scratchSchemas.delete(key));
    }
    await created;
    return { database, schema };
  }

  /** Waits for queued statements, closes the connection and (root only) releases the database. Idempotent. */
  async close(): Promise<void> {
    if (!this.ownsSession || this.session.closed) return;
    await this.session.close();
    if (this.session.inTransaction) return;
    await this.pool.close();
    await this.parts.driver.close();
  }

  private readonly introspectionQuery = (sql: string, params?: SqlParams): Promise<QueryResult> =>
    this.query(sql, params);

  private exec<T>(sql: string, call: (conn: DriverConnection) => Promise<T>): Promise<T> {
    this.assertOpen(sql);
    return this.session.queue.run(async () => {
      this.assertOpen(sql, true);
      try {
        return await call(this.session.connection);
      } catch (err) {
        throw wrapEngineError(err, this.type, sql, this.location);
      }
    });
  }

  private assertOpen(sql: string, alreadyQueued = false): void {
    if (this.session.closed || (this.session.closing && !alreadyQueued)) {
      throw new MercatorError('WAREHOUSE_CLOSED', { type: this.type, sql: sqlExcerpt(sql, 80) }, { location: this.location });
    }
  }

  private async rollbackAfter(original: unknown): Promise<void> {
    try {
      await this.run('ROLLBACK');
    } catch (rollbackErr) {
      // The original error is the one the caller needs; the rollback failure is attached to it.
      attachSecondary(original, rollbackErr);
    }
  }

  private async dropStagingAfter(staging: RelationName, original: unknown): Promise<void> {
    try {
      await this.run(this.dialect.dropRelation(staging, 'table'));
    } catch (dropErr) {
      attachSecondary(original, dropErr);
    }
  }
}

async function connect(parts: AdapterParts): Promise<DriverConnection> {
  try {
    return await parts.driver.connect();
  } catch (err) {
    if (isMercatorError(err)) throw err;
    const hint = parts.driver.connectHint(err);
    throw new MercatorError(
      'WAREHOUSE_CONNECT_FAILED',
      { type: parts.type, target: parts.driver.target, detail: engineMessage(err) },
      hint === undefined ? { cause: err } : { cause: err, hint },
    );
  }
}

/** The reader expression of a bulk load for error locations; empty when the request cannot even be rendered. */
function readerSql(dialect: WarehouseDialect, request: BulkLoadRequest): string {
  try {
    return dialect.fileReader(request);
  } catch {
    // The rendering error was already raised as the load failure itself.
    return '';
  }
}

/** Records a cleanup failure on the error being thrown, so it is visible without replacing it. */
function attachSecondary(original: unknown, secondary: unknown): void {
  if (original instanceof Error) {
    const list = ((original as { suppressed?: unknown[] }).suppressed ??= []);
    list.push(secondary);
  }
}
