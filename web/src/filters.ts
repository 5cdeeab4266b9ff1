// Page filters and their place in the URL query string, so a copied link reproduces the view.

/** Dimensions the filter bar and chart clicks can filter on (query parameters of every data endpoint). */
export const FILTER_DIMENSIONS = ['category', 'country', 'segment', 'channel', 'payment_method', 'product'] as const;

/** One filterable dimension. */
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Date range and dimension filters of the page; an absent date means the server's default range. */
export interface Filters {
  from?: string;
  to?: string;
  values: Record<FilterDimension, string[]>;
}

/** Date range presets of the filter bar, all ending on the last day with data. */
export const PRESETS = ['7d', '30d', '90d', '12m', 'all'] as const;

/** One preset. */
export type Preset = (typeof PRESETS)[number];

/** The preset the server applies when the URL has no dates. */
export const DEFAULT_PRESET: Preset = '90d';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-13-45). */
function isDate(text: string | null): text is string {
  if (!text || !DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Filters with nothing set. */
export function emptyFilters(): Filters {
  return { values: { category: [], country: [], segment: [], channel: [], payment_method: [], product: [] } };
}

/** Reads filters from a query string; repeated and comma-separated values both count, bad dates are dropped. */
export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const filters = emptyFilters();
  const from = params.get('from');
  const to = params.get('to');
  if (isDate(from)) filters.from = from;
  if (isDate(to)) filters.to = to;
  // A range that ends before it starts selects nothing any reader meant: fall back to the default range.
  if (filters.from && filters.to && filters.from > filters.to) {
    delete filters.from;
    delete filters.to;
  }
  for (const dim of FILTER_DIMENSIONS) {
    const values = params.getAll(dim).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
    filters.values[dim] = [...new Set(values)];
  }
  return filters;
}

/** Query parameters for the filters, leaving out `omit` (a chart that is itself the filter on a dimension). */
export function filterParams(filters: Filters, omit: readonly FilterDimension[] = []): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  for (const dim of FILTER_DIMENSIONS) {
    if (omit.includes(dim)) continue;
    const values = filters.values[dim];
    if (values.length > 0) params.set(dim, values.join(','));
  }
  return params;
}

/** The query string of the filters (with its `?`, or empty). */
export function filtersToSearch(filters: Filters): string {
  const text = filterParams(filters).toString();
  return text ? `?${text}` : '';
}

/** True when both filter sets select the same view. */
export function sameFilters(a: Filters, b: Filters): boolean {
  return filtersToSearch(a) === filtersToSearch(b);
}

/** A copy of the filters with one dimension set to `values`. */
export function withValues(filters: Filters, dim: FilterDimension, values: string[]): Filters {
  return { ...filters, values: { ...filters.values, [dim]: values } };
}

/** Adds days to a `YYYY-MM-DD` date (UTC calendar arithmetic). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds months to a `YYYY-MM-DD` date, clamping to the month's last day. */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/** The dates a preset selects, ending on the last day with data. */
export function presetRange(preset: Preset, bounds: { min: string | null; max: string | null }): { from: string; to: string } | undefined {
  const max = bounds.max;
  if (!max) return undefined;
  switch (preset) {
    case '7d':
      return { from: addDays(max, -6), to: max };
    case '30d':
      return { from: addDays(max, -29), to: max };
    case '90d':
      return { from: addDays(max, -89), to: max };
    case '12m':
      return { from: addDays(addMonths(max, -12), 1), to: max };
    case 'all':
      return bounds.min ? { from: bounds.min, to: max } : undefined;
  }
}

/** The dates the filters select, with the server's default range when the URL has none. */
export function effectiveRange(filters: Filters, bounds: { min: string | null; max: string | null }): { from: string; to: string } | undefined {
  const fallback = presetRange(DEFAULT_PRESET, bounds);
  const to = filters.to ?? fallback?.to;
  const from = filters.from ?? (filters.to ? addDays(filters.to, -89) : fallback?.from);
  return from && to ? { from, to } : undefined;
}

/** The preset the filters' dates equal, if any. */
export function activePreset(filters: Filters, bounds: { min: string | null; max: string | null }): Preset | undefined {
  if (!filters.from && !filters.to) return DEFAULT_PRESET;
  return PRESETS.find((p) => {
    const range = presetRange(p, bounds);
    return range !== undefined && range.from === filters.from && range.to === filters.to;
  });
}
