// Does: one pipeline run of a project: ingest every source of mercator.yml, check source freshness, then build the
// dbt project (seeds, models, snapshots and tests in DAG order), read rows per layer and (through a reader the caller passes) the headline KPIs, and
// record the run, its nodes, tests and freshness in `_mercator`.
// Does not: start or stop the systems the sources live in, or print; events go to the Logger.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { ingestProject, type IngestSummary, type StreamReporter } from '../ingest/index.js';
import { loadMercatorConfig, type MercatorConfig } from '../config/index.js';
import type { Logger } from '../log/index.js';
import { runSourceFreshness, runTransformTask, type FreshnessResult, type ManifestNode, type NodeResult, type RunSummary } from '../transform/index.js';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import type { HeadlineKpis, HeadlineKpisReader } from './headline-kpis.js';
import { layerRowCounts, type LayerRows } from './layer-row-counts.js';
import {
  buildNodeRows,
  ingestNodeRows,
  nodeTimingLogger,
  runErrorText,
  sourceFreshnessRows,
  testResultRows,
  timingReporter,
  type RunNodeRow,
  type RunRow,
  type SourceFreshnessRow,
  type TestResultRow,
} from './run-history.js';
import { RunHistoryStore } from './run-history-store.js';
import { sendRunAlert, type AlertDelivery } from './run-alerts.js';

/** What to run. */
export interface RunPipelineOptions {
  projectDir: string;
  logger: Logger;
  /** Environment for `${VAR}` in mercator.yml and `env_var()` in the dbt project. */
  env: Readonly<Record<string, string | undefined>>;
  /** Reload every source and rebuild incremental models from scratch (default false). */
  fullRefresh?: boolean;
  /** Progress of the ingest streams (default: none). */
  reporter?: StreamReporter;
  /** Reads the headline KPIs after the build (default: none are shown). */
  kpis?: HeadlineKpisReader;
  /** DuckDB file both steps use, relative to the project (default `warehouse.duckdb`, as mercator.yml and profiles.yml say). */
  warehousePath?: string;
  /** What started the run, as `_mercator.runs.command` records it (default `pipeline`). */
  command?: string;
}

/** One step of the run: its wall time, the CPU time of this process during it, and the rows it processed. */
export interface PipelineStep {
  name: 'ingest' | 'build' | 'summary';
  seconds: number;
  /** User + system CPU seconds of this process (the embedded warehouse included; source systems are other processes). */
  cpuSeconds: number;
  /** Rows loaded (ingest) or written by models (build); null for the summary, which only reads. */
  rows: number | null;
}

/** Test outcomes of the build (data tests and unit tests). */
export interface PipelineTests {
  passed: number;
  warned: number;
  failed: number;
  skipped: number;
}

/** Everything one run did. `success` is false when a stream failed or a node errored or a test failed. */
export interface PipelineResult {
  /** The run's id in `_mercator.runs`. */
  runId: string;
  success: boolean;
  steps: PipelineStep[];
  ingest: IngestSummary;
  /** Source freshness checked after the ingest (recorded in `_mercator.source_freshness`; it does not fail the run). */
  freshness: FreshnessResult[];
  build: { summary: RunSummary; results: NodeResult[]; modelRows: Record<string, number> };
  tests: PipelineTests;
  layers: LayerRows[];
  kpis: HeadlineKpis | null;
  seconds: number;
}

const seconds = (since: number): number => Math.round(performance.now() - since) / 1000;
const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000) / 1000;
};

