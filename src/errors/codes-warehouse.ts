import { EXIT, type ErrorSpec } from './error-spec.js';

/** Errors of the warehouse layer: opening, querying, loading and configuring a warehouse. */
export const warehouseCodes = {
  WAREHOUSE_QUERY_FAILED: {
    message: '{type} query failed: {detail}\n  SQL: {sql}',
    hint: 'Read the engine message above; the failing SQL is shown with it (in full with --debug).',
    exit: EXIT.failure,
  },
  WAREHOUSE_CONNECT_FAILED: {
    message: 'Could not open the {type} warehouse at {target}: {detail}',
    hint: 'Check that the path exists and is writable, and that the settings in the warehouse config are valid.',
    exit: EXIT.source,
  },
  WAREHOUSE_ADAPTER_UNAVAILABLE: {
    message: 'The {type} warehouse adapter is not available yet.',
    hint: 'Use `type: duckdb` for now; adapters available: {available}.',
    exit: EXIT.usage,
  },
  WAREHOUSE_CONFIG_INVALID: {
    message: 'Invalid warehouse config: {path}: {detail}',
    hint: '{suggestion}',
    exit: EXIT.usage,
  },
  WAREHOUSE_BULK_LOAD_FAILED: {
    message: 'Bulk load of {count} {format} file(s) into {target} failed: {detail}',
    hint: 'Check that the files exist, that the reader options (header, delim, columns) match them, and for `append` that the columns match the table.',
    exit: EXIT.failure,
  },
  WAREHOUSE_PARAM_INVALID: {
    message: 'Cannot bind query parameter {name}: {detail}',
    hint: 'Pass null, boolean, number, bigint, string, Date, Uint8Array, SqlDecimal, arrays or plain objects of those.',
    exit: EXIT.internal,
  },
  WAREHOUSE_CLOSED: {
    message: 'The {type} warehouse is closed; cannot run: {sql}',
    hint: 'Open a new warehouse with openWarehouse(); a warehouse cannot be used after close() or after its transaction ended.',
    exit: EXIT.internal,
  },
} as const satisfies Record<string, ErrorSpec>;
