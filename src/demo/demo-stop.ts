import type { Logger } from '../log/index.js';
import { stopLocalPostgres } from './embedded-postgres-server.js';
import { readDemoState, writeDemoState, type DemoState } from './demo-state.js';
import { stopStripeInBackground } from './stripe-server/stripe-background.js';

/** Ends the demo's background servers (Stripe stand-in, embedded PostgreSQL); data stays on disk. */
export async function stopDemo(state: DemoState, logger: Logger): Promise<{ stripe: boolean; postgres: boolean }> {
  const stripe = await stopStripeInBackground(state.stripe.pid);
  const postgres = state.postgres.embedded && state.postgres.dataDir ? await stopLocalPostgres(state.postgres.dataDir) : false;
  logger.emit({ type: 'DemoStopped', level: 'info', message: `Stopped: Stripe stand-in ${stripe ? 'stopped' : 'was not running'}; PostgreSQL ${state.postgres.embedded ? (postgres ? 'stopped' : 'was not running') : 'is external, left running'}.`, data: { stripe, postgres } });
  return { stripe, postgres };
}

/** `mercator demo stop`: stops the servers of the demo in `dir` and forgets the Stripe pid. */
export async function demoStop(dir: string, logger: Logger): Promise<{ stripe: boolean; postgres: boolean }> {
  const state = readDemoState(dir);
  const result = await stopDemo(state, logger);
  const { pid: _pid, ...stripe } = state.stripe;
  writeDemoState({ ...state, stripe });
  return result;
}
