import { z } from 'zod';
import { serveConfigSchema } from './serve-config-schema.js';

/** The warehouse a project builds into; adapters validate their own keys (src/warehouse/<type>). */
export const warehouseRefSchema = z
  .object({ type: z.enum(['duckdb', 'postgres', 'snowflake', 'bigquery']) })
  .catchall(z.unknown());

/** A clock time `HH:MM` (24 h). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time HH:MM such as '07:00'");

/** An IANA time zone the runtime knows (`UTC`, `Europe/Berlin`). */
const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as UTC or Europe/Berlin');

/** `schedule`: when the pipeline runs; `cron` has 5 fields (minute hour day-of-month month day-of-week), checked field by field by `mercator schedule`. */
export const scheduleSchema = z.strictObject({
  cron: z.string().regex(/^\s*\S+(\s+\S+){4}\s*$/, 'must have 5 fields: minute hour day-of-month month day-of-week'),
  timezone: timeZone.default('UTC'),
});

/** A value that is a `${VAR}` reference (resolved when used) or an http(s) URL. */
const urlOrEnv = z.string().regex(/^(\$\{[A-Za-z_][A-Za-z0-9_]*\}|https?:\/\/\S+)$/, 'must be an http(s) URL or a ${VAR} reference');

/** `alerts`: where failures and SLA misses are reported. */
export const alertsSchema = z.strictObject({
  channels: z
    .array(z.discriminatedUnion('type', [z.strictObject({ type: z.literal('slack'), webhook_url: urlOrEnv, channel: z.string().optional() }), z.strictObject({ type: z.literal('log') })]))
    .min(1),
  on: z.array(z.enum(['failure', 'sla_miss'])).default(['failure']),
});

/** `sla`: the pipeline's daily deadline, in the schedule's time zone. */
export const slaSchema = z.strictObject({ finish_by: clockTime });

/** Dashboard pages (docs/dashboard-api.md). */
export const DASHBOARD_PAGES = ['overview', 'sales', 'products', 'geography', 'customers', 'payments', 'marketing', 'funnel', 'operations'] as const;

/** `dashboards`: which pages the dashboard shows and how often it refreshes. */
export const dashboardsSchema = z.strictObject({
  refresh_seconds: z.number().int().min(5).default(300),
  pages: z.array(z.enum(DASHBOARD_PAGES)).min(1).default([...DASHBOARD_PAGES]),
});

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
  /** The dashboard server (`mercator serve`): users, IP allowlist, refresh interval. */
  serve: serveConfigSchema.optional(),
  schedule: scheduleSchema.optional(),
  alerts: alertsSchema.optional(),
  sla: slaSchema.optional(),
  dashboards: dashboardsSchema.optional(),
});

/** A validated mercator.yml. */
export type MercatorConfig = z.output<typeof mercatorConfigSchema>;
