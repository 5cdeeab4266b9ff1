// Does: reads the `sources:` of a project's mercator.yml and validates each entry with its connector's schema.
// Does not: resolve secrets or connect; each connector's resolve.ts does that when the source runs.
import { join } from 'node:path';
import { MERCATOR_CONFIG_FILE, mercatorConfigSchema, readYamlSource, validateYamlAt, validateYamlSource, type MercatorConfig } from '../config/index.js';
import { filesSourceSchema, type FilesSourceConfig } from './files/config-schema.js';
import { postgresSourceSchema, type PostgresSourceConfig } from './postgres/config-schema.js';
import { stripeSourceSchema, type StripeSourceConfig } from './stripe/config-schema.js';

/** One validated source entry, tagged by connector type. */
export type SourceConfig = FilesSourceConfig | PostgresSourceConfig | StripeSourceConfig;

/** The project's validated mercator.yml and its sources by name. */
export interface ProjectSources {
  file: string;
  config: MercatorConfig;
  sources: Record<string, SourceConfig>;
}

const SCHEMAS = { files: filesSourceSchema, postgres: postgresSourceSchema, stripe: stripeSourceSchema } as const;

/** Loads `<projectDir>/mercator.yml`; errors name the file, line and full key path (`sources.shop.tables.orders.cursr`). */
export function loadProjectSources(projectDir: string): ProjectSources {
  const file = join(projectDir, MERCATOR_CONFIG_FILE);
  const yaml = readYamlSource(file);
  const config = validateYamlSource(yaml, mercatorConfigSchema);
  const sources: Record<string, SourceConfig> = {};
  for (const [name, entry] of Object.entries(config.sources)) {
    sources[name] = validateYamlAt(yaml, ['sources', name], SCHEMAS[entry.type]) as SourceConfig;
  }
  return { file, config, sources };
}
