// Does: dispatches one configured source to its connector: resolve (secrets, paths), then extract and load.
// Does not: know any connector's internals.
import type { Warehouse } from '../warehouse/index.js';
import { ingestFilesSource } from './files/ingest-files.js';
import { resolveFilesSource } from './files/resolve.js';
import { ingestPostgresSource } from './postgres/ingest-postgres.js';
import { resolvePostgresSource } from './postgres/resolve.js';
import type { SourceConfig } from './source-config.js';
import { ingestStripeSource } from './stripe/ingest-stripe.js';
import { resolveStripeSource } from './stripe/resolve.js';
import type { IngestSourceOptions, IngestSourceOutcome } from './stream-reporter.js';

/** Stream names a source declares (files streams, postgres tables, stripe objects). */
export function streamNamesOf(config: SourceConfig): string[] {
  switch (config.type) {
    case 'files':
      return Object.keys(config.streams);
    case 'postgres':
      return Object.keys(config.tables);
    case 'stripe':
      return [...config.streams];
  }
}

/** Resolves and runs one source. */
export async function ingestSource(
  warehouse: Warehouse,
  name: string,
  config: SourceConfig,
  options: IngestSourceOptions & { projectDir: string; env?: NodeJS.ProcessEnv },
): Promise<IngestSourceOutcome> {
  switch (config.type) {
    case 'files':
      return ingestFilesSource(warehouse, resolveFilesSource(name, config, options.projectDir), options);
    case 'postgres':
      return ingestPostgresSource(warehouse, options.env ? resolvePostgresSource(name, config, options.env) : resolvePostgresSource(name, config), options);
    case 'stripe':
      return ingestStripeSource(warehouse, options.env ? resolveStripeSource(name, config, options.env) : resolveStripeSource(name, config), options);
  }
}
