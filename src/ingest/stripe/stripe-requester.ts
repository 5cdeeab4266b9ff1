// Does: calls the Stripe API under a client-side rate limit and retries with exponential backoff and full
// jitter, honouring 429, Retry-After and Stripe-Should-Retry. Does not: page or interpret objects.

/** Retry and rate-limit settings. */
export interface RequesterOptions {
  maxRetries: number;
  maxRequestsPerSecond: number;
  /** First backoff step; doubles per attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about each retry (status, attempt, wait) for logs. */
  onRetry?: (info: { status: number | undefined; attempt: number; waitMs: number; reason: string }) => void;
}

interface ErrorShape {
  statusCode?: number;
  type?: string;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
  message?: string;
}

const header = (err: ErrorShape, name: string): string | undefined => {
  const value = err.headers?.[name] ?? err.headers?.[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Whether to retry: Stripe-Should-Retry decides when present; else 429, 409, 5xx and connection
 * errors are retried (the official client alone gives up on a plain 429).
 */
export function shouldRetry(err: unknown): boolean {
  const e = err as ErrorShape;
  const advice = header(e, 'stripe-should-retry');
  if (advice === 'true') return true;
  if (advice === 'false') return false;
  if (e.type === 'StripeConnectionError') return true;
  const status = e.statusCode;
  return status === 429 || status === 409 || (status !== undefined && status >= 500);
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date), as milliseconds. */
export function retryAfterMs(err: unknown, now = Date.now()): number | undefined {
  const value = header(err as ErrorShape, 'retry-after');
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Serialises calls to at most `maxRequestsPerSecond` and retries transient failures. */
export class StripeRequester {
  private nextSlot = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: RequesterOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Runs `call` (one HTTP request) until it succeeds, fails permanently, or retries run out. */
  async request<T>(call: () => Promise<T>): Promise<T> {
    const base = this.options.baseDelayMs ?? 250;
    const cap = this.options.maxDelayMs ?? 20_000;
    for (let attempt = 0; ; attempt++) {
      await this.throttle();
      try {
        return await call();
      } catch (err) {
        if (attempt >= this.options.maxRetries || !shouldRetry(err)) throw err;
        // Full jitter spreads clients apart; Retry-After is a floor the server asked for.
        const backoff = this.random() * Math.min(cap, base * 2 ** attempt);
        const waitMs = Math.max(backoff, retryAfterMs(err) ?? 0);
        const e = err as ErrorShape;
        this.options.onRetry?.({ status: e.statusCode, attempt: attempt + 1, waitMs, reason: e.message ?? String(err) });
        await this.sleep(waitMs);
      }
    }
  }

  private async throttle(): Promise<void> {
    const interval = 1000 / this.options.maxRequestsPerSecond;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + interval;
    if (slot > now) await this.sleep(slot - now);
  }
}
