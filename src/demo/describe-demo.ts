import { relative } from 'node:path';
import type { DemoState } from './demo-state.js';

/** Human lines saying where each system of the demo shop lives. */
export function describeDemo(state: DemoState): string[] {
  const rel = (p: string): string => {
    const r = relative(process.cwd(), p);
    return r === '' ? '.' : r.startsWith('..') ? p : r;
  };
  return [
    `  PostgreSQL (OLTP)   ${state.postgres.url}${state.postgres.embedded ? `  (embedded, data in ${rel(state.postgres.dataDir ?? '')})` : ''}`,
    `  Stripe API          ${state.stripe.url || '(not running: mercator demo serve-stripe)'}  key ${state.stripe.apiKey}`,
    `  Marketing spend     ${rel(state.exports.files.marketingSpend ?? '')}  (UTF-8 with BOM)`,
    `  Campaigns           ${rel(state.exports.files.campaignPerformance ?? '')}  (latin-1)`,
    `  FX rates            ${rel(state.exports.files.fxRates ?? '')}`,
    `  Landing folder      ${rel(state.landing.dir)}  (events/*.jsonl, inventory/*.csv, shipments/*.parquet)`,
    `  State               ${rel(`${state.dir}/.mercator/demo.json`)}  (as of ${state.asOf.slice(0, 10)})`,
  ];
}
