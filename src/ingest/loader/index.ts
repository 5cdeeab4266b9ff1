// Does: the loader: write dispositions, load ids, cursor and file-ledger state, schema evolution, rejected rows.
// Does not: read any source system; connectors describe loads as SQL over files the warehouse reads.
export { runLoad, LOAD_ID_COLUMN, LOADED_AT_COLUMN } from './run-load.js';
export { ensureIngestMetadata, METADATA_SCHEMA } from './metadata-schema.js';
export { readCursor, readLedger, writeCursor, writeLedger, clearState } from './state-store.js';
export { widenType, normaliseType } from './widen-type.js';
export { countRows } from './write-rows.js';
export { newLoadId } from './load-id.js';
export type * from './load-request.js';
