// Does: the task behind `mercator demo` / `demo run`: create (or reuse) the demo shop in the shipped shop project,
// then run the pipeline on it and print the summary. Does not: hold pipeline logic (src/orchestrate does).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DemoState } from '../../demo/index.js';
import type { Logger } from '../../log/index.js';
import type { PipelineResult } from '../../orchestrate/index.js';
import { projectKpisReader } from './project-kpis.js';

// Loaded when the command runs: at start-up they would pull in the Postgres, Stripe and ingest code for every command.
const demo = () => import('../../demo/index.js');
const stripeBackground = () => import('../../demo/stripe-server/stripe-background.js');
const ingest = () => import('../../ingest/index.js');
const orchestrate = () => import('../../orchestrate/index.js');

/** Options of `mercator demo` (bare). */
export interface DemoPipelineOptions {
  dir: string;
  scale: number;
  seed: number;
  pgUrl?: string;
  /** Database created for the shop on `pgUrl`'s server (default `shop`). */
  database?: string;
  asOf?: Date;
  eventDays?: number;
  fullRefresh?: boolean;
}

/** Environment that points the shop project's mercator.yml at the demo's systems. */
export function demoSourceEnv(state: DemoState, stripePort: number): Record<string, string> {
  return { SHOP_PG_URL: state.postgres.url, SHOP_STRIPE_KEY: state.stripe.apiKey, SHOP_STRIPE_PORT: String(stripePort) };
}

/** The demo's Stripe stand-in as a background process (its own event loop: served in-process it slows the ingest tenfold). */
async function ensureStripeRunning(state: DemoState): Promise<DemoState> {
  const { isStripeProcess, startStripeInBackground } = await stripeBackground();
  const { writeDemoState } = await demo();
  if (state.stripe.pid !== undefined && isStripeProcess(state.stripe.pid)) return state;
  const server = await startStripeInBackground(state);
  const next: DemoState = { ...state, stripe: { ...state.stripe, url: server.url, port: server.port, pid: server.pid } };
  writeDemoState(next);
  return next;
}

/** Creates the demo shop in `dir` unless `.mercator/demo.json` exists there, then ingests, builds and tests the project. */
export async function runDemoPipeline(o: DemoPipelineOptions, logger: Logger): Promise<PipelineResult> {
  const dir = resolve(o.dir);
  const { demoInit, demoPaths, readDemoState, startLocalPostgres } = await demo();
  // The pipeline's modules load while PostgreSQL starts (a child process) instead of before it: about 0.3 s.
  const loading = Promise.all([orchestrate(), ingest(), projectKpisReader(dir)]);
  loading.catch(() => undefined); // awaited below, after the shop is ready
  let state: DemoState;
  if (existsSync(demoPaths(dir).stateFile)) {
    state = readDemoState(dir);
    if (state.postgres.embedded && state.postgres.dataDir) await startLocalPostgres(state.postgres.dataDir, { port: Number(new URL(state.postgres.serverUrl).port) });
    logger.emit({ type: 'DemoReused', level: 'info', message: `Reusing the demo shop in ${dir} (as of ${state.asOf.slice(0, 10)}); \`mercator demo advance --days 1 --dir ${dir}\` adds a day` });
  } else {
    ({ state } = await demoInit({ dir, scale: o.scale, seed: o.seed, pgUrl: o.pgUrl, database: o.database ?? 'shop', asOf: o.asOf, eventDays: o.eventDays ?? 14, exitOnInterrupt: (status) => process.exit(status) }, logger));
  }
  state = await ensureStripeRunning(state);
  const [{ pipelineSummaryText, runPipeline }, { createIngestReporter }, kpis] = await loading;
  const result = await runPipeline({ projectDir: dir, command: 'demo', logger, env: { ...process.env, ...demoSourceEnv(state, state.stripe.port) }, fullRefresh: Boolean(o.fullRefresh), reporter: createIngestReporter(logger), ...(kpis ? { kpis } : {}) });
  logger.clearStatus();
  logger.emit({ type: 'PipelineFinished', level: result.success ? 'info' : 'error', message: pipelineSummaryText(result), data: { run_id: result.runId, success: result.success, seconds: result.seconds, tests: result.tests, kpis: result.kpis, layers: result.layers } });
  logger.emit({ type: 'DemoSystemsRunning', level: 'info', message: `The shop's PostgreSQL and Stripe stand-in keep running for \`mercator demo advance\`; \`mercator demo stop --dir ${dir}\` stops them.` });
  return result;
}
