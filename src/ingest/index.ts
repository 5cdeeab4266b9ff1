// Does: ingestion: connectors (postgres, stripe, files) declared under `sources:` in mercator.yml, and the loader
// that lands them in the raw layer exactly once. Does not: transform data beyond typing and flattening.
export { ingestProject, type IngestProjectOptions, type IngestSummary } from './ingest-project.js';
export { ingestSource, streamNamesOf } from './ingest-source.js';
export { loadProjectSources, type ProjectSources, type SourceConfig } from './source-config.js';
export { silentReporter, type StreamReporter, type IngestSourceOptions, type IngestSourceOutcome } from './stream-reporter.js';
export * from './loader/index.js';
export * as files from './files/index.js';
export * as postgres from './postgres/index.js';
export * as stripe from './stripe/index.js';
export { createIngestReporter, summaryTable, rowsPerSecond } from './ingest-log-reporter.js';
