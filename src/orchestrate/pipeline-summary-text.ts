// Does: renders a pipeline result as the human summary the CLI prints.
// Does not: print; the caller logs the text.
import type { PipelineResult } from './run-pipeline.js';

const int = (n: number): string => n.toLocaleString('en-US');
const usd = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Steps with time and rows, rows per layer, tests and the headline KPIs, one fact per line. */
export function pipelineSummaryText(r: PipelineResult): string {
  const lines: string[] = [];
  lines.push(`Pipeline ${r.success ? 'succeeded' : 'FAILED'} in ${r.seconds.toFixed(1)} s`);
  for (const s of r.steps) lines.push(`  ${s.name.padEnd(8)} ${s.seconds.toFixed(1).padStart(6)} s${s.rows === null ? '' : `  ${int(s.rows).padStart(12)} rows processed`}`);
  lines.push('Rows per layer');
  for (const l of r.layers) lines.push(`  ${l.layer.padEnd(13)} ${String(l.relations).padStart(3)} ${l.relations === 1 ? 'relation ' : 'relations'}  ${int(l.rows).padStart(12)} rows`);
  const t = r.tests;
  lines.push(`Tests: ${t.passed} passed, ${t.warned} warned, ${t.failed} failed, ${t.skipped} skipped`);
  const fresh = { pass: 0, warn: 0, error: 0 };
  for (const f of r.freshness) fresh[f.status === 'pass' ? 'pass' : f.status === 'warn' ? 'warn' : 'error']++;
  if (r.freshness.length > 0) lines.push(`Source freshness: ${fresh.pass} fresh, ${fresh.warn} warned, ${fresh.error} stale or unreadable`);
  if (r.ingest.failures.length > 0) lines.push(`Failed streams: ${r.ingest.failures.map((f) => `${f.source}.${f.stream}: ${f.error.message}`).join('; ')}`);
  if (r.kpis) {
    lines.push('Headline KPIs (USD)');
    lines.push(`  revenue            ${usd(r.kpis.revenue)}`);
    lines.push(`  orders             ${int(r.kpis.orders)}`);
    lines.push(`  average order      ${usd(r.kpis.averageOrderValue)}`);
    lines.push(`  active customers   ${int(r.kpis.activeCustomers)}  (ordered in the last 30 days)`);
  }
  lines.push(`Run ${r.runId} recorded in _mercator (runs, run_nodes, test_results, source_freshness)`);
  return lines.join('\n');
}
