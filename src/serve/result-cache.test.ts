import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache.js';

describe('ResultCache', () => {
  it('answers repeats from the cache and recomputes recent answers once the data version changes', async () => {
    let version = 'a';
    let data = 1;
    const computed: string[] = [];
    const cache = new ResultCache(async () => ({ key: version, asOf: version }), 0, 100, 1);
    const answer = (key: string) => cache.get(key, async () => (computed.push(key), `${key}:${data}`));
    expect(await answer('x')).toEqual({ value: 'x:1', cached: false });
    expect(await answer('y')).toEqual({ value: 'y:1', cached: false });
    expect(await answer('y')).toEqual({ value: 'y:1', cached: true });
    version = 'b';
    data = 2;
    expect((await cache.current()).key).toBe('b');
    await new Promise((r) => setTimeout(r, 10));
    // Only the most recent answer (rewarm = 1) was computed again in the background; the other waits to be asked.
    expect(computed).toEqual(['x', 'y', 'y']);
    expect(await answer('y')).toEqual({ value: 'y:2', cached: true });
    expect(await answer('x')).toEqual({ value: 'x:2', cached: false });
  });

  it('does not keep failures', async () => {
    const cache = new ResultCache(async () => ({ key: 'v', asOf: null }));
    let calls = 0;
    const failing = () => cache.get('k', async () => {
      calls += 1;
      throw new Error('no');
    });
    await expect(failing()).rejects.toThrow('no');
    await expect(failing()).rejects.toThrow('no');
    expect(calls).toBe(2);
  });
});
