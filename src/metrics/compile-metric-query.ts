// Does: compiles a metric request into ONE SQL statement: one CTE per model (and per set of filters that apply)
// aggregated to the requested dimensions, full outer joined on them, then derived metrics, sort and limit.
// Identifiers come only from the validated layer; every request value is a bound parameter.
// Does not: run SQL (query-metrics.ts does) or resolve a default date range.
import { baseMetricsOf, type AggregateMetric, type MetricLayer } from './metric-layer.js';
import type { MetricFormat } from './metrics-schema.js';
import { renderMetricExpr } from './metric-expr.js';
import { validateMetricRequest, type MetricRequest } from './metric-request.js';
import { applicableFilters, filterShapeKey, modelScan, ParamList, q, type ScanSql } from './model-scan.js';

/** A result column as the API describes it. */
export interface ResultColumn {
  name: string;
  label: string;
  type: 'time' | 'category' | 'number';
  format?: MetricFormat;
}

/** A compiled request: the SQL, its bound parameters, the result columns and filters some metric ignored. */
export interface CompiledMetricQuery {
  sql: string;
  params: unknown[];
  columns: ResultColumn[];
  /** Filter names (`date` for from/to) at least one requested metric cannot apply. */
  ignoredFilters: string[];
}

interface Part {
  cte: string;
  model: string;
  filtersKey: string;
  filters: ReturnType<typeof applicableFilters>['filters'];
  /** aggregate metric name → output column of this CTE */
  aggregates: Map<string, string>;
}

/** The SQL aggregate of one metric; `filtered` false when its filter moved into the CTE's WHERE. */
function aggregateSql(metric: AggregateMetric, filterInWhere: boolean): string {
  const col = metric.column !== undefined ? `${q('__base')}.${q(metric.column)}` : '*';
  const filter = metric.filter !== undefined && !filterInWhere ? ` FILTER (WHERE ${metric.filter})` : '';
  switch (metric.agg) {
    case 'sum':
      return `coalesce(sum(${col})${filter}, 0)`;
    case 'count':
      return `count(${col})${filter}`;
    case 'count_distinct':
      return `count(DISTINCT ${col})${filter}`;
    case 'avg':
      return `avg(${col})${filter}`;
  }
}

