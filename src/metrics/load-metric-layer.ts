// Does: reads a project's metrics.yml, validates it with zod and checks every cross-reference (models, joins,
// dimensions, metric expressions, cycles); errors name the file, the line and the key.
// Does not: touch the warehouse (columns are checked when a query runs).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closestNames, deepFreeze, readYamlSource, validateYamlAt, validateYamlSource, type YamlSource } from '../config/index.js';
import { MercatorError } from '../errors/index.js';
import { metricRefs, parseMetricExpr } from './metric-expr.js';
import type { DimensionColumn, JoinDef, MetricDef, MetricLayer, ModelDef } from './metric-layer.js';
import { aggregateMetricSchema, derivedMetricSchema, metricsFileSchema, type MetricsFile } from './metrics-schema.js';

/** File name of the semantic layer inside a project folder (outside dbt's model paths, so dbt ignores it). */
export const METRICS_FILE = 'metrics.yml';

/** Loads `<projectDir>/metrics.yml`; throws CONFIG_FILE_MISSING, CONFIG_YAML_SYNTAX or CONFIG_INVALID. */
export function loadMetricLayer(projectDir: string): MetricLayer {
  const file = join(projectDir, METRICS_FILE);
  if (!existsSync(file)) {
    throw new MercatorError('CONFIG_FILE_MISSING', { file }, { hint: `The dashboard reads its metrics from ${METRICS_FILE} next to dbt_project.yml; copy projects/shop/metrics.yml as a start, or pass the right --project-dir.` });
  }
  return metricLayerFromSource(readYamlSource(file));
}