/** Runs ingest → source freshness → build → summary on the project's DuckDB warehouse, recording the run in `_mercator`. */
export async function runPipeline(o: RunPipelineOptions): Promise<PipelineResult> {
  const projectDir = resolve(o.projectDir);
  const env = { ...o.env };
  const path = resolve(projectDir, o.warehousePath ?? env['SHOP_DUCKDB_PATH'] ?? 'warehouse.duckdb');
  env['SHOP_DUCKDB_PATH'] = path;
  const started = performance.now();
  const steps: PipelineStep[] = [];
  // Each step opens the file with its own settings (profile threads, memory) and closes it, so the history does too.
  const withHistory = async <T>(fn: (warehouse: Warehouse, history: RunHistoryStore) => Promise<T>): Promise<T> => {
    const warehouse = await openWarehouse({ type: 'duckdb', path });
    try {
      return await fn(warehouse, new RunHistoryStore(warehouse));
    } finally {
      await warehouse.close();
    }
  };
  const run: RunRow = { runId: randomUUID(), command: o.command ?? 'pipeline', status: 'running', startedAt: new Date(), finishedAt: null, error: null };
  const nodes: RunNodeRow[] = [];
  const tests: TestResultRow[] = [];
  let freshnessRows: SourceFreshnessRow[] = [];
  await withHistory(async (_, history) => {
    await history.ensureTables();
    await history.startRun(run);
  });
  o.logger.emit({ type: 'RunStarted', level: 'debug', message: `run ${run.runId} started`, data: { run_id: run.runId, command: run.command } });
  try {
    let t = performance.now();
    let cpu = process.cpuUsage();
    const ingestStarted = new Date();
    o.logger.emit({ type: 'PipelineStepStarted', level: 'info', message: 'ingest: loading every source of mercator.yml', data: { step: 'ingest' } });
    const streams = timingReporter(o.reporter);
    const ingest = await ingestProject({ projectDir, env: env as NodeJS.ProcessEnv, fullRefresh: Boolean(o.fullRefresh), reporter: streams.reporter });
    nodes.push(...ingestNodeRows(ingest, streams.times, ingestStarted, new Date()));
    steps.push({ name: 'ingest', seconds: seconds(t), cpuSeconds: cpuSeconds(cpu), rows: ingest.results.reduce((n, r) => n + r.rows, 0) });

    o.logger.emit({ type: 'PipelineStepStarted', level: 'info', message: 'freshness: how old the newest row of each source is', data: { step: 'freshness' } });
    const checkedAt = new Date();
    const freshness = await runSourceFreshness({ projectDir, logger: o.logger, env });
    freshnessRows = sourceFreshnessRows(freshness.results, checkedAt);

    t = performance.now();
    cpu = process.cpuUsage();
    o.logger.emit({ type: 'PipelineStepStarted', level: 'info', message: 'build: seeds, models, snapshots and tests in DAG order', data: { step: 'build' } });
    const timed = nodeTimingLogger(o.logger);
    const built = await runTransformTask('build', { projectDir, logger: timed.logger, env, fullRefresh: Boolean(o.fullRefresh) });
    const buildFinished = new Date();
    const nodeOf = (id: string): ManifestNode | undefined => built.project.manifest.nodes.get(id);
    nodes.push(...buildNodeRows(built.results, nodeOf, timed.finished, buildFinished));
    tests.push(...testResultRows(built.results, nodeOf, timed.finished, buildFinished));
    const modelRows: Record<string, number> = {};
    for (const r of built.results) {
      const node = nodeOf(r.uniqueId);
      if (node && node.resourceType !== 'test' && node.resourceType !== 'unit_test' && r.rowsAffected !== null) modelRows[node.name] = r.rowsAffected;
    }
    steps.push({ name: 'build', seconds: seconds(t), cpuSeconds: cpuSeconds(cpu), rows: Object.values(modelRows).reduce((n, x) => n + x, 0) });

    t = performance.now();
    cpu = process.cpuUsage();
    const success = ingest.failures.length === 0 && built.success;
    const failedNodes = built.results.filter((r) => r.status === 'error' || r.status === 'fail');
    const { layers, kpis } = await withHistory(async (warehouse, history) => {
      const summary = { layers: await layerRowCounts(warehouse), kpis: o.kpis ? await o.kpis(warehouse) : null };
      Object.assign(run, { status: success ? 'success' : 'error', finishedAt: new Date(), error: success ? null : (runErrorText({ ingestFailures: ingest.failures, failedNodes }) ?? 'the build reported an error') });
      await history.finishRun(run, nodes, tests, freshnessRows);
      if (!success) {
        const failures = [...ingest.failures.map((f) => `ingest:${f.source}.${f.stream}: ${f.error.message}`), ...failedNodes.map((r) => `${r.uniqueId}: ${r.message}`)];
        await history.recordAlerts(run.runId, await alertFailure(projectDir, run, failures, env, o.logger));
      }
      return summary;
    });
    steps.push({ name: 'summary', seconds: seconds(t), cpuSeconds: cpuSeconds(cpu), rows: null });
    return {
      runId: run.runId,
      success,
      steps,
      ingest,
      freshness: freshness.results,
      build: { summary: built.summary, results: built.results, modelRows },
      tests: countTests(built.results, (id) => nodeOf(id)?.resourceType),
      layers,
      kpis,
      seconds: seconds(started),
    };
  } catch (err) {
    // A step that throws still ends the run: as an error with its message, keeping the nodes that finished.
    if (run.status === 'running') {
      Object.assign(run, { status: 'error', finishedAt: new Date(), error: err instanceof Error ? err.message : String(err) });
      await withHistory(async (_, history) => {
        await history.finishRun(run, nodes, tests, freshnessRows);
        await history.recordAlerts(run.runId, await alertFailure(projectDir, run, [], env, o.logger));
      }).catch((writeErr: unknown) => {
        if (err instanceof Error) ((err as { suppressed?: unknown[] }).suppressed ??= []).push(writeErr);
      });
    }
    throw err;
  }
}

/** Sends a failed run's alert to the channels of mercator.yml `alerts` when they ask for `failure`; returns the deliveries. */
async function alertFailure(projectDir: string, run: RunRow, failures: string[], env: Record<string, string | undefined>, logger: Logger): Promise<AlertDelivery[]> {
  let config: MercatorConfig;
  try {
    config = loadMercatorConfig(projectDir);
  } catch (err) {
    // The run's own error is usually this one (a broken mercator.yml); say why no alert went out rather than raise it twice.
    logger.emit({ type: 'AlertFailed', level: 'warn', message: `No alert sent for run ${run.runId}: mercator.yml could not be read (${err instanceof Error ? err.message : String(err)})` });
    return [];
  }
  if (!config.alerts?.on.includes('failure')) return [];
  return sendRunAlert(config.alerts, { run, project: config.name, failures }, { env, logger });
}

/** Counts test and unit-test results by outcome. */
function countTests(results: readonly NodeResult[], typeOf: (id: string) => string | undefined): PipelineTests {
  const out: PipelineTests = { passed: 0, warned: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    const type = typeOf(r.uniqueId);
    if (type !== 'test' && type !== 'unit_test') continue;
    if (r.status === 'pass' || r.status === 'success') out.passed++;
    else if (r.status === 'warn') out.warned++;
    else if (r.status === 'skipped') out.skipped++;
    else out.failed++;
  }
  return out;
}
