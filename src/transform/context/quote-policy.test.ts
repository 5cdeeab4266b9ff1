import { describe, expect, it } from 'vitest';
import { quotePolicy } from './quote-policy.js';

describe('quotePolicy', () => {
  it('is null when no layer sets a part, so every part stays quoted', () => {
    expect(quotePolicy(undefined, null, {})).toBeNull();
    expect(quotePolicy({ other: false })).toBeNull();
  });

  it('lets later layers override earlier ones part by part, unset parts quoted', () => {
    expect(quotePolicy({ identifier: false })).toEqual({ database: true, schema: true, identifier: false });
    expect(quotePolicy({ identifier: false, schema: false }, { identifier: true }, null)).toEqual({ database: true, schema: false, identifier: true });
  });

  it("reads rendered strings as YAML booleans ('false', 'no', '0' turn quoting off)", () => {
    expect(quotePolicy({ database: 'False', schema: 'no', identifier: 'true' })).toEqual({ database: false, schema: false, identifier: true });
  });
});
