// Does: the stripe connector: charges, payment intents and refunds through the official client, incremental by `created` with a
// lookback, retries with backoff and jitter, a client-side rate limit, flattened columns, lists as child tables.
// Does not: use the Events API; late changes to objects older than the lookback are seen only for refunded charges.
export { stripeSourceSchema, type StripeSourceConfig } from './config-schema.js';
export { resolveStripeSource, type ResolvedStripeSource, type StripeStream } from './resolve.js';
export { extractStripeStream, type StripeExtract } from './extract.js';
export { StripeRequester, shouldRetry, retryAfterMs, type RequesterOptions } from './stripe-requester.js';
export { flattenStripeObject, RAW_COLUMN, PARENT_ID_COLUMN, INDEX_COLUMN, type FlatRow, type FlattenedObject } from './type-mapping.js';
export { ingestStripeSource } from './ingest-stripe.js';