/** Builds the layer from parsed YAML (tests pass inline text through parseYamlSource). */
export function metricLayerFromSource(source: YamlSource): MetricLayer {
  const file = validateYamlSource(source, metricsFileSchema);
  const invalid = (path: PropertyKey[], detail: string, suggestion: string): MercatorError => {
    const line = source.lineOf(path);
    const pathText = path.map(String).join('.');
    return new MercatorError('CONFIG_INVALID', { file: source.file, line, path: pathText, detail, suggestion }, { location: { file: source.file, line } });
  };
  const didYouMean = (name: string, known: string[]): string => {
    const near = closestNames(name, known, 1)[0];
    return near ? `Did you mean \`${near}\`? Known: ${known.join(', ')}.` : `Known: ${known.join(', ') || '(none)'}.`;
  };

  const dimensionNames = Object.keys(file.dimensions);
  if (!file.dimensions['date'] || file.dimensions['date'].type !== 'time') {
    throw invalid(['dimensions'], 'needs a `date` dimension of type time', 'Add `date: { label: Date, type: time }`.');
  }

  const models: Record<string, ModelDef> = {};
  for (const [name, spec] of Object.entries(file.models)) {
    const joins: Record<string, JoinDef> = {};
    for (const [joinName, j] of Object.entries(spec.joins)) {
      joins[joinName] = { name: joinName, schema: j.schema ?? file.schema, model: j.model ?? joinName, on: j.on, ...(j.where ? { where: j.where } : {}) };
    }
    const dimensions: Record<string, DimensionColumn> = {};
    for (const [dim, col] of Object.entries(spec.dimensions)) {
      if (!file.dimensions[dim]) throw invalid(['models', name, 'dimensions', dim], `unknown dimension \`${dim}\``, didYouMean(dim, dimensionNames));
      const column: DimensionColumn = typeof col === 'string' ? { join: null, column: col } : { join: col.join, column: col.column };
      if (column.join !== null && !joins[column.join]) {
        throw invalid(['models', name, 'dimensions', dim, 'join'], `no join \`${column.join}\` on model \`${name}\``, `Declare it under models.${name}.joins, or ${didYouMean(column.join, Object.keys(joins))}`);
      }
      dimensions[dim] = column;
    }
    models[name] = { name, schema: spec.schema ?? file.schema, joins, dimensions };
  }
  const modelNames = Object.keys(models);

  const metrics: Record<string, MetricDef> = {};
  for (const [name, raw] of Object.entries(file.metrics)) {
    // Metrics and dimensions share the columns of an answer, so a name can be only one of them.
    if (file.dimensions[name]) throw invalid(['metrics', name], `\`${name}\` is already a dimension`, 'Give the metric another name.');
    if ('expr' in raw) {
      const spec = validateYamlAt(source, ['metrics', name], derivedMetricSchema);
      let expr;
      try {
        expr = parseMetricExpr(spec.expr);
      } catch (err) {
        throw invalid(['metrics', name, 'expr'], (err as Error).message, 'Write metric names, numbers, + - * / and parentheses, e.g. `revenue / orders`.');
      }
      metrics[name] = { kind: 'derived', name, label: spec.label, format: spec.format, description: spec.description, hidden: spec.hidden, dimensions: spec.dimensions ?? [], expr, exprText: spec.expr };
    } else {
      const spec = validateYamlAt(source, ['metrics', name], aggregateMetricSchema);
      const model = models[spec.model];
      if (!model) throw invalid(['metrics', name, 'model'], `unknown model \`${spec.model}\``, `Declare it under \`models:\`. ${didYouMean(spec.model, modelNames)}`);
      if (spec.agg !== 'count' && spec.column === undefined) throw invalid(['metrics', name], `\`${spec.agg}\` needs a \`column\``, 'Add `column:` naming the column to aggregate.');
      const offered = Object.keys(model.dimensions);
      const dims = spec.dimensions ?? offered;
      dims.forEach((d, i) => {
        if (!offered.includes(d)) throw invalid(['metrics', name, 'dimensions', i], `model \`${spec.model}\` offers no dimension \`${d}\``, `It offers: ${offered.join(', ') || '(none)'}; declare the column under models.${spec.model}.dimensions.`);
      });
      metrics[name] = {
        kind: 'aggregate', name, label: spec.label, format: spec.format, description: spec.description, hidden: spec.hidden, dimensions: dims,
        model: spec.model, agg: spec.agg, ...(spec.column ? { column: spec.column } : {}), ...(spec.filter ? { filter: spec.filter } : {}),
      };
    }
  }

  // Derived metrics: references exist, no cycles; dimensions default to those every part offers.
  const metricNames = Object.keys(metrics);
  const resolving = new Set<string>();
  const resolved = new Set<string>();
  const resolve = (name: string, path: PropertyKey[]): readonly string[] => {
    const metric = metrics[name]!;
    if (metric.kind === 'aggregate' || resolved.has(name)) return metric.dimensions;
    if (resolving.has(name)) throw invalid(path, `metric \`${name}\` refers to itself through its expression`, 'Break the cycle: a metric cannot depend on itself.');
    resolving.add(name);
    let common: string[] | null = null;
    for (const ref of metricRefs(metric.expr)) {
      if (!metrics[ref]) throw invalid(['metrics', name, 'expr'], `unknown metric \`${ref}\` in \`${metric.exprText}\``, didYouMean(ref, metricNames));
      const dims: readonly string[] = resolve(ref, ['metrics', name, 'expr']);
      common = common === null ? [...dims] : common.filter((d) => dims.includes(d));
    }
    const offered = common ?? [];
    if (metric.dimensions.length === 0) metrics[name] = { ...metric, dimensions: offered };
    else {
      metric.dimensions.forEach((d, i) => {
        if (!offered.includes(d)) throw invalid(['metrics', name, 'dimensions', i], `not every metric in \`${metric.exprText}\` can be sliced by \`${d}\``, `Its parts share: ${offered.join(', ') || '(none)'}.`);
      });
    }
    resolving.delete(name);
    resolved.add(name);
    return metrics[name]!.dimensions;
  };
  for (const name of metricNames) resolve(name, ['metrics', name]);

  const checkModel = (path: PropertyKey[], model: string): void => {
    if (!models[model]) throw invalid(path, `unknown model \`${model}\``, `Declare it under \`models:\`. ${didYouMean(model, modelNames)}`);
  };
  checkModel(['default_range', 'model'], file.default_range.model);
  for (const [name, spec] of Object.entries(file.analyses)) if (spec) checkModel(['analyses', name, 'model'], spec.model);

  return deepFreeze({ file: source.file, dimensions: Object.fromEntries(Object.entries(file.dimensions).map(([n, d]) => [n, { name: n, ...d }])), models, metrics, defaultRange: file.default_range, analyses: file.analyses satisfies MetricsFile['analyses'] });
}
