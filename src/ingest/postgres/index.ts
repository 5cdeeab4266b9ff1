// Does: the postgres connector: selected tables, full or incremental (cursor + lookback), deletes, COPY to files.
// Does not: materialise rows as JS objects; the warehouse reads the COPY output natively.
export { postgresSourceSchema, postgresTableSchema, type PostgresSourceConfig, type PostgresTableConfig } from './config-schema.js';
export { resolvePostgresSource, type ResolvedPostgresSource, type ResolvedPostgresStream, type PostgresCredentials } from './resolve.js';
export { connectPostgres, connectError } from './connect-postgres.js';
export { extractPostgresStream, type PostgresExtract, type PostgresExtractOptions } from './extract.js';
export { introspectTable, type SourceTable, type SourceColumn } from './introspect-table.js';
export { copyQueryToFile, type CopyProgress } from './copy-to-file.js';
export { logicalTypeOf } from './type-mapping.js';
export { ingestPostgresSource } from './ingest-postgres.js';
export { copyTableInParallel, PARALLEL_MIN_PAGES, type ParallelCopySpec } from './parallel-copy.js';
