// Does: runs one load in one warehouse transaction: stage → evolve schema → write rows → state → loads row.
// Does not: read sources; connectors hand it SQL the warehouse evaluates natively (file readers).
import { MercatorError, isMercatorError } from '../../errors/index.js';
import type { RelationName, Warehouse } from '../../warehouse/index.js';
import { columnsOf } from './columns-of.js';
import { evolveSchema } from './evolve-schema.js';
import { newLoadId } from './load-id.js';
import type { LoadOptions, LoadRequest, LoadResult, SchemaChange } from './load-request.js';
import { ensureIngestMetadata } from './metadata-schema.js';
import { recordLoad } from './record-load.js';
import { recordSchemaChanges } from './record-schema-changes.js';
import { clearState, writeCursor, writeLedger } from './state-store.js';
import { countRows, deleteMissingKeys, writeRows } from './write-rows.js';

/** Column every loaded row carries: the id of the load that wrote it (see `_mercator.loads`). */
export const LOAD_ID_COLUMN = '_mercator_load_id';
/** Column every loaded row carries: when its load started (UTC). */
export const LOADED_AT_COLUMN = '_mercator_loaded_at';

/**
 * Loads one stream's rows so they become visible all at once or not at all, together with the
 * stream's cursor and file-ledger entries. A failure rolls everything back, records a `failed` row
 * in `_mercator.loads` and throws (INGEST_LOAD_FAILED unless a more precise coded error applies).
 */
export async function runLoad(warehouse: Warehouse, request: LoadRequest, options: LoadOptions = {}): Promise<LoadResult> {
  const now = options.now ?? ((): Date => new Date());
  const started = now();
  const loadId = newLoadId(started);
  const loadedAt = started.toISOString();
  const target = `${request.target.schema}.${request.target.name}`;
  if (request.disposition === 'merge' && request.primaryKey.length === 0) {
    throw new MercatorError('INGEST_MERGE_KEY_MISSING', { source: request.source, stream: request.stream });
  }
  await ensureIngestMetadata(warehouse);
  await warehouse.ensureSchema(request.target.schema);
  const base = {
    loadId, source: request.source, stream: request.stream, target, disposition: request.disposition,
    bytes: request.bytes ?? null, cursorBefore: request.cursor?.before ?? null, startedAt: loadedAt,
  };
  try {
    const result = await warehouse.transaction(async (tx) => {
      const outcome = await loadInTransaction(tx, request, loadId, loadedAt, options);
      const finished = now();
      await recordLoad(tx, {
        ...base, status: 'success', rows: outcome.rows, rejected: outcome.rejected,
        cursorAfter: request.cursor?.after ?? null, finishedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(), error: null,
      });
      await options.checkpoint?.('state-written');
      return { ...outcome, durationMs: finished.getTime() - started.getTime() };
    });
    return {
      loadId, source: request.source, stream: request.stream, target: request.target,
      rows: result.rows, rejected: result.rejected, deleted: result.deleted, bytes: request.bytes ?? 0,
      durationMs: result.durationMs, cursorAfter: request.cursor?.after ?? null, schemaChanges: result.schemaChanges,
    };
  } catch (err) {
    const finished = now();
    const explained = request.input.explainError?.(err) ?? err;
    const error = isMercatorError(explained) ? explained : new MercatorError('INGEST_LOAD_FAILED', { source: request.source, stream: request.stream, loadId, detail: explained instanceof Error ? explained.message : String(explained) }, { cause: explained });
    try {
      await recordLoad(warehouse, {
        ...base, status: 'failed', rows: null, rejected: null, cursorAfter: null, finishedAt: finished.toISOString(),
        durationMs: finished.getTime() - started.getTime(), error: `[${error.code}] ${error.message}`,
      });
    } catch (recordErr) {
      // The load's own error is what the user must see; the bookkeeping failure travels with it.
      ((error as { suppressed?: unknown[] }).suppressed ??= []).push(recordErr);
    }
    throw error;
  }
}

async function loadInTransaction(
  tx: Warehouse,
  request: LoadRequest,
  loadId: string,
  loadedAt: string,
  options: LoadOptions,
): Promise<{ rows: number; rejected: number; deleted: number; schemaChanges: SchemaChange[] }> {
  const d = tx.dialect;
  // Staged next to the target so a first load or a replace can rename it into place instead of copying;
  // uncommitted, it is invisible to readers and vanishes with a rollback or a crash.
  const stage: RelationName = { ...request.target, name: `${request.target.name}__mercator_stage_${loadId}` };
  await tx.run(
    d.createTableAs(
      stage,
      `SELECT *, ${d.quoteLiteral(loadId)} AS ${d.quoteIdentifier(LOAD_ID_COLUMN)}, CAST(${d.quoteLiteral(loadedAt)} AS ${d.typeName('timestamptz')}) AS ${d.quoteIdentifier(LOADED_AT_COLUMN)} FROM ${request.input.from}`,
    ),
  );
  const rows = await countRows(tx, stage);
  const { rejected } = (await request.input.afterStage?.(tx, { loadId, source: request.source, stream: request.stream, stage, rows })) ?? { rejected: 0 };
  await options.checkpoint?.('staged');

  const stagedColumns = (await columnsOf(tx, stage)) ?? [];
  const targetColumns = await columnsOf(tx, request.target);
  let schemaChanges: SchemaChange[] = [];
  if (targetColumns && request.disposition !== 'replace') {
    schemaChanges = await evolveSchema(tx, request.target, targetColumns, stagedColumns);
    await recordSchemaChanges(tx, { loadId, source: request.source, stream: request.stream, target: request.target, at: loadedAt }, schemaChanges);
  }
  const stageBecameTarget = await writeRows(tx, {
    target: request.target, stage, targetExists: targetColumns !== null, disposition: request.disposition,
    primaryKey: request.primaryKey,
    ...(request.dedupOrder === undefined ? {} : { dedupOrder: request.dedupOrder }),
    ...(request.keysUnique ? { keysUnique: true } : {}),
    columns: stagedColumns.map((c) => c.name),
  });
  const deleted = request.deletes ? await deleteMissingKeys(tx, request.target, request.primaryKey, request.deletes.keys) : 0;
  if (!stageBecameTarget) await tx.run(d.dropRelation(stage, 'table'));
  await options.checkpoint?.('data-written');

  if (request.resetState) await clearState(tx, request.source, request.stream);
  if (request.cursor) await writeCursor(tx, request.source, request.stream, request.cursor.after, loadId, loadedAt);
  if (request.ledger) await writeLedger(tx, request.source, request.stream, request.ledger, loadId, loadedAt);
  return { rows, rejected, deleted, schemaChanges };
}
