// Reading columns out of a query answer by name, type or format.
import type { Cell, Column, QueryResult } from '../api-types.js';

/** Index of the column named `name`; throws a readable error when the server did not send it. */
export function columnIndex(result: QueryResult, name: string): number {
  const index = result.columns.findIndex((c) => c.name === name);
  if (index < 0) throw new Error(`The answer has no column "${name}".`);
  return index;
}

/** The column named `name`. */
export function column(result: QueryResult, name: string): Column {
  return result.columns[columnIndex(result, name)]!;
}

/** The values of one column, in row order. */
export function columnValues(result: QueryResult, name: string): Cell[] {
  const index = columnIndex(result, name);
  return result.rows.map((row) => row[index] ?? null);
}

/** The values of one column as numbers (null stays null). */
export function numbers(result: QueryResult, name: string): (number | null)[] {
  return columnValues(result, name).map(toNumber);
}

/** A cell as a number, or null. */
export function toNumber(cell: Cell | undefined): number | null {
  if (cell === null || cell === undefined || cell === '') return null;
  const n = typeof cell === 'number' ? cell : Number(cell);
  return Number.isFinite(n) ? n : null;
}

/** A cell as text ('' for null). */
export function toText(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell);
}

/** The first column of a type (optionally skipping some names). */
export function firstOfType(result: QueryResult, type: Column['type'], skip: readonly string[] = []): Column | undefined {
  return result.columns.find((c) => c.type === type && !skip.includes(c.name));
}

/** The rows of a query answer as CSV text with a header row (RFC 4180 quoting). */
export function toCsv(result: QueryResult): string {
  const quote = (cell: Cell | undefined): string => {
    const text = toText(cell);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [result.columns.map((c) => quote(c.name)).join(',')];
  for (const row of result.rows) lines.push(result.columns.map((_, i) => quote(row[i])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
