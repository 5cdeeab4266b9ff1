import { SqlDecimal, type JsonRow, type Row, type SqlValue } from './warehouse.js';

/** A JSON-safe copy of a value: bigint and decimals as exact strings, bytes as base64, NaN/±Infinity as strings. */
export function toJsonValue(value: SqlValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof SqlDecimal) return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonValue);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = toJsonValue(inner);
  return out;
}

/** A JSON-safe copy of a row (see toJsonValue). */
export function toJsonRow(row: Row): JsonRow {
  const out: JsonRow = {};
  for (const [key, value] of Object.entries(row)) out[key] = toJsonValue(value);
  return out;
}
