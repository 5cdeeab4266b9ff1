// Does: the zod schema of a project's metrics.yml: dimensions, the marts metrics read (their joins and
// dimension columns), metrics (an aggregation or an expression of other metrics) and analyses.
// Does not: cross-check names between sections (load-metric-layer.ts does, with file and line).
import { z } from 'zod';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an identifier (letters, digits, underscores)');
const metricName = z.string().regex(/^[a-z_][a-z0-9_]*$/, 'expected a lower_snake_case name');
/** A SQL boolean expression written by the project's author (trusted like a model); one expression, no statements. */
const sqlCondition = z
  .string()
  .min(1)
  .refine((s) => !/;|--|\/\*/.test(s), 'one SQL expression without `;` or comments');

/** How a value is shown: dollars, a count, a share (0..1 shown as %), a plain ratio. */
export const metricFormatSchema = z.enum(['usd', 'count', 'percent', 'ratio']);

/** A dimension column of a model: a column of the model itself, or `{ join, column }` of a joined model. */
const dimensionColumnSchema = z.union([identifier, z.strictObject({ join: identifier, column: identifier })]);

/** A model joined to a mart to reach more dimensions: `on` maps the mart's columns to the joined model's columns. */
const joinSchema = z.strictObject({
  model: identifier.optional(),
  schema: identifier.optional(),
  on: z.record(identifier, identifier).refine((o) => Object.keys(o).length > 0, 'at least one column pair'),
  /** Extra join condition, e.g. `dim_customers.is_current`. */
  where: sqlCondition.optional(),
  description: z.string().optional(),
});

/** A mart metrics aggregate over. */
const modelSchema = z.strictObject({
  schema: identifier.optional(),
  description: z.string().optional(),
  joins: z.record(identifier, joinSchema).default({}),
  /** Dimension name → column; `date` must be a DATE or TIMESTAMP column. */
  dimensions: z.record(identifier, dimensionColumnSchema).default({}),
});

const metricCommon = {
  label: z.string().min(1),
  format: metricFormatSchema,
  description: z.string().min(1),
  /** Dimensions the metric can be sliced and filtered by; default: every dimension its model offers. */
  dimensions: z.array(identifier).optional(),
  /** Shown in /api/meta; helper metrics (the parts of a ratio) can be hidden from pickers. */
  hidden: z.boolean().default(false),
};

/** `sum`/`avg`/`count_distinct` of a column of the model, or `count` of rows (of non-null `column` when given). */
export const aggregateMetricSchema = z.strictObject({
  ...metricCommon,
  model: identifier,
  agg: z.enum(['sum', 'count', 'count_distinct', 'avg']),
  column: identifier.optional(),
  filter: sqlCondition.optional(),
});

/** An arithmetic expression (+ - * / parentheses, numbers) of other metrics; division by zero gives null. */
export const derivedMetricSchema = z.strictObject({
  ...metricCommon,
  expr: z.string().min(1),
});

const ltvHistogramSchema = z.strictObject({
  model: identifier,
  column: identifier,
  filter: sqlCondition.optional(),
  bins: z.number().int().min(2).max(200).default(20),
  /** Bins span 0 up to this quantile; larger values fall in the last bin (a few whales would squash the rest). */
  upper_quantile: z.number().gt(0).max(1).default(0.99),
});

const cohortRetentionSchema = z.strictObject({
  model: identifier,
  customer: identifier,
  date: identifier,
  filter: sqlCondition.optional(),
});

const funnelSchema = z.strictObject({
  model: identifier,
  steps: z.array(z.strictObject({ name: identifier, label: z.string().min(1), column: identifier })).min(2),
});

/** The whole metrics.yml. */
export const metricsFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  /** Schema of the marts when a model does not name its own. */
  schema: identifier.default('marts'),
  /** Range a request without `from`/`to` covers: `days` up to the newest `column` of `model`. */
  default_range: z.strictObject({ model: identifier, column: identifier, days: z.number().int().positive().default(90) }),
  dimensions: z.record(
    identifier,
    z.strictObject({ label: z.string().min(1), type: z.enum(['time', 'category']), description: z.string().optional() }),
  ),
  models: z.record(identifier, modelSchema),
  /** Each entry is checked against aggregateMetricSchema or derivedMetricSchema (by whether it has `expr`) for precise messages. */
  metrics: z.record(metricName, z.record(z.string(), z.unknown())),
  analyses: z
    .strictObject({
      ltv_histogram: ltvHistogramSchema.optional(),
      cohort_retention: cohortRetentionSchema.optional(),
      funnel: funnelSchema.optional(),
    })
    .default({}),
});

/** A validated metrics.yml, before cross-references are checked. */
export type MetricsFile = z.output<typeof metricsFileSchema>;
export type AggregateMetricSpec = z.output<typeof aggregateMetricSchema>;
export type DerivedMetricSpec = z.output<typeof derivedMetricSchema>;
export type MetricFormat = z.output<typeof metricFormatSchema>;
