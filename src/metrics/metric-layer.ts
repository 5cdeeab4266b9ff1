// Does: the checked, in-memory form of metrics.yml the compiler works on.
// Does not: read files (load-metric-layer.ts does) or run SQL.
import { metricRefs, type MetricExpr } from './metric-expr.js';
import type { MetricFormat, MetricsFile } from './metrics-schema.js';

/** Grains of the `date` dimension. */
export const DATE_GRAINS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type DateGrain = (typeof DATE_GRAINS)[number];

/** A dimension as the API lists it. */
export interface DimensionDef {
  name: string;
  label: string;
  type: 'time' | 'category';
  description?: string;
}

/** Where a dimension's values come from in one model: a column of the model (`join` null) or of a joined model. */
export interface DimensionColumn {
  join: string | null;
  column: string;
}

/** A join of a model to another relation, used only when a requested dimension or filter needs it. */
export interface JoinDef {
  name: string;
  schema: string;
  model: string;
  on: Readonly<Record<string, string>>;
  where?: string;
}

/** A mart metrics aggregate over. */
export interface ModelDef {
  name: string;
  schema: string;
  joins: Readonly<Record<string, JoinDef>>;
  dimensions: Readonly<Record<string, DimensionColumn>>;
}

interface MetricBase {
  name: string;
  label: string;
  format: MetricFormat;
  description: string;
  /** Dimensions it can be sliced and filtered by. */
  dimensions: readonly string[];
  hidden: boolean;
}

/** An aggregation over one model's column. */
export interface AggregateMetric extends MetricBase {
  kind: 'aggregate';
  model: string;
  agg: 'sum' | 'count' | 'count_distinct' | 'avg';
  column?: string;
  filter?: string;
}

/** An expression of other metrics. */
export interface DerivedMetric extends MetricBase {
  kind: 'derived';
  expr: MetricExpr;
  exprText: string;
}

export type MetricDef = AggregateMetric | DerivedMetric;

/** The project's semantic layer: everything a request may name, checked and frozen. */
export interface MetricLayer {
  /** The metrics.yml it came from. */
  file: string;
  dimensions: Readonly<Record<string, DimensionDef>>;
  models: Readonly<Record<string, ModelDef>>;
  metrics: Readonly<Record<string, MetricDef>>;
  defaultRange: { model: string; column: string; days: number };
  analyses: MetricsFile['analyses'];
}

/** The aggregate metrics a metric is computed from (itself when it is one), each once. */
export function baseMetricsOf(layer: MetricLayer, name: string, seen = new Set<string>()): AggregateMetric[] {
  const metric = layer.metrics[name]!;
  if (metric.kind === 'aggregate') return seen.has(name) ? [] : (seen.add(name), [metric]);
  return metricRefs(metric.expr).flatMap((ref) => baseMetricsOf(layer, ref, seen));
}