/** Compiles `request` against `layer`; throws METRICS_* errors for unknown or unsupported names. */
export function compileMetricQuery(layer: MetricLayer, request: MetricRequest): CompiledMetricQuery {
  validateMetricRequest(layer, request);
  const dims = request.dimensions ?? [];
  const dimNames = dims.map((d) => d.name);
  const requested = [...new Set(request.metrics)];
  const params = new ParamList();
  const ignored = new Set<string>();

  // Which CTE column holds each aggregate, per top-level metric (filters depend on the metric asking).
  const parts: Part[] = [];
  const refsByMetric = new Map<string, Map<string, string>>();
  for (const name of requested) {
    const metric = layer.metrics[name]!;
    const applied = applicableFilters(request.filters ?? {}, metric.dimensions);
    applied.ignored.forEach((f) => ignored.add(f));
    const key = filterShapeKey(applied.filters);
    const refs = new Map<string, string>();
    for (const base of baseMetricsOf(layer, name)) {
      let part = parts.find((p) => p.model === base.model && p.filtersKey === key);
      if (!part) {
        part = { cte: `q${parts.length}`, model: base.model, filtersKey: key, filters: applied.filters, aggregates: new Map() };
        parts.push(part);
      }
      if (!part.aggregates.has(base.name)) part.aggregates.set(base.name, `m_${base.name}`);
      refs.set(base.name, `${part.cte}.${q(part.aggregates.get(base.name)!)}`);
    }
    refsByMetric.set(name, refs);
  }

  const ctes = parts.map((part) => {
    const metrics = [...part.aggregates.keys()].map((n) => layer.metrics[n] as AggregateMetric);
    // One shared filter moves into WHERE: fewer rows scanned and grouped than FILTER on each aggregate.
    const shared = metrics.every((m) => m.filter !== undefined && m.filter === metrics[0]!.filter) ? metrics[0]!.filter : undefined;
    const scan: ScanSql = modelScan(layer, { model: part.model, dimensions: dims, filters: part.filters, ...(shared ? { where: [shared] } : {}) }, params);
    const select = [
      ...scan.dimensionExprs.map((d) => `${d.expr} AS ${q(d.name)}`),
      ...metrics.map((m) => `${aggregateSql(m, shared !== undefined)} AS ${q(part.aggregates.get(m.name)!)}`),
    ];
    const groupBy = dims.length > 0 ? `\n  GROUP BY ${dims.map((_, i) => i + 1).join(', ')}` : '';
    return `${part.cte} AS (\n  SELECT ${select.join(',\n         ')}\n  FROM ${scan.from}${scan.where ? `\n  WHERE ${scan.where}` : ''}${groupBy}\n)`;
  });

  const dimOut = (name: string): string => (parts.length === 1 ? `${parts[0]!.cte}.${q(name)}` : `coalesce(${parts.map((p) => `${p.cte}.${q(name)}`).join(', ')})`);
  let from = parts[0]!.cte;
  parts.slice(1).forEach((part, i) => {
    const before = parts.slice(0, i + 1);
    if (dims.length === 0) {
      from += `\nCROSS JOIN ${part.cte}`;
      return;
    }
    const on = dimNames.map((d) => {
      const left = before.length === 1 ? `${before[0]!.cte}.${q(d)}` : `coalesce(${before.map((p) => `${p.cte}.${q(d)}`).join(', ')})`;
      return `${part.cte}.${q(d)} IS NOT DISTINCT FROM ${left}`;
    });
    from += `\nFULL OUTER JOIN ${part.cte} ON ${on.join(' AND ')}`;
  });

  const select = [
    ...dimNames.map((d) => `${dimOut(d)} AS ${q(d)}`),
    ...requested.map((name) => {
      const metric = layer.metrics[name]!;
      const refs = refsByMetric.get(name)!;
      const sql = metric.kind === 'aggregate' ? refs.get(name)! : renderMetricExpr(metric.expr, (ref) => metricRefSql(layer, ref, refs));
      return `${sql} AS ${q(name)}`;
    }),
  ];
  const order = [
    ...(request.sort ?? []).map((s) => `${q(s.by)} ${s.desc ? 'DESC' : 'ASC'} NULLS LAST`),
    ...dimNames.filter((d) => !(request.sort ?? []).some((s) => s.by === d)).map((d) => `${q(d)} ASC NULLS LAST`),
  ];
  const sql = [
    `WITH ${ctes.join(',\n')}`,
    `SELECT ${select.join(',\n       ')}`,
    `FROM ${from}`,
    ...(order.length > 0 ? [`ORDER BY ${order.join(', ')}`] : []),
    ...(request.limit !== undefined ? [`LIMIT ${Math.trunc(request.limit)}`] : []),
  ].join('\n');

  const columns: ResultColumn[] = [
    ...dims.map((d) => {
      const def = layer.dimensions[d.name]!;
      return { name: d.name, label: def.type === 'time' && d.grain && d.grain !== 'day' ? `${def.label} (${d.grain})` : def.label, type: def.type };
    }),
    ...requested.map((name) => {
      const m = layer.metrics[name]!;
      return { name, label: m.label, type: 'number' as const, format: m.format };
    }),
  ];
  return { sql, params: params.values, columns, ignoredFilters: [...ignored].sort() };
}

/** SQL for a metric inside a derived expression: its aggregate column, or its own expression expanded. */
function metricRefSql(layer: MetricLayer, name: string, refs: Map<string, string>): string {
  const metric = layer.metrics[name]!;
  if (metric.kind === 'aggregate') return refs.get(name)!;
  return renderMetricExpr(metric.expr, (ref) => metricRefSql(layer, ref, refs));
}
