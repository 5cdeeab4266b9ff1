// Does: the semantic layer: metrics and dimensions defined once in a project's metrics.yml, compiled to one SQL
// query per request (metrics × dimensions, analyses, headline KPIs) with every request value bound.
// Does not: render charts or serve HTTP (src/serve does); it reads the warehouse only through SELECTs it compiles.
export { loadMetricLayer, metricLayerFromSource, METRICS_FILE } from './load-metric-layer.js';
export { DATE_GRAINS, baseMetricsOf, type DateGrain, type DimensionDef, type MetricDef, type MetricLayer, type ModelDef } from './metric-layer.js';
export { MAX_LIMIT, validateMetricRequest, type DimensionRequest, type MetricFilters, type MetricRequest } from './metric-request.js';
export { compileMetricQuery, type CompiledMetricQuery, type ResultColumn } from './compile-metric-query.js';
export { queryMetrics, defaultDateRange, dateBounds, dimensionValues, jsonValue, type MetricResult } from './query-metrics.js';
export { ANALYSIS_NAMES, compileAnalysis, queryAnalysis, type AnalysisName, type CompiledAnalysis } from './analyses.js';
export { headlineKpis, previousPeriod, type HeadlineKpiCards, type KpiCard } from './headline-kpis.js';
export { summaryKpis, type SummaryKpis } from './summary-kpis.js';
export { parseMetricExpr, renderMetricExpr, type MetricExpr } from './metric-expr.js';
export type { MetricFormat } from './metrics-schema.js';
