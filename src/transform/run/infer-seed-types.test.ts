import { describe, expect, it } from 'vitest';
import { inferSeedType } from './infer-seed-types.js';
import { parseCsv } from './parse-csv.js';

describe('seed type inference', () => {
  it('tries integer, number, date, datetime, boolean, then text; NULLs are ignored', () => {
    expect(inferSeedType(['1', '-2', ''])).toBe('integer');
    expect(inferSeedType(['1', '2.5'])).toBe('number');
    expect(inferSeedType(['2024-01-31', 'null'])).toBe('date');
    expect(inferSeedType(['2024-01-31 10:00:00', '2024-01-31T10:00:00Z'])).toBe('datetime');
    expect(inferSeedType(['true', 'False'])).toBe('boolean');
    expect(inferSeedType(['yes', 'no'])).toBe('text');
    expect(inferSeedType(['', 'null'])).toBe('text');
    expect(inferSeedType(['9999999999'])).toBe('bigint');
  });
  it('parses quoted CSV fields with delimiters, quotes and newlines', () => {
    expect(parseCsv('a;b\r\n"x;1";"say ""hi""\nthere"\n', ';').rows).toEqual([['a', 'b'], ['x;1', 'say "hi"\nthere']]);
  });
});
