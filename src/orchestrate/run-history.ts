// Does: turns what one pipeline run did (ingest loads, build results, source freshness) into the rows of the
// run history (`_mercator.runs`, `run_nodes`, `test_results`, `source_freshness`). Does not: write them (run-history-store.ts).
import type { IngestSummary, LoadResult, StreamReporter } from '../ingest/index.js';
import type { LogEvent, Logger } from '../log/index.js';
import type { FreshnessResult, ManifestNode, NodeResult } from '../transform/index.js';

/** Outcome of a whole run. */
export type RunStatus = 'running' | 'success' | 'error';

/** One row of `_mercator.runs`. */
export interface RunRow {
  runId: string;
  command: string;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
}

/** Kinds of node a run records. */
export type RunNodeKind = 'ingest' | 'seed' | 'model' | 'snapshot' | 'test' | 'unit_test';

/** One row of `_mercator.run_nodes`: an ingest stream (`ingest:<source>.<stream>`) or a build node (its unique id). */
export interface RunNodeRow {
  node: string;
  kind: RunNodeKind;
  /** `success`/`error` for ingest streams; the build's own words (`success`, `error`, `skipped`, `pass`, `warn`, `fail`) for nodes. */
  status: string;
  rows: number | null;
  startedAt: Date;
  finishedAt: Date;
  error: string | null;
}

/** Test outcome as the history keeps it. */
export type TestResultStatus = 'pass' | 'warn' | 'fail' | 'error' | 'skipped';

/** One row of `_mercator.test_results`. */
export interface TestResultRow {
  testId: string;
  testName: string;
  attachedNode: string | null;
  columnName: string | null;
  status: TestResultStatus;
  failures: number | null;
  message: string | null;
  finishedAt: Date;
}

/** One row of `_mercator.source_freshness`. */
export interface SourceFreshnessRow {
  source: string;
  tableName: string;
  maxLoadedAt: Date | null;
  checkedAt: Date;
  ageSeconds: number | null;
  status: FreshnessResult['status'];
}

/** Start and end of one ingest stream, as the reporter heard them. */
export interface StreamTimes {
  started: Map<string, Date>;
  finished: Map<string, Date>;
}

const streamKey = (source: string, stream: string): string => `${source}.${stream}`;

/** A reporter that records when each stream starts and ends, then passes every call on to `inner`. */
export function timingReporter(inner: StreamReporter | undefined): { reporter: StreamReporter; times: StreamTimes } {
  const times: StreamTimes = { started: new Map(), finished: new Map() };
  const reporter: StreamReporter = {
    started(source, stream) {
      times.started.set(streamKey(source, stream), new Date());
      inner?.started(source, stream);
    },
    progress(source, stream, rows, bytes) {
      inner?.progress(source, stream, rows, bytes);
    },
    committed(result: LoadResult) {
      times.finished.set(streamKey(result.source, result.stream), new Date());
      inner?.committed(result);
    },
    failed(source, stream, error) {
      times.finished.set(streamKey(source, stream), new Date());
      inner?.failed(source, stream, error);
    },
  };
  return { reporter, times };
}

/** A logger that notes when each build node finished (its `NodeFinished` event), then passes every event on. */
export function nodeTimingLogger(inner: Logger): { logger: Logger; finished: Map<string, Date> } {
  const finished = new Map<string, Date>();
  const logger: Logger = {
    format: inner.format,
    emit(event: LogEvent) {
      const id = event.type === 'NodeFinished' ? event.data?.['unique_id'] : undefined;
      if (typeof id === 'string') finished.set(id, new Date());
      inner.emit(event);
    },
    status: (text) => inner.status(text),
    clearStatus: () => inner.clearStatus(),
  };
  return { logger, finished };
}

