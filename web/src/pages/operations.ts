// Operations: the platform's own health — pipeline runs and their steps, data tests, source freshness, lineage.
import { fetchLineage, fetchRuns, getJson } from '../api.js';
import type { QueryResult, Run } from '../api-types.js';
import type { ChartData, PageSpec } from '../charts/chart-spec.js';
import { loadExtraCharts } from '../charts/echarts.js';
import { lineageOption } from '../charts/lineage.js';
import { baseOption, escapeHtml, type TooltipItem } from '../charts/options.js';
import { resultTable, statusBadge } from '../charts/table.js';
import { formatDuration, formatTimestamp, formatValue } from '../format.js';

let recentRuns: { at: number; answer: Promise<{ runs: Run[] }> } | undefined;

/**
 * /api/ops/runs once for the two cards that draw it (a load within 2 s of another shares its answer). Not
 * abortable: one card giving up must not fail the other's load.
 */
function fetchRunsShared(): Promise<{ runs: Run[] }> {
  if (!recentRuns || performance.now() - recentRuns.at > 2000) {
    const answer = fetchRuns();
    recentRuns = { at: performance.now(), answer };
    answer.catch(() => (recentRuns = undefined));
  }
  return recentRuns.answer;
}

/** Runs flattened to one row per step (the CSV), with the runs kept for drawing. */
async function loadRuns(): Promise<ChartData> {
  const { runs } = await fetchRunsShared();
  const rows = runs.flatMap((run) =>
    (run.steps.length ? run.steps : [undefined]).map((step) => [
      run.runId,
      run.status,
      run.startedAt,
      run.durationMs,
      step?.name ?? null,
      step?.kind ?? null,
      step?.status ?? null,
      step?.rows ?? null,
      step?.durationMs ?? null,
      step?.error ?? null,
    ]),
  );
  return {
    columns: [
      { name: 'run_id', label: 'Run', type: 'category' },
      { name: 'run_status', label: 'Run status', type: 'category' },
      { name: 'started_at', label: 'Started', type: 'time' },
      { name: 'run_duration_ms', label: 'Run duration (ms)', type: 'number', format: 'count' },
      { name: 'step', label: 'Step', type: 'category' },
      { name: 'kind', label: 'Kind', type: 'category' },
      { name: 'status', label: 'Status', type: 'category' },
      { name: 'rows', label: 'Rows', type: 'number', format: 'count' },
      { name: 'duration_ms', label: 'Duration (ms)', type: 'number', format: 'count' },
      { name: 'error', label: 'Error', type: 'category' },
    ],
    rows,
    detail: runs,
  };
}

/** One table row per run; its steps open below it. */
function runsTable(runs: Run[]): HTMLElement {
  const list = document.createElement('div');
  list.className = 'runs';
  for (const run of runs) {
    const details = document.createElement('details');
    details.className = 'run';
    const summary = document.createElement('summary');
    const when = document.createElement('span');
    when.className = 'run-when';
    when.textContent = formatTimestamp(run.startedAt);
    const took = document.createElement('span');
    took.className = 'run-took';
    took.textContent = `${formatDuration(run.durationMs)} · ${run.steps.length} steps`;
    summary.append(statusBadge(run.status), when, took);
    details.append(summary);
    const table = document.createElement('table');
    table.className = 'data-table';
    const head = table.createTHead().insertRow();
    for (const label of ['Step', 'Kind', 'Status', 'Rows', 'Duration']) {
      const th = document.createElement('th');
      th.textContent = label;
      if (label === 'Rows' || label === 'Duration') th.className = 'num';
      head.append(th);
    }
    const body = table.createTBody();
    for (const step of run.steps) {
      const tr = body.insertRow();
      tr.insertCell().textContent = stepLabel(step);
      tr.insertCell().textContent = step.kind;
      const status = tr.insertCell();
      status.append(statusBadge(step.status));
      if (step.error) {
        const error = document.createElement('div');
        error.className = 'step-error';
        error.textContent = step.error;
        status.append(error);
      }
      const rows = tr.insertCell();
      rows.className = 'num';
      rows.textContent = formatValue(step.rows, 'count');
      const duration = tr.insertCell();
      duration.className = 'num';
      duration.textContent = formatDuration(step.durationMs);
    }
    details.append(table);
    list.append(details);
  }
  list.querySelector('details')?.setAttribute('open', '');
  return list;
}

/** `model.shop.fct_orders` → `fct_orders`, `test.shop.not_null_x.1bc166525b` → `not_null_x`; others stay. */
export function shortName(name: string): string {
  if (!/^(model|test|seed|snapshot|source|unit_test|analysis)\./.test(name)) return name;
  const parts = name.split('.').slice(2);
  if (parts.length > 1 && /^[0-9a-f]{10}$/.test(parts[parts.length - 1]!)) parts.pop();
  return parts.join('.');
}

