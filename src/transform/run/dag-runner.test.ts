import { describe, expect, it } from 'vitest';
import { runDag } from './dag-runner.js';
import type { NodeResult } from './run-types.js';

const ok = (id: string): Promise<NodeResult> => Promise.resolve({ uniqueId: id, status: 'success', message: '', rowsAffected: 1, failures: null, executionTime: 0 });

describe('runDag', () => {
  it('runs parents before children', async () => {
    const order: string[] = [];
    const parents: Record<string, string[]> = { a: [], b: ['a'], c: ['b'] };
    await runDag({ ids: ['c', 'b', 'a'], parents: (id) => parents[id]!, threads: 2, failFast: false, blocksChildren: () => false, execute: (id) => (order.push(id), ok(id)) });
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('reports nodes caught in a cycle as errors instead of dropping them', async () => {
    const parents: Record<string, string[]> = { a: ['b'], b: ['a'], c: [] };
    const results = await runDag({ ids: ['a', 'b', 'c'], parents: (id) => parents[id]!, threads: 1, failFast: false, blocksChildren: () => false, execute: ok });
    const byId = Object.fromEntries(results.map((r) => [r.uniqueId, r]));
    expect(byId.c?.status).toBe('success');
    expect(byId.a?.status).toBe('error');
    expect(byId.b?.message).toBe('not run: b waits on a dependency cycle');
  });
});
