// Does: one pipeline run of a project: ingest every source of mercator.yml, then build the dbt project
// (seeds, models, snapshots and tests in DAG order), then read rows per layer and the headline KPIs.
// Does not: start or stop the systems the sources live in, or print; events go to the Logger.
import { resolve } from 'node:path';
import { ingestProject, type IngestSummary, type StreamReporter } from '../ingest/index.js';
import type { Logger } from '../log/index.js';
import { runTransformTask, type NodeResult, type RunSummary } from '../transform/index.js';
import { openWarehouse } from '../warehouse/index.js';
import { headlineKpis, type HeadlineKpis } from './headline-kpis.js';
import { layerRowCounts, type LayerRows } from './layer-row-counts.js';

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
  /** DuckDB file both steps use, relative to the project (default `warehouse.duckdb`, as mercator.yml and profiles.yml say). */
  warehousePath?: string;
}

/** One step of the run: its wall time and the rows it processed. */
export interface PipelineStep {
  name: 'ingest' | 'build' | 'summary';
  seconds: number;
  rows: number;
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
  success: boolean;
  steps: PipelineStep[];
  ingest: IngestSummary;
  build: { summary: RunSummary; results: NodeResult[]; modelRows: Record<string, number> };
  tests: PipelineTests;
  layers: LayerRows[];
  kpis: HeadlineKpis | null;
  seconds: number;
}

const seconds = (since: number): number => Math.round(performance.now() - since) / 1000;

/** Runs ingest → build → summary on the project's DuckDB warehouse. */
export async function runPipeline(o: RunPipelineOptions): Promise<PipelineResult> {
  const projectDir = resolve(o.projectDir);
  const env = { ...o.env };
  const path = resolve(projectDir, o.warehousePath ?? env['SHOP_DUCKDB_PATH'] ?? 'warehouse.duckdb');
  env['SHOP_DUCKDB_PATH'] = path;
  const started = performance.now();
  const steps: PipelineStep[] = [];

  let t = performance.now();
  o.logger.emit({ type: 'PipelineStepStarted', level: 'info', message: 'ingest: loading every source of mercator.yml', data: { step: 'ingest' } });
  const ingest = await ingestProject({ projectDir, env: env as NodeJS.ProcessEnv, fullRefresh: Boolean(o.fullRefresh), ...(o.reporter ? { reporter: o.reporter } : {}) });
  steps.push({ name: 'ingest', seconds: seconds(t), rows: ingest.results.reduce((n, r) => n + r.rows, 0) });

  t = performance.now();
  o.logger.emit({ type: 'PipelineStepStarted', level: 'info', message: 'build: seeds, models, snapshots and tests in DAG order', data: { step: 'build' } });
  const built = await runTransformTask('build', { projectDir, logger: o.logger, env, fullRefresh: Boolean(o.fullRefresh) });
  const modelRows: Record<string, number> = {};
  for (const r of built.results) {
    const node = built.project.manifest.nodes.get(r.uniqueId);
    if (node && node.resourceType !== 'test' && node.resourceType !== 'unit_test' && r.rowsAffected !== null) modelRows[node.name] = r.rowsAffected;
  }
  steps.push({ name: 'build', seconds: seconds(t), rows: Object.values(modelRows).reduce((n, x) => n + x, 0) });
  const tests = countTests(built.results, (id) => built.project.manifest.nodes.get(id)?.resourceType);

  t = performance.now();
  const warehouse = await openWarehouse({ type: 'duckdb', path });
  let layers: LayerRows[];
  let kpis: HeadlineKpis | null;
  try {
    layers = await layerRowCounts(warehouse);
    kpis = await headlineKpis(warehouse);
  } finally {
    await warehouse.close();
  }
  steps.push({ name: 'summary', seconds: seconds(t), rows: 0 });
  const success = ingest.failures.length === 0 && built.success;
  return { success, steps, ingest, build: { summary: built.summary, results: built.results, modelRows }, tests, layers, kpis, seconds: seconds(started) };
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
