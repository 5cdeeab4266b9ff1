import { parseCsv } from './parse-csv.js';

/** Rows of a unit test `given` / `expect`: a list of dicts (default) or CSV text (`format: csv`). */
export function unitTestRows(spec: { rows?: unknown; format?: string }): Array<Record<string, unknown>> {
  if (spec.format === 'csv' && typeof spec.rows === 'string') {
    const { rows } = parseCsv(spec.rows.trim() + '\n');
    const [header, ...body] = rows;
    return body.map((r) => Object.fromEntries((header ?? []).map((h, i) => [h.trim(), r[i] === undefined || r[i] === '' || r[i] === 'null' ? null : r[i]!.trim()])));
  }
  return Array.isArray(spec.rows) ? (spec.rows as Array<Record<string, unknown>>) : [];
}

/** A SQL literal for a unit-test value (strings quoted, numbers and booleans bare, null as NULL). */
export function unitTestLiteral(value: unknown, quote: (s: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return quote(value.toISOString());
  return quote(String(value));
}
