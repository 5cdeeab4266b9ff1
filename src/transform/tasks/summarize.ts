import type { NodeResult } from '../run/run-types.js';

/** PASS / WARN / ERROR / SKIP counts of a run (success counts as PASS, fail as ERROR, like dbt's summary). */
export interface RunSummary {
  pass: number;
  warn: number;
  error: number;
  skip: number;
  total: number;
}

/** Counts results into a summary. */
export function summarize(results: readonly NodeResult[]): RunSummary {
  const s: RunSummary = { pass: 0, warn: 0, error: 0, skip: 0, total: results.length };
  for (const r of results) {
    if (r.status === 'success' || r.status === 'pass') s.pass++;
    else if (r.status === 'warn') s.warn++;
    else if (r.status === 'skipped') s.skip++;
    else s.error++;
  }
  return s;
}
