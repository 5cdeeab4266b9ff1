// Does: turns an API URL's query string into a metric request or filters (repeated or comma-separated values),
// rejecting parameters the API does not know so a typo is an error rather than a silently unfiltered chart.
// Does not: check names against the layer (the metrics layer does, with the closest valid names).
import { closestNames } from '../config/index.js';
import { MercatorError } from '../errors/index.js';
import type { DateGrain, MetricFilters, MetricLayer, MetricRequest } from '../metrics/index.js';

const COMMON = ['from', 'to', '_'];

function list(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) throw new MercatorError('METRICS_BAD_REQUEST', { detail: `\`${name}\` given ${values.length} times` }, { hint: `Give ${name} once.` });
  const v = values[0]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** Filter parameters: from, to and one per category dimension of the layer. */
export function parseFilters(layer: MetricLayer, params: URLSearchParams, extra: readonly string[] = []): MetricFilters {
  const filterNames = Object.values(layer.dimensions).filter((d) => d.type === 'category').map((d) => d.name);
  const known = [...COMMON, ...filterNames, ...extra];
  for (const key of new Set(params.keys())) {
    if (!known.includes(key)) {
      const near = closestNames(key, known.filter((k) => k !== '_'), 1)[0];
      throw new MercatorError('METRICS_UNKNOWN_FILTER', { name: key, known: known.filter((k) => k !== '_').join(', ') }, near ? { hint: `Did you mean \`${near}\`? Parameters here: ${known.filter((k) => k !== '_').join(', ')}.` } : {});
    }
  }
  const filters: MetricFilters = {};
  const from = single(params, 'from');
  const to = single(params, 'to');
  if (from !== undefined) filters.from = from;
  if (to !== undefined) filters.to = to;
  const values: Record<string, string[]> = {};
  for (const name of filterNames) {
    const v = list(params, name);
    if (v.length > 0) values[name] = v;
  }
  if (Object.keys(values).length > 0) filters.values = values;
  return filters;
}

/** `/api/metrics?metrics=a,b&dimensions=date:month,category&sort=-a&limit=10&<filters>`. */
export function parseMetricRequest(layer: MetricLayer, params: URLSearchParams): MetricRequest {
  const filters = parseFilters(layer, params, ['metrics', 'dimensions', 'sort', 'limit']);
  const metrics = list(params, 'metrics');
  const dimensions = list(params, 'dimensions').map((text) => {
    const [name, grain, ...rest] = text.split(':');
    if (rest.length > 0 || name === undefined) throw new MercatorError('METRICS_BAD_REQUEST', { detail: `dimension \`${text}\`` }, { hint: 'Write a dimension as name or date:grain, e.g. date:month.' });
    return grain === undefined ? { name } : { name, grain: grain as DateGrain };
  });
  const sort = list(params, 'sort').map((s) => (s.startsWith('-') ? { by: s.slice(1), desc: true } : { by: s.replace(/^\+/, ''), desc: false }));
  const limitText = single(params, 'limit');
  let limit: number | undefined;
  if (limitText !== undefined) {
    limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
    if (Number.isNaN(limit)) throw new MercatorError('METRICS_BAD_REQUEST', { detail: `limit=${limitText}` }, { hint: 'Use a whole number, e.g. limit=10.' });
  }
  return { metrics, dimensions, filters, ...(sort.length > 0 ? { sort } : {}), ...(limit !== undefined ? { limit } : {}) };
}

/** A stable cache key for an endpoint and its parameters (order of parameters and values does not matter). */
export function cacheKey(endpoint: string, params: URLSearchParams): string {
  const entries = [...new Set(params.keys())]
    .filter((k) => k !== '_')
    .sort()
    .map((k) => {
      const values = list(params, k);
      // Order matters for metrics, dimensions and sort (column order); filter values are a set.
      return `${k}=${['metrics', 'dimensions', 'sort'].includes(k) ? values.join(',') : [...values].sort().join(',')}`;
    });
  return `${endpoint}?${entries.join('&')}`;
}
