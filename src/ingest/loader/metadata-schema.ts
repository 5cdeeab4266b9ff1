// Does: creates the `_mercator` tables the loader writes: loads, state, rejected_rows, schema_changes.
// Does not: write rows into them (record-load.ts, state-store.ts and the connectors do).
import type { Warehouse } from '../../warehouse/index.js';

/** Schema holding Mercator's own bookkeeping tables. */
export const METADATA_SCHEMA = '_mercator';

/** Creates the ingestion metadata tables when missing; idempotent and cheap to call before every run. */
export async function ensureIngestMetadata(warehouse: Warehouse): Promise<void> {
  const d = warehouse.dialect;
  const t = {
    string: d.typeName('string'),
    bigint: d.typeName('bigint'),
    ts: d.typeName('timestamptz'),
  };
  const table = (name: string): string => d.relation({ schema: METADATA_SCHEMA, name });
  await warehouse.ensureSchema(METADATA_SCHEMA);
  await warehouse.run(`CREATE TABLE IF NOT EXISTS ${table('loads')} (
    load_id ${t.string} NOT NULL, source ${t.string} NOT NULL, stream ${t.string} NOT NULL, target ${t.string},
    disposition ${t.string}, status ${t.string} NOT NULL, rows ${t.bigint}, rejected_rows ${t.bigint}, bytes ${t.bigint},
    cursor_before ${t.string}, cursor_after ${t.string}, started_at ${t.ts} NOT NULL, finished_at ${t.ts},
    duration_ms ${t.bigint}, error ${t.string}
  )`);
  await warehouse.run(`CREATE TABLE IF NOT EXISTS ${table('state')} (
    source ${t.string} NOT NULL, stream ${t.string} NOT NULL, kind ${t.string} NOT NULL, key ${t.string} NOT NULL,
    value ${t.string}, load_id ${t.string} NOT NULL, updated_at ${t.ts} NOT NULL
  )`);
  await warehouse.run(`CREATE TABLE IF NOT EXISTS ${table('rejected_rows')} (
    load_id ${t.string} NOT NULL, source ${t.string} NOT NULL, stream ${t.string} NOT NULL, file ${t.string},
    line ${t.bigint}, column_name ${t.string}, reason ${t.string} NOT NULL, error_type ${t.string}, raw ${t.string},
    recorded_at ${t.ts} NOT NULL
  )`);
  await warehouse.run(`CREATE TABLE IF NOT EXISTS ${table('schema_changes')} (
    load_id ${t.string} NOT NULL, source ${t.string} NOT NULL, stream ${t.string} NOT NULL, table_name ${t.string} NOT NULL,
    column_name ${t.string} NOT NULL, change ${t.string} NOT NULL, old_type ${t.string}, new_type ${t.string},
    recorded_at ${t.ts} NOT NULL
  )`);
}
