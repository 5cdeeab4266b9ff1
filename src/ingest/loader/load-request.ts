// Does: the types a connector hands to the loader: one load of one stream, and what came of it.
// Does not: run anything.
import type { RelationName, Warehouse } from '../../warehouse/index.js';

/** How a load's rows meet the rows already in the table. */
export type WriteDisposition = 'append' | 'replace' | 'merge';

/** One file recorded in the landing-folder ledger; the path is its identity. */
export interface LedgerEntry {
  path: string;
  size: number;
  mtimeMs: number;
}

/** What the loader tells a stage hook about the staged rows. */
export interface StageContext {
  loadId: string;
  source: string;
  stream: string;
  /** The staging table holding this load's rows, with `_mercator_load_id` and `_mercator_loaded_at`. */
  stage: RelationName;
  /** Rows in the staging table. */
  rows: number;
}

/** The rows of a load, as SQL the warehouse evaluates natively (a file reader, never JS row objects). */
export interface StageInput {
  /** A table expression or parenthesised SELECT, e.g. `read_csv(['a.csv'], header = true)`. */
  from: string;
  /**
   * Runs inside the load's transaction right after staging: collects rejected rows, validates counts.
   * Returns how many source rows were rejected; throwing rolls back the whole load.
   */
  afterStage?: (tx: Warehouse, context: StageContext) => Promise<{ rejected: number }>;
  /** Turns an engine error raised while reading the input into a more precise coded error, when it recognises it. */
  explainError?: (err: unknown) => Error | undefined;
}

/** Key reconciliation: rows of the target whose key is not in `keys` are deleted by this load. */
export interface DeleteByKeys {
  /** A table expression producing the full current key set of the source. */
  keys: string;
}

/** One load of one stream: its rows, how to write them, and the state that moves with them. */
export interface LoadRequest {
  source: string;
  stream: string;
  target: RelationName;
  disposition: WriteDisposition;
  /** Needed for `merge`; duplicates inside one load keep the row with the greatest `dedupOrder`. */
  primaryKey: readonly string[];
  /** Column ordering duplicates within a load (usually the cursor column). */
  dedupOrder?: string;
  /** The load cannot repeat a key (a primary key constraint read in one snapshot): skips deduplication. */
  keysUnique?: boolean;
  input: StageInput;
  /** Cursor before and after this load, as exact text; committed together with the data. */
  cursor?: { before: string | null; after: string | null };
  /** Files this load consumes; recorded in the ledger together with the data. */
  ledger?: readonly LedgerEntry[];
  /** Bytes read from the source, for `_mercator.loads`. */
  bytes?: number;
  deletes?: DeleteByKeys;
  /** Forget the stream's earlier cursor and ledger in the same transaction (`--full-refresh`). */
  resetState?: boolean;
}

/** A committed load. */
export interface LoadResult {
  loadId: string;
  source: string;
  stream: string;
  target: RelationName;
  rows: number;
  rejected: number;
  deleted: number;
  bytes: number;
  durationMs: number;
  cursorAfter: string | null;
  schemaChanges: SchemaChange[];
}

/** A column added or widened by schema evolution. */
export interface SchemaChange {
  column: string;
  change: 'added' | 'widened';
  oldType: string | null;
  newType: string;
}

/** Named points inside a load's transaction; `LoadOptions.checkpoint` runs at each (crash tests, tracing). */
export type LoadCheckpoint = 'staged' | 'data-written' | 'state-written';

/** Options of one load. */
export interface LoadOptions {
  /** Called at each checkpoint inside the transaction; a throw rolls the whole load back. */
  checkpoint?: (point: LoadCheckpoint) => void | Promise<void>;
  /** Clock for `_mercator_loaded_at` and timings; defaults to the system clock. */
  now?: () => Date;
}
