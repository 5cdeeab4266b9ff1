import type { BulkLoadRequest, QueryResult, SqlParams } from './warehouse.js';

/** One engine connection. Methods throw the engine's own errors; ManagedWarehouse wraps them once. */
export interface DriverConnection {
  /** Runs one or more statements; rows changed by the last one, or null when the engine reports none. */
  run(sql: string, params?: SqlParams): Promise<{ rowsChanged: number | null }>;
  /** Runs a query and returns lossless rows (see SqlValue). */
  query(sql: string, params?: SqlParams): Promise<QueryResult>;
  /** Loads files the engine reads natively into the target; returns rows loaded. */
  bulkLoad(request: BulkLoadRequest): Promise<number>;
  close(): Promise<void>;
}

/** The engine calls of one adapter: open connections to one database, release it at the end. */
export interface WarehouseDriver {
  /** What is being connected to, for messages (a file path, a host). */
  readonly target: string;
  /** Opens a new connection; several may be open at once (one per transaction). */
  connect(): Promise<DriverConnection>;
  /** A more precise fix for a connect failure when the engine message allows one (a locked file). */
  connectHint(err: unknown): string | undefined;
  /**
   * Caps the engine's worker threads at `threads` until the returned function is called; with several caps
   * the lowest holds, and the number the database was opened with returns after the last. Absent where the
   * engine's threads are not this process's (a server warehouse).
   */
  capThreads?(threads: number): Promise<() => Promise<void>>;
  /** The engine's unstored database for staged tables (see Warehouse.scratchSchema), known once connected. */
  scratchDatabase?(): string | undefined;
  /** Releases the database once every connection is closed. */
  close(): Promise<void>;
}
