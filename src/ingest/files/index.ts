// Does: the files connector: CSV, JSONL and Parquet from a path, a glob or a landing folder loaded exactly once.
// Does not: parse rows in JS; the warehouse's native readers read the files.
export { filesSourceSchema, filesStreamSchema, type FilesSourceConfig, type FilesStreamConfig } from './config-schema.js';
export { resolveFilesSource, formatOfPath, type ResolvedFilesSource, type ResolvedFilesStream } from './resolve.js';
export { planFilesLoads, type FilesExtractOptions, type FilesLoad } from './extract.js';
export { listFiles, globToRegExp, type FoundFile } from './list-files.js';
export { FILE_COLUMN, readerOptions } from './type-mapping.js';
export { ingestFilesSource } from './ingest-files.js';