/** One node row per committed load and per failed stream; times from the reporter, else the step's own. */
export function ingestNodeRows(summary: IngestSummary, times: StreamTimes, stepStarted: Date, stepFinished: Date): RunNodeRow[] {
  const rows: RunNodeRow[] = [];
  for (const r of summary.results) {
    const key = streamKey(r.source, r.stream);
    const finishedAt = times.finished.get(key) ?? stepFinished;
    const startedAt = times.started.get(key) ?? new Date(finishedAt.getTime() - r.durationMs);
    rows.push({ node: `ingest:${key}`, kind: 'ingest', status: 'success', rows: r.rows, startedAt, finishedAt, error: null });
  }
  for (const f of summary.failures) {
    const key = streamKey(f.source, f.stream);
    rows.push({ node: `ingest:${key}`, kind: 'ingest', status: 'error', rows: null, startedAt: times.started.get(key) ?? stepStarted, finishedAt: times.finished.get(key) ?? stepFinished, error: f.error.message });
  }
  return rows;
}

const NODE_KINDS: ReadonlySet<string> = new Set<RunNodeKind>(['seed', 'model', 'snapshot', 'test', 'unit_test']);

/** One node row per build result; a node's end is when its `NodeFinished` event came, its start that minus its execution time. */
export function buildNodeRows(results: readonly NodeResult[], nodeOf: (id: string) => ManifestNode | undefined, finished: ReadonlyMap<string, Date>, stepFinished: Date): RunNodeRow[] {
  const rows: RunNodeRow[] = [];
  for (const r of results) {
    const kind = nodeOf(r.uniqueId)?.resourceType;
    if (!kind || !NODE_KINDS.has(kind)) continue;
    const finishedAt = finished.get(r.uniqueId) ?? stepFinished;
    const failed = r.status === 'error' || r.status === 'fail' || r.status === 'warn';
    rows.push({
      node: r.uniqueId,
      kind: kind as RunNodeKind,
      status: r.status,
      rows: r.rowsAffected,
      startedAt: new Date(finishedAt.getTime() - Math.round(r.executionTime * 1000)),
      finishedAt,
      error: failed ? r.message : null,
    });
  }
  return rows;
}

/** Test status in the history's words: a unit test's `success` is a `pass`. */
function testStatus(status: NodeResult['status']): TestResultStatus {
  return status === 'success' ? 'pass' : status;
}

/** One row per data test and unit test of the build, with the node and column it is attached to. */
export function testResultRows(results: readonly NodeResult[], nodeOf: (id: string) => ManifestNode | undefined, finished: ReadonlyMap<string, Date>, stepFinished: Date): TestResultRow[] {
  const rows: TestResultRow[] = [];
  for (const r of results) {
    const node = nodeOf(r.uniqueId);
    if (!node || (node.resourceType !== 'test' && node.resourceType !== 'unit_test')) continue;
    rows.push({
      testId: r.uniqueId,
      testName: node.name,
      attachedNode: node.testMetadata?.attachedNode ?? node.testedNode ?? null,
      columnName: node.testMetadata?.columnName ?? null,
      status: testStatus(r.status),
      failures: r.failures,
      message: r.message || null,
      finishedAt: finished.get(r.uniqueId) ?? stepFinished,
    });
  }
  return rows;
}

/** Reads a timestamp the warehouse printed; one without a zone is UTC, as source freshness reads it. */
function parseTimestamp(text: string | null): Date | null {
  if (text === null) return null;
  const iso = text.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** One row per checked source table; `source.<package>.<source>.<table>` ids are split into source and table. */
export function sourceFreshnessRows(results: readonly FreshnessResult[], checkedAt: Date): SourceFreshnessRow[] {
  return results.map((r) => {
    const [, , source = '', ...table] = r.uniqueId.split('.');
    return { source, tableName: table.join('.'), maxLoadedAt: parseTimestamp(r.maxLoadedAt), checkedAt, ageSeconds: r.ageSeconds, status: r.status };
  });
}

/** The error a finished run records: null on success, else what failed, briefly. */
export function runErrorText(parts: { ingestFailures: IngestSummary['failures']; failedNodes: readonly NodeResult[] }): string | null {
  const out: string[] = [];
  for (const f of parts.ingestFailures) out.push(`ingest ${f.source}.${f.stream}: ${f.error.message}`);
  const shown = parts.failedNodes.slice(0, 5);
  for (const r of shown) out.push(`${r.uniqueId}: ${r.status} ${r.message}`);
  if (parts.failedNodes.length > shown.length) out.push(`and ${parts.failedNodes.length - shown.length} more failed nodes`);
  return out.length > 0 ? out.join('; ') : null;
}
