// Does: resolves a stripe source's `${ENV_VAR}` references into client settings; the only file of the
// connector that reads the environment. Does not: call the API.
import { MercatorError } from '../../errors/index.js';
import type { StripeSourceConfig } from './config-schema.js';

/** Object types the connector lists. */
export type StripeStream = 'charges' | 'payment_intents' | 'refunds';

/** A stripe source ready to extract. */
export interface ResolvedStripeSource {
  type: 'stripe';
  name: string;
  schema: string;
  apiKey: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  streams: StripeStream[];
  lookbackSeconds: number;
  maxRetries: number;
  maxRequestsPerSecond: number;
  pageSize: number;
}

/** Fills `${VAR}` references from `env` (default: the process environment); a missing one is INGEST_SECRET_MISSING. */
export function resolveStripeSource(name: string, config: StripeSourceConfig, env: NodeJS.ProcessEnv = process.env): ResolvedStripeSource {
  const fill = (key: string, value: string): string =>
    value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_w, variable: string) => {
      const found = env[variable];
      if (found === undefined) throw new MercatorError('INGEST_SECRET_MISSING', { source: name, name: variable, key: `sources.${name}.${key}` });
      return found;
    });
  return {
    type: 'stripe',
    name,
    schema: config.schema,
    apiKey: fill('api_key', config.api_key),
    ...(config.host === undefined ? {} : { host: fill('host', config.host) }),
    ...(config.port === undefined ? {} : { port: Number(fill('port', String(config.port))) }),
    ...(config.protocol === undefined ? {} : { protocol: config.protocol }),
    streams: [...config.streams],
    lookbackSeconds: Math.round(config.lookback_days * 86_400),
    maxRetries: config.max_retries,
    maxRequestsPerSecond: config.max_requests_per_second,
    pageSize: config.page_size,
  };
}
