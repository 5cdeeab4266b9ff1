// Does: runs a compiled metric request and shapes the answer for the API: columns plus rows of JSON values
// (numbers as numbers, dates as YYYY-MM-DD); a missing mart becomes METRICS_MART_MISSING.
// Does not: cache (the server does) or pick a default date range (defaultDateRange does, on request).
import { dirname } from 'node:path';
import { MercatorError } from '../errors/index.js';
import { SqlDecimal, type SqlValue, type Warehouse } from '../warehouse/index.js';
import { compileMetricQuery, type ResultColumn } from './compile-metric-query.js';
import type { MetricLayer } from './metric-layer.js';
import type { MetricRequest } from './metric-request.js';
import { q } from './model-scan.js';

/** Rows as arrays in column order; the shape of /api/metrics. */
export interface MetricResult {
  columns: ResultColumn[];
  rows: (string | number | null)[][];
  ignoredFilters: string[];
}

/** Compiles and runs `request`; one statement, every filter value bound. */
export async function queryMetrics(warehouse: Warehouse, layer: MetricLayer, request: MetricRequest): Promise<MetricResult> {
  const compiled = compileMetricQuery(layer, request);
  const result = await runLayerSql(warehouse, layer, compiled.sql, compiled.params);
  return { columns: compiled.columns, rows: shapeRows(compiled.columns, result), ignoredFilters: compiled.ignoredFilters };
}

/** Rows in column order; dollar amounts rounded to the cent (sums of DOUBLE columns carry float noise). */
export function shapeRows(columns: readonly ResultColumn[], rows: readonly Record<string, string | number | null>[]): (string | number | null)[][] {
  return rows.map((row) =>
    columns.map((c) => {
      const v = row[c.name] ?? null;
      return c.format === 'usd' && typeof v === 'number' ? Math.round(v * 100) / 100 : v;
    }),
  );
}

/** Runs SQL the layer compiled; values come back as JSON numbers/strings; a missing relation names the mart. */
export async function runLayerSql(warehouse: Warehouse, layer: MetricLayer, sql: string, params: readonly unknown[]): Promise<Record<string, string | number | null>[]> {
  let rows;
  try {
    rows = (await warehouse.query(sql, params)).rows;
  } catch (err) {
    const missing = /(?:Table|Schema) with name "?([\w.]+?)"? does not exist/i.exec(err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : '');
    if (missing) {
      const name = missing[1]!.split('.').at(-1)!;
      const model = Object.values(layer.models).find((m) => m.name === name) ?? Object.values(layer.models).flatMap((m) => Object.values(m.joins)).find((j) => j.model === name);
      throw new MercatorError('METRICS_MART_MISSING', { relation: model ? `${model.schema}.${name}` : name, file: layer.file, dir: dirname(layer.file) }, { cause: err });
    }
    // A column the layer names but the model lacks: qualified (`"__base"."x"`) or in a filter (`x`).
    const text = err instanceof Error ? err.message : '';
    const column = /Table "(\w+)" does not have a column named "(\w+)"/.exec(text) ?? /Referenced column "(\w+)" not found/.exec(text);
    if (column) {
      const [alias, name] = column.length === 3 && /does not have/.test(column[0]) ? [column[1]!, column[2]!] : ['__base', column[1]!];
      const relation = relationOfAlias(sql, alias);
      if (relation) {
        const known = (await warehouse.getColumns(relation)).map((c) => c.name);
        throw new MercatorError('METRICS_COLUMN_MISSING', { file: layer.file, column: name, relation: `${relation.schema}.${relation.name}`, known: known.join(', ') }, { cause: err });
      }
    }
    throw err;
  }
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, jsonValue(v)])));
}

/** The relation a query's alias (`__base` or a join name) reads, from the `"schema"."name" AS "alias"` the layer wrote. */
function relationOfAlias(sql: string, alias: string): { schema: string; name: string } | null {
  const m = new RegExp(`"(\\w+)"\\."(\\w+)" AS "${alias}"`).exec(sql);
  return m ? { schema: m[1]!, name: m[2]! } : null;
}

/** Lossy on purpose at the API edge: charts want numbers; DECIMAL and BIGINT become doubles. */
export function jsonValue(value: SqlValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof SqlDecimal) return value.toNumber();
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2} 00:00:00$/.test(value) ? value.slice(0, 10) : value;
  return JSON.stringify(value);
}

/** The default date range: `days` days up to the newest date of the layer's `default_range` column; null when empty. */
export async function defaultDateRange(warehouse: Warehouse, layer: MetricLayer): Promise<{ from: string; to: string } | null> {
  const { model, column, days } = layer.defaultRange;
  const m = layer.models[model]!;
  const rows = await runLayerSql(warehouse, layer, `SELECT CAST(max(${q(column)}) AS DATE) AS hi, CAST(CAST(max(${q(column)}) AS DATE) - ${days - 1} AS DATE) AS lo FROM ${q(m.schema)}.${q(m.name)}`, []);
  const hi = rows[0]?.['hi'];
  const lo = rows[0]?.['lo'];
  return typeof hi === 'string' && typeof lo === 'string' ? { from: lo, to: hi } : null;
}

/** First and last date of the `default_range` column (the date picker's bounds); null when empty. */
export async function dateBounds(warehouse: Warehouse, layer: MetricLayer): Promise<{ min: string; max: string } | null> {
  const { model, column } = layer.defaultRange;
  const m = layer.models[model]!;
  const rows = await runLayerSql(warehouse, layer, `SELECT CAST(min(${q(column)}) AS DATE) AS lo, CAST(max(${q(column)}) AS DATE) AS hi FROM ${q(m.schema)}.${q(m.name)}`, []);
  const lo = rows[0]?.['lo'];
  const hi = rows[0]?.['hi'];
  return typeof lo === 'string' && typeof hi === 'string' ? { min: lo, max: hi } : null;
}

/** Distinct values of a category dimension across the models that offer it, sorted (the filter pickers). */
export async function dimensionValues(warehouse: Warehouse, layer: MetricLayer, dimension: string, limit = 1000): Promise<string[]> {
  const selects: string[] = [];
  for (const model of Object.values(layer.models)) {
    const col = model.dimensions[dimension];
    if (!col) continue;
    if (col.join === null) selects.push(`SELECT CAST(${q(col.column)} AS VARCHAR) AS v FROM ${q(model.schema)}.${q(model.name)}`);
    else {
      const j = model.joins[col.join]!;
      selects.push(`SELECT CAST(${q(col.column)} AS VARCHAR) AS v FROM ${q(j.schema)}.${q(j.model)}`);
    }
  }
  if (selects.length === 0) return [];
  const rows = await runLayerSql(warehouse, layer, `SELECT DISTINCT v FROM (${[...new Set(selects)].join(' UNION ALL ')}) WHERE v IS NOT NULL ORDER BY v LIMIT ${limit}`, []);
  return rows.map((r) => String(r['v']));
}
