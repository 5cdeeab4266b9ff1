import { describe, expect, it } from 'vitest';
import { Prng, hashUnit, cumulativeWeights } from './prng.js';

describe('Prng', () => {
  it('repeats a stream for the same seed and labels, and differs for others', () => {
    const a = Prng.for(1, 'day', 3);
    const b = Prng.for(1, 'day', 3);
    const c = Prng.for(1, 'day', 4);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniformly enough: mean near 0.5, ints inside bounds', () => {
    const r = new Prng(9);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += r.next();
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
    for (let i = 0; i < 1000; i++) expect([1, 2, 3]).toContain(r.int(1, 3));
  });

  it('picks by weight from a cumulative table', () => {
    const r = new Prng(2);
    const cum = cumulativeWeights([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.pickCumulative(cum)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / counts[0]!).toBeGreaterThan(2.7);
    expect(counts[2]! / counts[0]!).toBeLessThan(3.3);
  });

  it('hashUnit is a pure function in [0, 1)', () => {
    expect(hashUnit(5, 'a', 1)).toBe(hashUnit(5, 'a', 1));
    expect(hashUnit(5, 'a', 1)).not.toBe(hashUnit(5, 'a', 2));
    for (let i = 0; i < 1000; i++) {
      const u = hashUnit(1, i);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });
});
