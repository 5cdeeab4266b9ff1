import type { Warehouse } from '../../warehouse/index.js';
import { METADATA_SCHEMA } from './metadata-schema.js';

/** One row of `_mercator.loads`. */
export interface LoadRecord {
  loadId: string;
  source: string;
  stream: string;
  target: string;
  disposition: string;
  status: 'success' | 'failed';
  rows: number | null;
  rejected: number | null;
  bytes: number | null;
  cursorBefore: string | null;
  cursorAfter: string | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  error: string | null;
}

/** Inserts one row into `_mercator.loads` (inside the load's transaction for successes, after rollback for failures). */
export async function recordLoad(wh: Warehouse, r: LoadRecord): Promise<void> {
  const table = wh.dialect.relation({ schema: METADATA_SCHEMA, name: 'loads' });
  await wh.run(
    `INSERT INTO ${table} (load_id, source, stream, target, disposition, status, rows, rejected_rows, bytes, cursor_before, cursor_after, started_at, finished_at, duration_ms, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CAST($12 AS TIMESTAMPTZ), CAST($13 AS TIMESTAMPTZ), $14, $15)`,
    [
      r.loadId, r.source, r.stream, r.target, r.disposition, r.status,
      r.rows === null ? null : BigInt(r.rows), r.rejected === null ? null : BigInt(r.rejected), r.bytes === null ? null : BigInt(r.bytes),
      r.cursorBefore, r.cursorAfter, r.startedAt, r.finishedAt, BigInt(r.durationMs), r.error,
    ],
  );
}
