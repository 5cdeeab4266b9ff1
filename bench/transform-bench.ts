// The dbt-compatible engine's own cost: parse + compile of a 10,000-model project, per-node overhead of a
// 200-model build beyond the time its SQL takes when run directly (same run, same database), and the
// wall time of a whole `mercator run` process for one model.
// The engine is measured as built (dist/, what `mercator` runs): under tsx, src/ is transformed with
// esbuild's keepNames, which wraps every closure in a __name() call and made the closure-heavy template
// engine about a third slower than the shipped code.
// Same-run baselines: writing the 10,000 compiled files alone (file creation on this disk varies tenfold
// from run to run on a shared machine), and starting a bare `node -e 0`.
// Alone: npm run build && npx tsx bench/transform-bench.ts
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './bench-result.js';

const dist = (path: string): string => {
  const file = fileURLToPath(new URL(`../dist/${path}`, import.meta.url));
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return pathToFileURL(file).href;
};
const { createMemoryLogger } = (await import(dist('log/index.js'))) as typeof import('../src/log/index.js');
const { runTransformTask } = (await import(dist('transform/index.js'))) as typeof import('../src/transform/index.js');
const { openWarehouse } = (await import(dist('warehouse/index.js'))) as typeof import('../src/warehouse/index.js');

const PROFILES = 'bench:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: ":memory:"\n      schema: main\n      threads: 1\n';

/** A model of realistic size: config, a ref, a loop over columns, a macro call. */
function modelSql(i: number): string {
  const parent = i === 0 ? `(select 1 as id, 10.5 as amount, 'a' as status)` : `{{ ref('model_${Math.floor(i / 2)}') }}`;
  return `{{ config(materialized='table', tags=['t${i % 10}']) }}
{% set cols = ['id', 'amount', 'status'] %}
select
{%- for c in cols %}
  {{ c }}{% if not loop.last %},{% endif %}
{%- endfor %},
  {{ bench_double('amount') }} as amount_x2
from ${parent} as p
where {{ var('min_id', 0) }} <= id
`;
}

function writeProject(dir: string, models: number): void {
  const files: Record<string, string> = {
    'dbt_project.yml': 'name: bench\nprofile: bench\nconfig-version: 2\n',
    'profiles.yml': PROFILES,
    'macros/bench_double.sql': '{% macro bench_double(col) %}({{ col }} * 2){% endmacro %}\n',
  };
  for (let i = 0; i < models; i++) files[`models/m${Math.floor(i / 500)}/model_${i}.sql`] = modelSql(i);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

async function timeTask(dir: string, command: 'compile' | 'build', threads = 1, writeArtifacts = true): Promise<number> {
  const warehouse = await openWarehouse({ type: 'duckdb', path: ':memory:' });
  try {
    const started = performance.now();
    const result = await runTransformTask(command, { projectDir: dir, logger: createMemoryLogger(), env: {}, warehouse, threads, writeArtifacts });
    const ms = performance.now() - started;
    const failed = result.results.filter((r) => r.status === 'error');
    if (failed.length > 0) throw new Error(`${command} failed: ${failed[0]!.message ?? failed[0]!.uniqueId}`);
    return ms;
  } finally {
    await warehouse.close();
  }
}

/** Runs the three measurements and returns them with their targets. */
export async function runTransformBench(): Promise<BenchResult> {
  const root = mkdtempSync(join(tmpdir(), 'mercator-transform-bench-'));
  try {
    const big = join(root, 'big');
    writeProject(big, 10_000);
    const compileMs = await timeTask(big, 'compile');
    // Baseline: the same 10,000 compiled files written with writeFileSync into a fresh folder.
    const compiledFiles = Array.from({ length: 10_000 }, (_, i) => {
      const rel = join(`m${Math.floor(i / 500)}`, `model_${i}.sql`);
      return { rel, text: readFileSync(join(big, 'target/compiled/bench/models', rel), 'utf8') };
    });
    const copyDir = join(root, 'files-alone');
    const made = new Set<string>();
    const startedFiles = performance.now();
    for (const f of compiledFiles) {
      const file = join(copyDir, f.rel);
      if (!made.has(dirname(file))) mkdirSync(dirname(file), { recursive: true });
      made.add(dirname(file));
      writeFileSync(file, f.text);
    }
    const filesMs = performance.now() - startedFiles;
    // The same compile again without writing target/ (the engine's own share; warm file cache).
    const engineMs = await timeTask(big, 'compile', 1, false);

    const small = join(root, 'small');
    writeProject(small, 200);
    await timeTask(small, 'build'); // warm-up: file cache, DuckDB code paths
    const buildMs = await timeTask(small, 'build');
    // Baseline: the same compiled SQL, run directly in DAG order (model i depends on i/2 < i).
    const warehouse = await openWarehouse({ type: 'duckdb', path: ':memory:' });
    const compiled = Array.from({ length: 200 }, (_, i) =>
      readFileSync(join(small, 'target/compiled/bench/models', `m${Math.floor(i / 500)}`, `model_${i}.sql`), 'utf8'),
    );
    const started = performance.now();
    for (let i = 0; i < 200; i++) await warehouse.run(`create or replace table main.model_${i} as (${compiled[i]})`);
    const sqlMs = performance.now() - started;
    await warehouse.close();

    const one = join(root, 'one');
    writeProject(one, 1);
    const bin = fileURLToPath(new URL('../bin/mercator.js', import.meta.url));
    const startedProcess = performance.now();
    execFileSync(process.execPath, [bin, 'run', '--project-dir', one, '--profiles-dir', one], { stdio: 'ignore' });
    const processMs = performance.now() - startedProcess;
    const startedNode = performance.now();
    execFileSync(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const nodeMs = performance.now() - startedNode;

    return {
      bench: 'transform',
      params: { compileModels: 10_000, buildModels: 200, threads: 1 },
      metrics: [
        { name: 'parse + compile 10,000 models', value: compileMs / 1000, unit: 's', target: { op: '<=', value: 2 }, baseline: { name: 'writing its 10,000 compiled files alone', value: filesMs / 1000, unit: 's' } },
        { name: 'the same, second run, writing nothing to target/ (engine only)', value: engineMs / 1000, unit: 's' },
        { name: 'engine overhead per node (200-model build)', value: (buildMs - sqlMs) / 200, unit: 'ms', target: { op: '<=', value: 5 }, baseline: { name: 'same SQL run directly', value: sqlMs / 200, unit: 'ms/node' } },
        { name: 'process start to first model done (mercator run, 1 model)', value: processMs, unit: 'ms', target: { op: '<=', value: 300 }, baseline: { name: 'bare node -e 0', value: nodeMs, unit: 'ms' } },
      ],
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runTransformBench(), null, 2));
}
