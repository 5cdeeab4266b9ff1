// Does: the result shape every benchmark returns and the writer for bench/results/*.json.
// Does not: run benchmarks; each bench/<name>-bench.ts exports one run function.
import { mkdirSync, writeFileSync } from 'node:fs';

/** One measured quantity; `target` and `ratio` make the pass/fail line readable. */
export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
  /** The target as the issue states it, e.g. `<= 0.1` ms. */
  target?: { op: '<=' | '>='; value: number };
  /** Baseline measured in the same run, when the metric is a ratio against one. */
  baseline?: { name: string; value: number; unit: string };
}

/** What one benchmark reports. */
export interface BenchResult {
  bench: string;
  params: Record<string, unknown>;
  metrics: BenchMetric[];
}

/** True when the metric meets its target (or has none). */
export function meetsTarget(metric: BenchMetric): boolean {
  if (!metric.target) return true;
  return metric.target.op === '<=' ? metric.value <= metric.target.value : metric.value >= metric.target.value;
}

/** Writes the result as JSON under bench/results/ and returns the path. */
export function writeBenchResult(result: BenchResult, dir = new URL('./results/', import.meta.url)): string {
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${result.bench}.json`, dir);
  writeFileSync(file, JSON.stringify({ ...result, measuredAt: new Date().toISOString(), node: process.version }, null, 2) + '\n');
  return file.pathname;
}
