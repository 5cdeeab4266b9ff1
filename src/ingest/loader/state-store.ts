// Does: reads and writes `_mercator.state`: one cursor per stream and the ledger of files already loaded.
// Does not: decide cursor values or which files are new; connectors do.
import type { Warehouse } from '../../warehouse/index.js';
import type { LedgerEntry } from './load-request.js';
import { METADATA_SCHEMA, ensureIngestMetadata } from './metadata-schema.js';

const stateTable = (wh: Warehouse): string => wh.dialect.relation({ schema: METADATA_SCHEMA, name: 'state' });

/** The committed cursor of a stream as exact text, or null before its first load. */
export async function readCursor(wh: Warehouse, source: string, stream: string): Promise<string | null> {
  await ensureIngestMetadata(wh);
  const result = await wh.query(
    `SELECT value FROM ${stateTable(wh)} WHERE source = $1 AND stream = $2 AND kind = 'cursor' AND key = ''`,
    [source, stream],
  );
  const value = result.rows[0]?.['value'];
  return typeof value === 'string' ? value : null;
}

/** Paths of the files already loaded for a stream. */
export async function readLedger(wh: Warehouse, source: string, stream: string): Promise<Set<string>> {
  await ensureIngestMetadata(wh);
  const result = await wh.query(
    `SELECT key FROM ${stateTable(wh)} WHERE source = $1 AND stream = $2 AND kind = 'file'`,
    [source, stream],
  );
  return new Set(result.rows.map((row) => String(row['key'])));
}

/** Replaces the stream's cursor; call inside the load's transaction. */
export async function writeCursor(tx: Warehouse, source: string, stream: string, value: string | null, loadId: string, at: string): Promise<void> {
  await tx.run(`DELETE FROM ${stateTable(tx)} WHERE source = $1 AND stream = $2 AND kind = 'cursor'`, [source, stream]);
  if (value === null) return;
  await tx.run(
    `INSERT INTO ${stateTable(tx)} (source, stream, kind, key, value, load_id, updated_at) VALUES ($1, $2, 'cursor', '', $3, $4, CAST($5 AS TIMESTAMPTZ))`,
    [source, stream, value, loadId, at],
  );
}

/** Records files as loaded; call inside the load's transaction so data and ledger commit together. */
export async function writeLedger(tx: Warehouse, source: string, stream: string, entries: readonly LedgerEntry[], loadId: string, at: string): Promise<void> {
  for (const entry of entries) {
    await tx.run(
      `INSERT INTO ${stateTable(tx)} (source, stream, kind, key, value, load_id, updated_at) VALUES ($1, $2, 'file', $3, $4, $5, CAST($6 AS TIMESTAMPTZ))`,
      [source, stream, entry.path, JSON.stringify({ size: entry.size, mtimeMs: entry.mtimeMs }), loadId, at],
    );
  }
}

/** Forgets a stream's cursor and ledger (`--full-refresh`); runs inside the replacing load's transaction. */
export async function clearState(tx: Warehouse, source: string, stream: string): Promise<void> {
  await tx.run(`DELETE FROM ${stateTable(tx)} WHERE source = $1 AND stream = $2`, [source, stream]);
}
