// Does: the data behind every JSON endpoint (meta, metrics, KPIs, analyses), answered from the result cache and
// computed through the metrics layer; filters without from/to get the layer's default range.
// Does not: speak HTTP (start-server.ts does) or build SQL (src/metrics does).
import {
  dateBounds,
  defaultDateRange,
  dimensionValues,
  headlineKpis,
  queryAnalysis,
  queryMetrics,
  type HeadlineKpiCards,
  type MetricFilters,
  type MetricLayer,
  type MetricResult,
} from '../metrics/index.js';
import type { Warehouse } from '../warehouse/index.js';
import { cacheKey, parseFilters, parseMetricRequest } from './request-params.js';
import type { ResultCache } from './result-cache.js';

/** /api/meta. */
export interface MetaAnswer {
  asOf: string | null;
  refreshSeconds: number;
  metrics: { name: string; label: string; format: string; description: string; dimensions: readonly string[] }[];
  dimensions: { name: string; label: string; type: string }[];
  filterValues: Record<string, string[]>;
  dateBounds: { min: string | null; max: string | null };
  defaultRange: { from: string; to: string } | null;
}

/** A metric or analysis answer with the API's extra fields. */
export type TableAnswer = MetricResult & { asOf: string | null; cached: boolean };

/** Filters the pickers offer values for (category dimensions except the many-valued product). */
const PICKER_FILTERS = ['category', 'country', 'segment', 'channel', 'payment_method'];

/** Answers the dashboard's data endpoints for one project. */
export class DashboardData {
  constructor(
    private readonly warehouse: Warehouse,
    readonly layer: MetricLayer,
    readonly cache: ResultCache,
    private readonly refreshSeconds: number,
  ) {}

  /** When the newest build finished (ISO), as the "data as of" line shows it. */
  async asOf(): Promise<string | null> {
    return (await this.cache.current()).asOf;
  }

  private async defaultRange(): Promise<{ from: string; to: string } | null> {
    return (await this.cache.get('internal:defaultRange', () => defaultDateRange(this.warehouse, this.layer))).value;
  }

  /** The request's filters with from/to defaulted: `days` up to the newest date, or `days` up to `to`. */
  async resolveFilters(filters: MetricFilters): Promise<MetricFilters> {
    if (filters.from !== undefined && filters.to !== undefined) return filters;
    const range = await this.defaultRange();
    if (range === null) return filters;
    const days = this.layer.defaultRange.days;
    const to = filters.to ?? (filters.from !== undefined && filters.from > range.to ? filters.from : range.to);
    const from = filters.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
    return { ...filters, from, to };
  }

  async meta(): Promise<MetaAnswer> {
    const { value } = await this.cache.get('meta', async () => {
      const filterValues: Record<string, string[]> = {};
      for (const name of PICKER_FILTERS) if (this.layer.dimensions[name]) filterValues[name] = await dimensionValues(this.warehouse, this.layer, name);
      const bounds = await dateBounds(this.warehouse, this.layer);
      return {
        metrics: Object.values(this.layer.metrics).map((m) => ({ name: m.name, label: m.label, format: m.format, description: m.description, dimensions: m.dimensions })),
        dimensions: Object.values(this.layer.dimensions).map((d) => ({ name: d.name, label: d.label, type: d.type })),
        filterValues,
        dateBounds: { min: bounds?.min ?? null, max: bounds?.max ?? null },
        defaultRange: await this.defaultRange(),
      };
    });
    return { asOf: await this.asOf(), refreshSeconds: this.refreshSeconds, ...value };
  }

  /** /api/metrics. */
  async metrics(params: URLSearchParams): Promise<TableAnswer> {
    const request = parseMetricRequest(this.layer, params);
    const { value, cached } = await this.cache.get(cacheKey('metrics', params), async () =>
      queryMetrics(this.warehouse, this.layer, { ...request, filters: await this.resolveFilters(request.filters ?? {}) }),
    );
    return { ...value, asOf: await this.asOf(), cached };
  }

  /** /api/kpis (also the cards rendered into the overview's HTML). */
  async kpis(params: URLSearchParams): Promise<HeadlineKpiCards & { asOf: string | null; cached: boolean }> {
    const filters = parseFilters(this.layer, params);
    const { value, cached } = await this.cache.get(cacheKey('kpis', params), async () => {
      const resolved = await this.resolveFilters(filters);
      if (resolved.from === undefined || resolved.to === undefined) return null;
      return headlineKpis(this.warehouse, this.layer, { from: resolved.from, to: resolved.to }, resolved);
    });
    const empty = { period: { from: '', to: '' }, previous: { from: '', to: '' }, cards: [], ignoredFilters: [] };
    return { ...(value ?? empty), asOf: await this.asOf(), cached };
  }

  /** /api/analysis/<name>. */
  async analysis(name: string, params: URLSearchParams): Promise<TableAnswer> {
    const filters = parseFilters(this.layer, params);
    const { value, cached } = await this.cache.get(cacheKey(`analysis/${name}`, params), async () => queryAnalysis(this.warehouse, this.layer, name, await this.resolveFilters(filters)));
    return { ...value, asOf: await this.asOf(), cached };
  }
}
