// Does: the analyses that are not metric × dimension, each ONE SQL statement over the marts metrics.yml names:
// ltv_histogram (bins computed in SQL), cohort_retention (first-order month × months since), funnel (step counts).
// Does not: take identifiers from the request; filters are bound parameters like metric queries.
import { MercatorError } from '../errors/index.js';
import type { Warehouse } from '../warehouse/index.js';
import type { ResultColumn } from './compile-metric-query.js';
import type { MetricLayer } from './metric-layer.js';
import { validateMetricRequest, type MetricFilters } from './metric-request.js';
import { applicableFilters, BASE_ALIAS, modelScan, ParamList, q } from './model-scan.js';
import { runLayerSql, shapeRows, type MetricResult } from './query-metrics.js';

/** Names of the analyses, in the order the API lists them. */
export const ANALYSIS_NAMES = ['ltv_histogram', 'cohort_retention', 'funnel'] as const;
export type AnalysisName = (typeof ANALYSIS_NAMES)[number];

/** A compiled analysis. */
export interface CompiledAnalysis {
  sql: string;
  params: unknown[];
  columns: ResultColumn[];
  ignoredFilters: string[];
}

/** Compiles an analysis; throws METRICS_UNKNOWN_ANALYSIS when the name is unknown or metrics.yml does not define it. */
export function compileAnalysis(layer: MetricLayer, name: string, filters: MetricFilters = {}): CompiledAnalysis {
  const defined = ANALYSIS_NAMES.filter((n) => layer.analyses[n] !== undefined);
  if (!(defined as string[]).includes(name)) throw new MercatorError('METRICS_UNKNOWN_ANALYSIS', { name, known: defined.join(', ') || '(none defined in metrics.yml)' });
  // Reuse the request validation for the filters (dates, known filter names).
  validateMetricRequest(layer, { metrics: [Object.keys(layer.metrics)[0]!], filters });
  const params = new ParamList();
  const analysis = name as AnalysisName;
  if (analysis === 'ltv_histogram') {
    const spec = layer.analyses.ltv_histogram!;
    const model = layer.models[spec.model]!;
    const applied = applicableFilters(filters, Object.keys(model.dimensions));
    const scan = modelScan(layer, { model: spec.model, dimensions: [], filters: applied.filters, ...(spec.filter ? { where: [spec.filter] } : {}) }, params);
    const value = `${q(BASE_ALIAS)}.${q(spec.column)}`;
    const sql = `WITH v AS (
  SELECT CAST(${value} AS DOUBLE) AS v
  FROM ${scan.from}${scan.where ? `\n  WHERE ${scan.where}` : ''}
),
bounds AS (
  -- Bins of a round width from 0 to the upper quantile; larger values land in the last bin.
  SELECT CASE WHEN hi <= 0 THEN 1 ELSE pow(10, floor(log10(hi / ${spec.bins}))) * (CASE WHEN hi / ${spec.bins} / pow(10, floor(log10(hi / ${spec.bins}))) <= 2 THEN 2 WHEN hi / ${spec.bins} / pow(10, floor(log10(hi / ${spec.bins}))) <= 5 THEN 5 ELSE 10 END) END AS width
  FROM (SELECT coalesce(quantile_cont(v, ${spec.upper_quantile}), 0) AS hi FROM v)
),
binned AS (
  SELECT least(CAST(floor(greatest(v, 0) / width) AS INTEGER), ${spec.bins - 1}) AS bin, count(*) AS n
  FROM v, bounds GROUP BY 1
)
SELECT b.bin * bounds.width AS bin_start, (b.bin + 1) * bounds.width AS bin_end, coalesce(binned.n, 0) AS customers
FROM bounds, range(0, ${spec.bins}) b(bin)
LEFT JOIN binned ON binned.bin = b.bin
WHERE EXISTS (SELECT 1 FROM v)
ORDER BY b.bin`;
    return {
      sql,
      params: params.values,
      columns: [
        { name: 'bin_start', label: 'From', type: 'number', format: 'usd' },
        { name: 'bin_end', label: 'To', type: 'number', format: 'usd' },
        { name: 'customers', label: 'Customers', type: 'number', format: 'count' },
      ],
      ignoredFilters: applied.ignored,
    };
  }
  if (analysis === 'cohort_retention') {
    const spec = layer.analyses.cohort_retention!;
    const model = layer.models[spec.model]!;
    // Cohorts are customers by the month of their first order; the date range selects cohorts, not orders.
    const { from, to, ...rest } = filters;
    const applied = applicableFilters(rest, Object.keys(model.dimensions));
    const scan = modelScan(layer, { model: spec.model, dimensions: [], filters: applied.filters, ...(spec.filter ? { where: [spec.filter] } : {}) }, params);
    const range: string[] = [];
    if (from !== undefined) range.push(`cohort >= CAST(date_trunc('month', CAST(${params.add(from)} AS DATE)) AS DATE)`);
    if (to !== undefined) range.push(`cohort <= CAST(${params.add(to)} AS DATE)`);
    const sql = `WITH orders AS (
  SELECT ${q(BASE_ALIAS)}.${q(spec.customer)} AS customer, CAST(date_trunc('month', ${q(BASE_ALIAS)}.${q(spec.date)}) AS DATE) AS month
  FROM ${scan.from}${scan.where ? `\n  WHERE ${scan.where}` : ''}
  GROUP BY 1, 2
),
firsts AS (SELECT customer, min(month) AS cohort FROM orders GROUP BY 1),
cohorts AS (SELECT * FROM firsts${range.length > 0 ? ` WHERE ${range.join(' AND ')}` : ''}),
sizes AS (SELECT cohort, count(*) AS size FROM cohorts GROUP BY 1)
SELECT c.cohort, CAST(datediff('month', c.cohort, o.month) AS INTEGER) AS months_since, count(DISTINCT o.customer) AS customers,
       count(DISTINCT o.customer) / any_value(s.size) AS retention
FROM cohorts c
JOIN orders o ON o.customer = c.customer
JOIN sizes s ON s.cohort = c.cohort
GROUP BY 1, 2
ORDER BY 1, 2`;
    return {
      sql,
      params: params.values,
      columns: [
        { name: 'cohort', label: 'First order month', type: 'time' },
        { name: 'months_since', label: 'Months since first order', type: 'number', format: 'count' },
        { name: 'customers', label: 'Customers', type: 'number', format: 'count' },
        { name: 'retention', label: 'Share of cohort', type: 'number', format: 'percent' },
      ],
      ignoredFilters: applied.ignored,
    };
  }
  const spec = layer.analyses.funnel!;
  const model = layer.models[spec.model]!;
  const applied = applicableFilters(filters, Object.keys(model.dimensions));
  const scan = modelScan(layer, { model: spec.model, dimensions: [], filters: applied.filters }, params);
  const sums = spec.steps.map((s) => `coalesce(sum(${q(BASE_ALIAS)}.${q(s.column)}), 0) AS ${q(s.name)}`);
  const first = spec.steps[0]!.name;
  const rows = spec.steps.map((s, i) => {
    const label = params.add(s.label);
    const prev = i === 0 ? q(s.name) : q(spec.steps[i - 1]!.name);
    return `SELECT ${i} AS i, ${label} AS step, ${q(s.name)} AS count, ${q(s.name)} / nullif(${q(first)}, 0) AS share, ${q(s.name)} / nullif(${prev}, 0) AS step_rate FROM totals`;
  });
  const sql = `WITH totals AS (
  SELECT ${sums.join(', ')}
  FROM ${scan.from}${scan.where ? `\n  WHERE ${scan.where}` : ''}
)
SELECT step, count, share, step_rate FROM (
${rows.join('\nUNION ALL\n')}
) ORDER BY i`;
  return {
    sql,
    params: params.values,
    columns: [
      { name: 'step', label: 'Step', type: 'category' },
      { name: 'count', label: 'Sessions', type: 'number', format: 'count' },
      { name: 'share', label: 'Share of sessions', type: 'number', format: 'percent' },
      { name: 'step_rate', label: 'From previous step', type: 'number', format: 'percent' },
    ],
    ignoredFilters: applied.ignored,
  };
}

/** Compiles and runs an analysis. */
export async function queryAnalysis(warehouse: Warehouse, layer: MetricLayer, name: string, filters: MetricFilters = {}): Promise<MetricResult> {
  const compiled = compileAnalysis(layer, name, filters);
  const rows = await runLayerSql(warehouse, layer, compiled.sql, compiled.params);
  return { columns: compiled.columns, rows: shapeRows(compiled.columns, rows), ignoredFilters: compiled.ignoredFilters };
}
