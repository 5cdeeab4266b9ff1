// The shop pipeline at a realistic scale: a full run (generate → ingest → build + tests), then one simulated
// day and an incremental run, reported as a ratio of the full build measured in the same run.
// Scale: MERCATOR_BENCH_PIPELINE_SCALE (default 10 = 1 M orders). Alone: npx tsx bench/pipeline-bench.ts
import { chmodSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runDemoPipeline } from '../src/cli/commands/demo-pipeline-run.js';
import { demoAdvance, demoStop } from '../src/demo/index.js';
import { createMemoryLogger } from '../src/log/index.js';
import type { PipelineResult } from '../src/orchestrate/index.js';
import type { BenchResult } from './bench-result.js';

const PROJECT = fileURLToPath(new URL('../projects/shop/', import.meta.url));
const GENERATED = new Set(['demo', '.mercator', 'target', 'logs', 'warehouse.duckdb', 'warehouse.duckdb.wal']);

function stepSeconds(result: PipelineResult, name: 'ingest' | 'build'): number {
  return result.steps.find((s) => s.name === name)?.seconds ?? Number.NaN;
}

function assertSucceeded(result: PipelineResult, what: string): void {
  if (!result.success) throw new Error(`${what} failed: ${result.tests.failed} tests failed, ${result.ingest.failures.length} streams failed`);
}

/** Full pipeline, one simulated day, incremental pipeline; returns the incremental/full ratios. */
export async function runPipelineBench(scale = Number(process.env.MERCATOR_BENCH_PIPELINE_SCALE ?? 10)): Promise<BenchResult> {
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
      params: { scale, orders: full.kpis?.orders ?? null },
      metrics: [
        { name: 'incremental build / full build', value: incBuild / fullBuild, unit: 'x', target: { op: '<=', value: 0.2 }, baseline: { name: 'full build', value: fullBuild, unit: 's' } },
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
