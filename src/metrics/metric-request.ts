// Does: the shape of a metric request (metrics × dimensions, filters, sort, limit) and its validation
// against the layer: unknown names become coded errors with the closest valid names.
// Does not: build SQL (compile-metric-query.ts does).
import { closestNames } from '../config/index.js';
import { MercatorError } from '../errors/index.js';
import { DATE_GRAINS, type DateGrain, type MetricLayer } from './metric-layer.js';

/** A dimension to group by; `grain` only for `date` (default `day`). */
export interface DimensionRequest {
  name: string;
  grain?: DateGrain;
}

/** Filters applied to every metric that can be sliced by the filtered dimension. */
export interface MetricFilters {
  /** Inclusive first day, `YYYY-MM-DD`. */
  from?: string;
  /** Inclusive last day, `YYYY-MM-DD`. */
  to?: string;
  /** Dimension name → accepted values (any of them). */
  values?: Readonly<Record<string, readonly string[]>>;
}

/** One request: several metrics by the same dimensions. */
export interface MetricRequest {
  metrics: readonly string[];
  dimensions?: readonly DimensionRequest[];
  filters?: MetricFilters;
  /** Output column names (metric or dimension), descending when `desc`. Default: the dimensions ascending. */
  sort?: readonly { by: string; desc: boolean }[];
  /** At most this many rows (1..100000). */
  limit?: number;
}

/** Largest `limit` a request may ask for. */
export const MAX_LIMIT = 100_000;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks every name in the request; throws METRICS_* errors saying what is wrong and what is accepted. */
export function validateMetricRequest(layer: MetricLayer, request: MetricRequest): void {
  const visible = Object.values(layer.metrics).map((m) => m.name);
  if (request.metrics.length === 0) throw new MercatorError('METRICS_BAD_REQUEST', { detail: 'no metric requested' }, { hint: `Pass metrics=<name>[,<name>…]; known metrics: ${visible.join(', ')}.` });
  for (const name of request.metrics) {
    if (!Object.hasOwn(layer.metrics, name)) throw unknownName('METRICS_UNKNOWN_METRIC', name, visible, layer.file);
  }
  const dimensionNames = Object.keys(layer.dimensions);
  const seen = new Set<string>();
  for (const d of request.dimensions ?? []) {
    if (!Object.hasOwn(layer.dimensions, d.name)) throw unknownName('METRICS_UNKNOWN_DIMENSION', d.name, dimensionNames, layer.file);
    if (seen.has(d.name)) throw new MercatorError('METRICS_BAD_REQUEST', { detail: `dimension \`${d.name}\` requested twice` }, { hint: 'Name each dimension once.' });
    seen.add(d.name);
    if (d.grain !== undefined && (layer.dimensions[d.name]!.type !== 'time' || !DATE_GRAINS.includes(d.grain))) {
      throw new MercatorError('METRICS_BAD_REQUEST', { detail: `grain \`${String(d.grain)}\` for \`${d.name}\`` }, { hint: `Give the date one of the grains date:${DATE_GRAINS.join('|')}; other dimensions take none.` });
    }
    for (const m of request.metrics) {
      const metric = layer.metrics[m]!;
      if (!metric.dimensions.includes(d.name)) {
        throw new MercatorError('METRICS_DIMENSION_UNSUPPORTED', { metric: m, dimension: d.name, supported: metric.dimensions.join(', ') || '(none)' });
      }
    }
  }
  const filters = request.filters ?? {};
  for (const key of ['from', 'to'] as const) {
    const value = filters[key];
    if (value !== undefined && (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))) {
      throw new MercatorError('METRICS_BAD_REQUEST', { detail: `${key}=${JSON.stringify(value)} is not a date` }, { hint: `Write ${key} as YYYY-MM-DD, e.g. ${key}=2026-01-31.` });
    }
  }
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
    throw new MercatorError('METRICS_BAD_REQUEST', { detail: `from=${filters.from} is after to=${filters.to}` }, { hint: 'Swap the two dates.' });
  }
  const filterable = dimensionNames.filter((n) => layer.dimensions[n]!.type === 'category');
  for (const key of Object.keys(filters.values ?? {})) {
    if (!filterable.includes(key)) throw unknownName('METRICS_UNKNOWN_FILTER', key, filterable, layer.file);
  }
  const columns = [...request.metrics, ...(request.dimensions ?? []).map((d) => d.name)];
  for (const s of request.sort ?? []) {
    if (!columns.includes(s.by)) {
      throw new MercatorError('METRICS_BAD_REQUEST', { detail: `cannot sort by \`${s.by}\`` }, { hint: `Sort by a requested metric or dimension: ${columns.join(', ')} (prefix - for descending).` });
    }
  }
  if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_LIMIT)) {
    throw new MercatorError('METRICS_BAD_REQUEST', { detail: `limit=${String(request.limit)}` }, { hint: `Use a whole number from 1 to ${MAX_LIMIT}.` });
  }
}

function unknownName(code: 'METRICS_UNKNOWN_METRIC' | 'METRICS_UNKNOWN_DIMENSION' | 'METRICS_UNKNOWN_FILTER', name: string, known: string[], file: string): MercatorError {
  const near = closestNames(name, known, 1)[0];
  return new MercatorError(code, { name, known: known.join(', '), file }, near ? { hint: `Did you mean \`${near}\`? Known: ${known.join(', ')}.` } : {});
}
