/** A dbt freshness threshold: `{count: 12, period: hour}`. */
export interface FreshnessThreshold {
  count?: number | null;
  period?: 'minute' | 'hour' | 'day' | string | null;
}

const SECONDS: Record<string, number> = { minute: 60, hour: 3600, day: 86_400 };

/** Seconds a threshold allows, or null when it is not set. */
export function thresholdSeconds(t: FreshnessThreshold | null | undefined): number | null {
  if (!t || t.count === null || t.count === undefined || !t.period) return null;
  return t.count * (SECONDS[t.period] ?? 0);
}

/** pass / warn / error for a source whose newest row is `ageSeconds` old (error_after wins over warn_after). */
export function freshnessStatus(ageSeconds: number | null, freshness: { warn_after?: FreshnessThreshold | null; error_after?: FreshnessThreshold | null }): 'pass' | 'warn' | 'error' {
  if (ageSeconds === null) return 'error';
  const err = thresholdSeconds(freshness.error_after);
  if (err !== null && ageSeconds > err) return 'error';
  const warn = thresholdSeconds(freshness.warn_after);
  if (warn !== null && ageSeconds > warn) return 'warn';
  return 'pass';
}
