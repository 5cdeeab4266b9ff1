import { describe, expect, it } from 'vitest';
import { toJsonRow } from './json-row.js';
import { SqlDecimal } from './warehouse.js';

describe('toJsonRow', () => {
  it('makes every lossless value JSON-safe without losing digits', () => {
    const row = toJsonRow({
      id: 9007199254740993n,
      price: new SqlDecimal(-5n, 3),
      bytes: new Uint8Array([255]),
      nested: [{ n: 1n, inf: Number.POSITIVE_INFINITY }],
      plain: 'x',
      none: null,
    });
    expect(row).toEqual({ id: '9007199254740993', price: '-0.005', bytes: '/w==', nested: [{ n: '1', inf: 'Infinity' }], plain: 'x', none: null });
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });
});
