// Does: the FROM / JOIN / WHERE of one model scan: joins only what the requested dimensions and filters need,
// dimension expressions at a date grain, and filter values as bound parameters ($n).
// Does not: aggregate (the metric compiler and the analyses put the SELECT around it).
import type { DateGrain, MetricLayer, ModelDef } from './metric-layer.js';
import type { MetricFilters } from './metric-request.js';

/** The model's own rows are read under this alias; join names are their aliases. */
export const BASE_ALIAS = '__base';

/** Double-quotes an identifier that the layer validated (letters, digits, underscores). */
export function q(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Positional parameters shared by every part of one statement. */
export class ParamList {
  readonly values: unknown[] = [];
  /** Adds a value and returns its placeholder (`$3`). */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** What a scan needs: dimensions to select, filters to apply (already restricted to the ones that apply). */
export interface ScanSpec {
  model: string;
  dimensions: readonly { name: string; grain?: DateGrain }[];
  filters: MetricFilters;
  /** Extra conditions from the layer (a metric's filter shared by every aggregate of the scan). */
  where?: readonly string[];
}

/** SQL pieces of a scan: `selectDims` are `expr AS "name"` items, `from` includes joins, `where` may be empty. */
export interface ScanSql {
  dimensionExprs: { name: string; expr: string }[];
  from: string;
  where: string;
}

/** SQL for a column of the model: its own or a joined model's. */
export function dimensionExpr(model: ModelDef, dimension: string, grain?: DateGrain): { expr: string; join: string | null } {
  const col = model.dimensions[dimension]!;
  const ref = `${q(col.join ?? BASE_ALIAS)}.${q(col.column)}`;
  if (dimension !== 'date') return { expr: ref, join: col.join };
  const g = grain ?? 'day';
  return { expr: g === 'day' ? `CAST(${ref} AS DATE)` : `CAST(date_trunc('${g}', ${ref}) AS DATE)`, join: col.join };
}

/** Builds the scan; filters on dimensions the model lacks must have been removed by the caller. */
export function modelScan(layer: MetricLayer, spec: ScanSpec, params: ParamList): ScanSql {
  const model = layer.models[spec.model]!;
  const joins = new Set<string>();
  const dimensionExprs = spec.dimensions.map((d) => {
    const { expr, join } = dimensionExpr(model, d.name, d.grain);
    if (join) joins.add(join);
    return { name: d.name, expr };
  });
  const conditions: string[] = [...(spec.where ?? []).map((w) => `(${w})`)];
  const { from, to, values } = spec.filters;
  if (from !== undefined || to !== undefined) {
    const col = model.dimensions['date']!;
    if (col.join) joins.add(col.join);
    const ref = `${q(col.join ?? BASE_ALIAS)}.${q(col.column)}`;
    // A half-open range works for DATE and TIMESTAMP columns alike and keeps the column bare for pruning.
    if (from !== undefined) conditions.push(`${ref} >= CAST(${params.add(from)} AS DATE)`);
    if (to !== undefined) conditions.push(`${ref} < CAST(${params.add(to)} AS DATE) + INTERVAL 1 DAY`);
  }
  for (const [dimension, accepted] of Object.entries(values ?? {})) {
    if (accepted.length === 0) continue;
    const { expr, join } = dimensionExpr(model, dimension);
    if (join) joins.add(join);
    conditions.push(`${expr} IN (${accepted.map((v) => params.add(v)).join(', ')})`);
  }
  let fromSql = `${q(model.schema)}.${q(model.name)} AS ${q(BASE_ALIAS)}`;
  for (const name of [...joins].sort()) {
    const j = model.joins[name]!;
    const on = Object.entries(j.on).map(([left, right]) => `${q(BASE_ALIAS)}.${q(left)} = ${q(name)}.${q(right)}`);
    if (j.where) on.push(`(${j.where})`);
    fromSql += `\n  LEFT JOIN ${q(j.schema)}.${q(j.model)} AS ${q(name)} ON ${on.join(' AND ')}`;
  }
  return { dimensionExprs, from: fromSql, where: conditions.length > 0 ? conditions.join('\n    AND ') : '' };
}

/** The filters that apply to something sliceable by `dimensions`, and the names of those that do not. */
export function applicableFilters(filters: MetricFilters, dimensions: readonly string[]): { filters: MetricFilters; ignored: string[] } {
  const out: MetricFilters = {};
  const ignored: string[] = [];
  if (filters.from !== undefined || filters.to !== undefined) {
    if (dimensions.includes('date')) {
      if (filters.from !== undefined) out.from = filters.from;
      if (filters.to !== undefined) out.to = filters.to;
    } else ignored.push('date');
  }
  const values: Record<string, readonly string[]> = {};
  for (const [name, accepted] of Object.entries(filters.values ?? {})) {
    if (accepted.length === 0) continue;
    if (dimensions.includes(name)) values[name] = accepted;
    else ignored.push(name);
  }
  if (Object.keys(values).length > 0) out.values = values;
  return { filters: out, ignored };
}

/** A stable text key of applicable filters (which dimensions are filtered, not the values). */
export function filterShapeKey(filters: MetricFilters): string {
  return [filters.from !== undefined ? 'from' : '', filters.to !== undefined ? 'to' : '', ...Object.keys(filters.values ?? {}).sort()].join('|');
}
