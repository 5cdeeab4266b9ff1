import { describe, expect, it } from 'vitest';
import { freshnessStatus } from './freshness-status.js';

describe('freshnessStatus', () => {
  const f = { warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' } };
  it('passes, warns and errors by the thresholds', () => {
    expect(freshnessStatus(60, f)).toBe('pass');
    expect(freshnessStatus(7200, f)).toBe('warn');
    expect(freshnessStatus(2 * 86_400, f)).toBe('error');
    expect(freshnessStatus(null, f)).toBe('error');
    expect(freshnessStatus(10 ** 9, {})).toBe('pass');
  });
});
