// The shop pipeline at a realistic scale: a full run (generate → ingest → build + tests), then one simulated
// day and an incremental run, reported as a ratio of the full build measured in the same run.
// Scale: `--scale <n>` (`npm run bench -- pipeline --scale 10`), else MERCATOR_BENCH_PIPELINE_SCALE, else 10 (1 M orders).
// Alone: npx tsx bench/pipeline-bench.ts --scale 0.5. The slowest nodes of both builds come from the run history.
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runDemoPipeline } from '../src/cli/commands/demo-pipeline-run.js';
import { demoAdvance, demoStop } from '../src/demo/index.js';
import { createMemoryLogger } from '../src/log/index.js';
import type { PipelineResult } from '../src/orchestrate/index.js';
import { openWarehouse } from '../src/warehouse/index.js';
import type { BenchResult } from './bench-result.js';

const PROJECT = fileURLToPath(new URL('../projects/shop/', import.meta.url));
const GENERATED = new Set(['demo', '.mercator', 'target', 'logs', 'warehouse.duckdb', 'warehouse.duckdb.wal']);

function stepSeconds(result: PipelineResult, name: 'ingest' | 'build', what: 'seconds' | 'cpuSeconds' = 'seconds'): number {
  return result.steps.find((s) => s.name === name)?.[what] ?? Number.NaN;
}

function assertSucceeded(result: PipelineResult, what: string): void {
  if (!result.success) throw new Error(`${what} failed: ${result.tests.failed} tests failed, ${result.ingest.failures.length} streams failed`);
}

/** `--scale <n>` or `--scale=<n>` from the command line, else the environment, else 10. */
export function benchScale(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): number {
  const at = argv.findIndex((a) => a === '--scale' || a.startsWith('--scale='));
  const text = at < 0 ? env.MERCATOR_BENCH_PIPELINE_SCALE : argv[at]!.includes('=') ? argv[at]!.slice('--scale='.length) : argv[at + 1];
  const scale = Number(text ?? 10);
  if (!(scale >= 0.01 && scale <= 100)) throw new Error(`pipeline bench: scale ${String(text)} is not a number from 0.01 to 100`);
  return scale;
}

/** The slowest build nodes of one run, from `_mercator.run_nodes`: `seconds node (rows)`. */
async function slowestNodes(dir: string, runId: string, limit = 12): Promise<string[]> {
  const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
  try {
    const r = await wh.queryJson(
      `SELECT node, round(epoch(finished_at) - epoch(started_at), 2) AS s, rows FROM _mercator.run_nodes WHERE run_id = $1 AND kind <> 'ingest' ORDER BY s DESC LIMIT ${limit}`,
      [runId],
    );
    return r.rows.map((x) => `${String(x['s'])} s ${String(x['node'])}${x['rows'] === null ? '' : ` (${String(x['rows'])} rows)`}`);
  } finally {
    await wh.close();
  }
}

/** Full pipeline, one simulated day, incremental pipeline; returns the incremental/full ratios. */
export async function runPipelineBench(scale = benchScale()): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mercator-pipeline-bench-'));
  chmodSync(dir, 0o755); // run as root, the embedded PostgreSQL runs as the `postgres` user and must reach its data folder
  cpSync(PROJECT, dir, { recursive: true, filter: (src) => !GENERATED.has(src.slice(PROJECT.length).split('/')[0] ?? '') });
  const logger = createMemoryLogger();
  try {
    let started = performance.now();
    const full = await runDemoPipeline({ dir, scale, seed: 42, eventDays: 14 }, logger);
    const fullWall = (performance.now() - started) / 1000;
    assertSucceeded(full, 'full run');

    await demoAdvance(dir, 1, logger);
    started = performance.now();
    const incremental = await runDemoPipeline({ dir, scale, seed: 42 }, logger);
    const incrementalWall = (performance.now() - started) / 1000;
    assertSucceeded(incremental, 'incremental run');

    const fullBuild = stepSeconds(full, 'build');
    const incBuild = stepSeconds(incremental, 'build');
    return {
      bench: 'pipeline',
      params: {
        scale,
        orders: full.kpis?.orders ?? null,
        slowestFullBuildNodes: await slowestNodes(dir, full.runId),
        slowestIncrementalBuildNodes: await slowestNodes(dir, incremental.runId),
      },
      metrics: [
        { name: 'incremental build / full build', value: incBuild / fullBuild, unit: 'x', target: { op: '<=', value: 0.2 }, baseline: { name: 'full build', value: fullBuild, unit: 's' } },
        // CPU time of the process is steadier than wall time on a machine shared with other work.
        { name: 'incremental build / full build, CPU time', value: stepSeconds(incremental, 'build', 'cpuSeconds') / stepSeconds(full, 'build', 'cpuSeconds'), unit: 'x', baseline: { name: 'full build CPU', value: stepSeconds(full, 'build', 'cpuSeconds'), unit: 's' } },
        { name: 'incremental pipeline (ingest + build) / full pipeline', value: (stepSeconds(incremental, 'ingest') + incBuild) / (stepSeconds(full, 'ingest') + fullBuild), unit: 'x' },
        { name: 'full run incl. generating the shop', value: fullWall, unit: 's' },
        { name: 'incremental run after one day', value: incrementalWall, unit: 's' },
      ],
    };
  } finally {
    await demoStop(dir, logger).catch(() => undefined); // best effort: the measurement (or its error) is what matters
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runPipelineBench(), null, 2));
}
