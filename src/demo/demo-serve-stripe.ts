import type { Server } from 'node:http';
import type { Logger } from '../log/index.js';
import { checkFaults, readDemoState, type StripeFaults } from './demo-state.js';
import { createStripeServer, listenStripeServer } from './stripe-server/stripe-server.js';

/** `mercator demo serve-stripe`: serves the demo's Stripe data in this process until it is stopped. */
export async function demoServeStripe(dir: string, options: { port?: number; faults?: Partial<StripeFaults> }, logger: Logger): Promise<{ server: Server; url: string }> {
  const state = readDemoState(dir);
  const faults = checkFaults({ ...state.stripe.faults, ...options.faults });
  const server = createStripeServer({ dataDir: state.stripe.dataDir, apiKey: state.stripe.apiKey, faults, seed: state.seed });
  const { url } = await listenStripeServer(server, options.port ?? state.stripe.port);
  logger.emit({ type: 'StripeServing', level: 'info', message: `Stripe stand-in listening on ${url} (key ${state.stripe.apiKey})`, data: { url, faults } });
  return { server, url };
}