/** What a step is called on the page: the server's label, else the short form of its id. */
const stepLabel = (step: { name: string; label?: string }): string => step.label ?? shortName(step.name);

const SLOWEST = 15;

/** /api/ops/tests and /api/ops/freshness answer query-shaped rows. */
const loadTable = (path: string) => (_ctx: unknown, signal: AbortSignal) => getJson<QueryResult>(path, signal);

/** The operations page. */
export const operationsPage: PageSpec = {
  path: '/operations',
  title: 'Operations',
  description: 'Pipeline runs, data tests, source freshness and lineage.',
  filters: false,
  charts: [
    {
      id: 'pipeline-runs',
      size: 'double',
      title: 'Last pipeline runs',
      subtitle: 'Newest first; open a run to see its steps',
      source: { kind: 'load', load: () => loadRuns() },
      table: (data) => runsTable(data.detail as Run[]),
      emptyMessage: 'No pipeline run recorded yet. Run `mercator run` to build the warehouse.',
    },
    {
      id: 'latest-run-steps',
      title: 'Slowest steps of the latest run',
      subtitle: `The ${SLOWEST} steps that took longest`,
      height: 340,
      source: {
        kind: 'load',
        load: async () => {
          const data = await loadRuns();
          const latest = (data.detail as Run[])[0];
          const rows = data.rows
            .filter((r) => r[0] === latest?.runId && r[4] !== null)
            .sort((a, b) => Number(b[8] ?? 0) - Number(a[8] ?? 0))
            .slice(0, SLOWEST);
          const steps = rows.map((r) => latest!.steps.find((s) => s.name === r[4])!);
          return { ...data, rows, detail: { ...latest, steps } };
        },
      },
      render: (data) => {
        const run = data.detail as Run;
        const steps = run.steps;
        return {
          ...baseOption(),
          grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
          tooltip: {
            trigger: 'item',
            confine: true,
            formatter: (it: TooltipItem) => {
              const step = steps[it.dataIndex];
              return step ? `${escapeHtml(stepLabel(step))} (${escapeHtml(step.kind)})<br>${escapeHtml(step.status)} · <b>${formatDuration(step.durationMs)}</b> · ${formatValue(step.rows, 'count')} rows` : '';
            },
          },
          xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatDuration(v), hideOverlap: true } },
          yAxis: { type: 'category', inverse: true, data: steps.map((s) => stepLabel(s)), axisLabel: { width: 160, overflow: 'truncate' }, axisTick: { show: false } },
          series: [
            {
              type: 'bar',
              barMaxWidth: 18,
              label: { show: true, position: 'right', formatter: (it: TooltipItem) => formatDuration(it.value) },
              data: steps.map((s) => ({ value: s.durationMs ?? 0, itemStyle: { color: /fail|error/i.test(s.status) ? '#dc2626' : /skip/i.test(s.status) ? '#9ca3af' : '#16a34a' } })),
            },
          ],
        };
      },
      emptyMessage: 'No pipeline run recorded yet.',
    },
    {
      id: 'test-results',
      size: 'wide',
      title: 'Data tests',
      subtitle: 'Latest result of every test',
      source: { kind: 'load', load: loadTable('/api/ops/tests') },
      table: (data) => resultTable(data),
      emptyMessage: 'No test results recorded yet.',
    },
    {
      id: 'source-freshness',
      size: 'wide',
      title: 'Source freshness',
      subtitle: 'When each source table was last loaded',
      source: { kind: 'load', load: loadTable('/api/ops/freshness') },
      table: (data) => resultTable(data),
      emptyMessage: 'No loads recorded yet.',
    },
    {
      id: 'lineage',
      title: 'Lineage',
      subtitle: 'Sources to marts; hover a node to follow its edges, drag and scroll to move and zoom',
      size: 'wide',
      height: 620,
      prepare: loadExtraCharts,
      source: {
        kind: 'load',
        load: async (_ctx, signal) => {
          const lineage = await fetchLineage(signal);
          const names = new Map(lineage.nodes.map((n) => [n.id, n.name]));
          return {
            columns: [
              { name: 'from', label: 'From', type: 'category' },
              { name: 'to', label: 'To', type: 'category' },
            ],
            rows: lineage.edges.map((e) => [names.get(e.from) ?? e.from, names.get(e.to) ?? e.to]),
            detail: lineage,
          };
        },
      },
      render: (data, ctx) => lineageOption(data.detail as Parameters<typeof lineageOption>[0], ctx.dark),
      emptyMessage: 'No lineage yet: build the project once to write target/manifest.json.',
    },
  ],
};
