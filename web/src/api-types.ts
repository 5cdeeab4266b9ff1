// Shapes of the dashboard API (docs/dashboard-api.md) as the client reads them.

/** How a column is drawn: on a time axis, as categories, or as a value. */
export type ColumnType = 'time' | 'category' | 'number';

/** How a number is written: dollars, a count, a fraction shown as percent, or a plain ratio. */
export type ValueFormat = 'usd' | 'count' | 'percent' | 'ratio';

/** One column of a query answer. */
export interface Column {
  name: string;
  label: string;
  type: ColumnType;
  format?: ValueFormat | null;
}

/** One cell: numbers are JSON numbers, dates `YYYY-MM-DD` strings. */
export type Cell = string | number | boolean | null;

/** Answer of /api/metrics, /api/analysis/<name>, /api/ops/tests and /api/ops/freshness. */
export interface QueryResult {
  columns: Column[];
  rows: Cell[][];
  asOf?: string;
  cached?: boolean;
  ignoredFilters?: string[];
}

/** A metric the server knows. */
export interface MetricInfo {
  name: string;
  label: string;
  format: ValueFormat;
  description?: string;
}

/** A dimension the server knows. */
export interface DimensionInfo {
  name: string;
  label: string;
  type: string;
}

/** Answer of /api/meta. */
export interface Meta {
  asOf: string | null;
  refreshSeconds: number;
  metrics: MetricInfo[];
  dimensions: DimensionInfo[];
  filterValues: Partial<Record<string, string[]>>;
  dateBounds: { min: string | null; max: string | null };
}

/** One KPI card of /api/kpis. */
export interface KpiCard {
  name: string;
  label: string;
  format: ValueFormat;
  value: number | null;
  previous: number | null;
  change: number | null;
}

/** Answer of /api/kpis. */
export interface Kpis {
  period: { from: string; to: string };
  previous: { from: string; to: string };
  cards: KpiCard[];
  ignoredFilters?: string[];
}

/** One step of a pipeline run. */
export interface RunStep {
  /** The node's unique id (`test.shop.unique_x.1a2b3c`) or `ingest:<source>.<stream>`. */
  name: string;
  /** Its short name (`unique_x`), when the server sends one. */
  label?: string;
  kind: string;
  status: string;
  rows: number | null;
  durationMs: number | null;
  error: string | null;
}

/** One pipeline run of /api/ops/runs. */
export interface Run {
  runId: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  steps: RunStep[];
}

/** Answer of /api/ops/lineage. */
export interface Lineage {
  nodes: { id: string; name: string; resourceType: string; layer: string }[];
  edges: { from: string; to: string }[];
}

/** What the server puts into `window.__MERCATOR__`. */
export interface Bootstrap {
  page?: string;
  asOf?: string | null;
  refreshSeconds?: number;
  meta?: Meta;
  kpis?: Kpis;
}

/** Error body of every JSON endpoint. */
export interface ApiErrorBody {
  error: { code: string; message: string; hint?: string };
}
