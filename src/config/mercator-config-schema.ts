import { z } from 'zod';

/** The warehouse a project builds into; adapters validate their own keys (src/warehouse/<type>). */
export const warehouseRefSchema = z
  .object({ type: z.enum(['duckdb', 'postgres', 'snowflake', 'bigquery']) })
  .catchall(z.unknown());

/**
 * `mercator.yml`: the platform config of a project, next to its dbt_project.yml.
 * Sections for ingestion, schedules, alerts and dashboards are added by the modules that use them.
 */
export const mercatorConfigSchema = z.strictObject({
  version: z.literal(1).default(1),
  name: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'must be lower_snake_case (letters, digits, underscores)'),
  /** Folder of the dbt project, relative to mercator.yml. */
  dbt_project_dir: z.string().default('.'),
  /** Overrides the warehouse from profiles.yml. */
  warehouse: warehouseRefSchema.optional(),
  /** Systems to ingest from, by name; each connector validates its own entry (src/ingest/<type>/config-schema.ts). */
  sources: z.record(z.string(), z.object({ type: z.enum(['postgres', 'stripe', 'files']) }).catchall(z.unknown())).default({}),
});

/** A validated mercator.yml. */
export type MercatorConfig = z.output<typeof mercatorConfigSchema>;
