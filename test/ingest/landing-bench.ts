// Measures landing-folder ingestion at realistic volume: FILES hourly JSONL files × ROWS rows each.
// Run: npx tsx test/ingest/landing-bench.ts [files] [rows] [max files per load]; 1 file per load shows the cost of one load per file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filesSourceSchema, resolveFilesSource } from '../../src/ingest/files/index.js';
import { ingestFilesSource } from '../../src/ingest/files/ingest-files.js';
import { openWarehouse } from '../../src/warehouse/index.js';

const files = Number(process.argv[2] ?? 336);
const rows = Number(process.argv[3] ?? 2000);
const perLoad = Number(process.argv[4] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'mercator-landing-bench-'));
for (let f = 0; f < files; f++) {
  const day = String(Math.floor(f / 24)).padStart(2, '0');
  mkdirSync(join(dir, 'events', day), { recursive: true });
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    lines.push(JSON.stringify({ event_id: `${f}-${r}`, session_id: `s${(f * rows + r) % 9973}`, type: r % 3 ? 'view' : 'click', at: new Date(Date.UTC(2026, 0, 1, f, 0, r % 60)).toISOString(), value: r * 0.5, customer_id: f % 5 === 0 ? null : r, properties: r % 7 === 0 ? { quantity: r } : r % 11 === 0 && f % 2 === 0 ? { currency: 'EUR', value: r / 10 } : {} }));
  }
  writeFileSync(join(dir, 'events', day, `h${String(f % 24).padStart(2, '0')}.jsonl`), lines.join('\n') + '\n');
}
const warehouse = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
const source = resolveFilesSource('landing', filesSourceSchema.parse({ type: 'files', streams: { events: { path: 'events/**/*.jsonl', landing: true, stable_seconds: 0, max_files_per_load: perLoad } } }), dir);
const started = performance.now();
let last = started;
const outcome = await ingestFilesSource(warehouse, source, {
  reporter: { started: () => {}, progress: () => {}, committed: (r) => { if (process.env['BENCH_TRACE']) { const t = performance.now(); console.log(r.rows, r.durationMs, Math.round(t - last)); last = t; } }, failed: () => {} },
});
const seconds = (performance.now() - started) / 1000;
const loaded = outcome.results.reduce((sum, r) => sum + r.rows, 0);
console.log(`${files} files × ${rows} rows: ${outcome.results.length} loads, ${loaded} rows, ${outcome.failures.length} failures, ${seconds.toFixed(2)} s`);
const changes = await warehouse.queryJson('SELECT column_name, change, old_type, new_type, count(*) AS n FROM _mercator.schema_changes GROUP BY ALL');
if (process.env['BENCH_TRACE']) console.log(JSON.stringify(changes.rows));
await warehouse.close();
rmSync(dir, { recursive: true, force: true });
