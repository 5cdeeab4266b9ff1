// Runs the benchmarks (`npm run bench [-- name ...]`), writes bench/results/<name>.json and prints
// each metric against its target. Benchmarks measure; tests never assert timings.
import { existsSync } from 'node:fs';
import { meetsTarget, writeBenchResult, type BenchResult } from './bench-result.js';

/** Every benchmark: its name, module (relative to bench/) and exported run function. */
const benches = [
  { name: 'jinja', module: './jinja-bench.ts', run: 'runJinjaBench' },
  { name: 'demo', module: './demo-bench.ts', run: 'runDemoBench' },
  { name: 'transform', module: './transform-bench.ts', run: 'runTransformBench' },
  { name: 'ingest', module: './ingest-bench.ts', run: 'runIngestBench' },
  { name: 'landing', module: './landing-bench.ts', run: 'runLandingBench' },
  { name: 'pipeline', module: './pipeline-bench.ts', run: 'runPipelineBench' },
  { name: 'dashboard', module: './dashboard-bench.ts', run: 'runDashboardBench' },
] as const;

function formatValue(value: number, unit: string): string {
  const text = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3);
  return `${text} ${unit}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  let missed = 0;
  for (const bench of benches) {
    if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
    if (!existsSync(new URL(bench.module, import.meta.url))) {
      process.stdout.write(`- ${bench.name}: not built yet (${bench.module} missing)\n`);
      continue;
    }
    process.stdout.write(`\n== ${bench.name}\n`);
    const mod = (await import(bench.module)) as Record<string, () => Promise<BenchResult>>;
    const result = await mod[bench.run]!();
    const file = writeBenchResult(result);
    for (const metric of result.metrics) {
      const ok = meetsTarget(metric);
      if (!ok) missed++;
      const target = metric.target ? ` (target ${metric.target.op} ${metric.target.value} ${metric.unit}: ${ok ? 'met' : 'MISSED'})` : '';
      const baseline = metric.baseline ? ` vs ${metric.baseline.name} ${formatValue(metric.baseline.value, metric.baseline.unit)}` : '';
      process.stdout.write(`  ${metric.name}: ${formatValue(metric.value, metric.unit)}${baseline}${target}\n`);
    }
    process.stdout.write(`  → ${file}\n`);
  }
  if (missed > 0) process.stdout.write(`\n${missed} metric(s) missed their target.\n`);
}

await main();
