// Does: renders ingest progress through the Logger: a live status line (rows, rows/s per stream), one event
// per committed or failed load, and a summary table. Does not: decide what runs.
import { isMercatorError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import type { IngestSummary } from './ingest-project.js';
import type { LoadResult } from './loader/index.js';
import type { StreamReporter } from './stream-reporter.js';

const number = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Rows per second of a load (0 when it took no measurable time). */
export function rowsPerSecond(rows: number, ms: number): number {
  return ms > 0 ? (rows * 1000) / ms : 0;
}

/** A StreamReporter writing to `logger`; `now` is the clock for rates. */
export function createIngestReporter(logger: Logger, now: () => number = Date.now): StreamReporter {
  const started = new Map<string, number>();
  let lastStatus = 0;
  return {
    started(source, stream) {
      started.set(`${source}.${stream}`, now());
      logger.status(`ingest ${source}.${stream} …`);
    },
    progress(source, stream, rows, bytes) {
      const t = now();
      if (t - lastStatus < 100) return; // a status line more often than 10/s is flicker, not information
      lastStatus = t;
      const since = started.get(`${source}.${stream}`) ?? t;
      const rate = rowsPerSecond(rows, t - since);
      logger.status(`ingest ${source}.${stream}  ${number(rows)} rows  ${number(rate)} rows/s${bytes > 0 ? `  ${(bytes / 1e6).toFixed(1)} MB` : ''}`);
    },
    committed(result: LoadResult) {
      const key = `${result.source}.${result.stream}`;
      const ms = now() - (started.get(key) ?? now());
      const rejected = result.rejected > 0 ? `, ${number(result.rejected)} rejected` : '';
      const deleted = result.deleted > 0 ? `, ${number(result.deleted)} deleted` : '';
      const changes = result.schemaChanges.length > 0 ? `, schema: ${result.schemaChanges.map((c) => `${c.change} ${c.column}`).join(', ')}` : '';
      logger.emit({
        type: 'LoadCommitted',
        level: 'info',
        message: `OK   ${key} → ${result.target.schema}.${result.target.name}: ${number(result.rows)} rows${rejected}${deleted}${changes} in ${(ms / 1000).toFixed(2)}s (${number(rowsPerSecond(result.rows, ms))} rows/s)`,
        data: { ...result, totalMs: ms, rowsPerSecond: rowsPerSecond(result.rows, ms) },
      });
    },
    failed(source, stream, error) {
      const coded = isMercatorError(error) ? error : undefined;
      logger.emit({
        type: 'LoadFailed',
        level: 'error',
        message: `FAIL ${source}.${stream}: ${coded ? `[${coded.code}] ` : ''}${error.message}${coded ? `\n     hint: ${coded.hint}` : ''}`,
        data: { source, stream, ...(coded ? coded.toJson() : { message: error.message }) },
      });
    },
  };
}

/** The end-of-run table: one line per stream (landing folders load file by file), then totals. */
export function summaryTable(summary: IngestSummary): string {
  const header = ['stream', 'target', 'loads', 'rows', 'rejected', 'deleted', 'seconds', 'rows/s'];
  const byStream = new Map<string, { target: string; loads: number; rows: number; rejected: number; deleted: number; ms: number }>();
  for (const r of summary.results) {
    const key = `${r.source}.${r.stream}`;
    const s = byStream.get(key) ?? { target: `${r.target.schema}.${r.target.name}`, loads: 0, rows: 0, rejected: 0, deleted: 0, ms: 0 };
    byStream.set(key, { ...s, loads: s.loads + 1, rows: s.rows + r.rows, rejected: s.rejected + r.rejected, deleted: s.deleted + r.deleted, ms: s.ms + r.durationMs });
  }
  const lines = [...byStream].map(([key, s]) => [
    key, s.target, number(s.loads), number(s.rows), number(s.rejected), number(s.deleted), (s.ms / 1000).toFixed(2), number(rowsPerSecond(s.rows, s.ms)),
  ]);
  for (const f of summary.failures) lines.push([`${f.source}.${f.stream}`, 'FAILED', '-', '-', '-', '-', '-', '-']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]): string => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const total = summary.results.reduce((n, r) => n + r.rows, 0);
  return [row(header), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row), '', `${summary.results.length} load(s), ${number(total)} rows, ${summary.failures.length} failed stream(s)`].join('\n');
}
