// Landing-folder ingestion at realistic volume (FILES hourly JSONL files × ROWS rows, shaped like the demo's
// events): batched loads against one load per file, both measured in this run.
// MERCATOR_BENCH_LANDING_FILES (336) and MERCATOR_BENCH_LANDING_ROWS (2000). Alone: npx tsx bench/landing-bench.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { filesSourceSchema, resolveFilesSource } from '../src/ingest/files/index.js';
import { ingestFilesSource } from '../src/ingest/files/ingest-files.js';
import { openWarehouse } from '../src/warehouse/index.js';
import type { BenchResult } from './bench-result.js';

function writeEventFiles(dir: string, files: number, rows: number): void {
  for (let f = 0; f < files; f++) {
    const day = String(Math.floor(f / 24)).padStart(2, '0');
    mkdirSync(join(dir, 'events', day), { recursive: true });
    const lines: string[] = [];
    for (let r = 0; r < rows; r++) {
      const properties = r % 7 === 0 ? { quantity: r } : r % 11 === 0 && f % 2 === 0 ? { currency: 'EUR', value: r / 10 } : {};
      lines.push(JSON.stringify({ event_id: `${f}-${r}`, session_id: `s${(f * rows + r) % 9973}`, type: r % 3 ? 'view' : 'click', at: new Date(Date.UTC(2026, 0, 1, f, 0, r % 60)).toISOString(), value: r * 0.5, customer_id: f % 5 === 0 ? null : r, properties }));
    }
    writeFileSync(join(dir, 'events', day, `h${String(f % 24).padStart(2, '0')}.jsonl`), lines.join('\n') + '\n');
  }
}

/** Seconds to ingest the folder into a fresh warehouse with at most `perLoad` files per load. */
async function timeIngest(dir: string, perLoad: number): Promise<{ seconds: number; loads: number; rows: number }> {
  const warehouse = await openWarehouse({ type: 'duckdb', path: join(dir, `warehouse-${perLoad}.duckdb`) });
  try {
    const config = filesSourceSchema.parse({ type: 'files', streams: { events: { path: 'events/**/*.jsonl', landing: true, stable_seconds: 0, max_files_per_load: perLoad } } });
    const started = performance.now();
    const outcome = await ingestFilesSource(warehouse, resolveFilesSource('landing', config, dir));
    if (outcome.failures[0]) throw outcome.failures[0].error;
    return { seconds: (performance.now() - started) / 1000, loads: outcome.results.length, rows: outcome.results.reduce((n, r) => n + r.rows, 0) };
  } finally {
    await warehouse.close();
  }
}

/** Batched landing ingestion against one load per file. */
export async function runLandingBench(
  files = Number(process.env.MERCATOR_BENCH_LANDING_FILES ?? 336),
  rows = Number(process.env.MERCATOR_BENCH_LANDING_ROWS ?? 2000),
): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mercator-landing-bench-'));
  try {
    writeEventFiles(dir, files, rows);
    const batched = await timeIngest(dir, 1000);
    const perFile = await timeIngest(dir, 1);
    return {
      bench: 'landing',
      params: { files, rowsPerFile: rows, batchedLoads: batched.loads, perFileLoads: perFile.loads, rows: batched.rows },
      metrics: [
        { name: 'batched landing ingest', value: batched.seconds, unit: 's', baseline: { name: 'one load per file', value: perFile.seconds, unit: 's' } },
        { name: 'speed-up of batching', value: perFile.seconds / batched.seconds, unit: 'x' },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runLandingBench(), null, 2));
}
