// Does: the zod schema of a `type: stripe` source: API key, base URL parts, objects, lookback, retries, rate limit.
// Does not: read environment variables (resolve.ts does) or call the API.
import { z } from 'zod';

/** `sources.<name>` with `type: stripe`. Strings may hold `${ENV_VAR}` references. */
export const stripeSourceSchema = z.strictObject({
  type: z.literal('stripe'),
  api_key: z.string().min(1),
  /** API host; default Stripe's own. Point it at a stand-in with host, port and protocol. */
  host: z.string().optional(),
  port: z.union([z.number().int().positive(), z.string()]).optional(),
  protocol: z.enum(['http', 'https']).optional(),
  /** Objects to load; each lands as `<source>_<object>` plus child tables for its lists. */
  streams: z.array(z.enum(['charges', 'payment_intents', 'refunds'])).default(['charges', 'payment_intents', 'refunds']),
  /**
   * Each run re-lists objects created this long before the last cursor, so changes to recent objects
   * (a refund or dispute on a charge, a status change) are picked up and merged on `id`.
   */
  lookback_days: z.number().min(0).default(3),
  max_retries: z.number().int().min(0).default(8),
  /** Client-side ceiling on requests per second (Stripe allows 100/s live, 25/s in test mode). */
  max_requests_per_second: z.number().positive().default(20),
  page_size: z.number().int().min(1).max(100).default(100),
  schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).default('raw'),
});

/** A validated stripe source. */
export type StripeSourceConfig = z.output<typeof stripeSourceSchema>;
