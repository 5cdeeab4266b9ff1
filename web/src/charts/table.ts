// Query answers drawn as HTML tables (tests, freshness, runs), with statuses as coloured badges.
import type { Cell, QueryResult } from '../api-types.js';
import { formatAge, formatShortTimestamp, formatValue } from '../format.js';
import { toText } from './result.js';

const STATUS_COLUMNS = /^(status|state|result|freshness)$/i;
const GOOD = /^(pass|passed|success|ok|fresh|succeeded)$/i;
const BAD = /^(fail|failed|error|errored|stale|critical)$/i;
const SECONDS = /(Seconds|_seconds)$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** A badge for a status word: green for pass/success/fresh, red for fail/error/stale, amber otherwise. */
export function statusBadge(status: string): HTMLElement {
  const span = document.createElement('span');
  span.className = `badge ${GOOD.test(status) ? 'badge-good' : BAD.test(status) ? 'badge-bad' : 'badge-warn'}`;
  span.textContent = status;
  return span;
}

/** The rows as a table: numbers right-aligned in their column's format, timestamps in local time. */
export function resultTable(data: QueryResult, opts: { maxRows?: number } = {}): HTMLElement {
  const table = document.createElement('table');
  table.className = 'data-table';
  const head = table.createTHead().insertRow();
  for (const col of data.columns) {
    const th = document.createElement('th');
    th.textContent = SECONDS.test(col.name) ? col.label.replace(/\s*\(s\)$/, '') : col.label;
    if (col.type === 'number') th.className = 'num';
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of data.rows.slice(0, opts.maxRows ?? 500)) {
    const tr = body.insertRow();
    data.columns.forEach((col, i) => {
      const td = tr.insertCell();
      const cell: Cell = row[i] ?? null;
      if (STATUS_COLUMNS.test(col.name) && cell !== null) td.append(statusBadge(toText(cell)));
      else if (col.type === 'number') {
        td.className = 'num';
        td.textContent = SECONDS.test(col.name) && typeof cell === 'number' ? formatAge(cell) : formatValue(cell, col.format);
      } else if (typeof cell === 'string' && TIMESTAMP.test(cell)) {
        td.textContent = formatShortTimestamp(cell);
        td.title = cell;
        td.className = 'nowrap';
      }
      else td.textContent = toText(cell);
    });
  }
  return table;
}
