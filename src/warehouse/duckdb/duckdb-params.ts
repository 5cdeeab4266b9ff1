// Does: turns JavaScript query parameters into bound DuckDB values and types (bigint stays bigint, SqlDecimal exact).
// Does not: put values into SQL text.
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { duckdb } from './duckdb-node-api.js';
import { MercatorError } from '../../errors/index.js';
import { SqlDecimal, type SqlParams } from '../warehouse.js';

const { BIGINT, HUGEINT, DuckDBBlobValue, DuckDBTimestampTZValue, decimalValue, listValue, structValue } = duckdb;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_MAX_WIDTH = 38;

/** Values and explicit types for `connection.run(sql, values, types)`; positional or named like the input. */
export type DuckdbBinding =
  | { values: DuckDBValue[]; types: DuckDBType[] }
  | { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType | undefined> };

/** Converts parameters for binding; throws WAREHOUSE_PARAM_INVALID for values that cannot be bound. */
export function toDuckdbBinding(params: SqlParams): DuckdbBinding {
  if (isPositional(params)) {
    const values: DuckDBValue[] = [];
    const types: (DuckDBType | undefined)[] = [];
    params.forEach((param, index) => {
      values.push(toDuckdbValue(param, `$${index + 1}`));
      types.push(explicitType(param));
    });
    // Undefined entries let the engine infer the type; the declared type does not allow that.
    return { values, types: types as DuckDBType[] };
  }
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType | undefined> = {};
  for (const [key, param] of Object.entries(params)) {
    // `{ $id: 1 }` and `{ id: 1 }` both bind `$id`.
    const name = key.startsWith('$') ? key.slice(1) : key;
    values[name] = toDuckdbValue(param, `$${name}`);
    types[name] = explicitType(param);
  }
  return { values, types };
}

function isPositional(params: SqlParams): params is readonly unknown[] {
  return Array.isArray(params);
}

// bigint would otherwise bind as HUGEINT; BIGINT keeps comparisons on BIGINT columns index-friendly.
function explicitType(param: unknown): DuckDBType | undefined {
  if (typeof param !== 'bigint') return undefined;
  return param >= INT64_MIN && param <= INT64_MAX ? BIGINT : HUGEINT;
}

function toDuckdbValue(param: unknown, name: string): DuckDBValue {
  if (param === null) return null;
  switch (typeof param) {
    case 'boolean':
    case 'number':
    case 'bigint':
    case 'string':
      return param;
    case 'object':
      return objectToDuckdbValue(param, name);
    default:
      throw new MercatorError('WAREHOUSE_PARAM_INVALID', { name, detail: `unsupported type ${typeof param}` });
  }
}

function objectToDuckdbValue(param: object, name: string): DuckDBValue {
  if (param instanceof SqlDecimal) {
    const digits = (param.value < 0n ? -param.value : param.value).toString().length;
    const width = Math.max(digits, param.scale + 1);
    // Wider than DuckDB's DECIMAL: bind the exact text and let the query cast it.
    if (width > DECIMAL_MAX_WIDTH) return param.toString();
    return decimalValue(param.value, width, param.scale);
  }
  if (param instanceof Uint8Array) return new DuckDBBlobValue(param);
  if (param instanceof Date) {
    if (Number.isNaN(param.getTime())) throw new MercatorError('WAREHOUSE_PARAM_INVALID', { name, detail: 'invalid Date' });
    return new DuckDBTimestampTZValue(BigInt(param.getTime()) * 1000n);
  }
  if (Array.isArray(param)) return listValue(param.map((item, i) => toDuckdbValue(item, `${name}[${i}]`)));
  const proto = Object.getPrototypeOf(param) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new MercatorError('WAREHOUSE_PARAM_INVALID', { name, detail: `unsupported object ${param.constructor.name}` });
  }
  const entries: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(param)) entries[key] = toDuckdbValue(value, `${name}.${key}`);
  return structValue(entries);
}
