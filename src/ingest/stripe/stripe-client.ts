// Does: builds the official Stripe client for a resolved source (host, port and protocol of a stand-in or
// a proxy). Retries are off in the client: StripeRequester does them, also for plain 429s.
import Stripe from 'stripe';
import type { ResolvedStripeSource } from './resolve.js';

/** The official client for `source`, without its own network retries. */
export function stripeClient(source: ResolvedStripeSource): Stripe {
  return new Stripe(source.apiKey, {
    maxNetworkRetries: 0,
    ...(source.host === undefined ? {} : { host: source.host }),
    ...(source.port === undefined ? {} : { port: source.port }),
    ...(source.protocol === undefined ? {} : { protocol: source.protocol }),
  });
}
