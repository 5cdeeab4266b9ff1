import type { NodeResult } from './run-types.js';

/** How to walk a set of nodes: their parents within the set, concurrency, and what to do per node. */
export interface DagRunOptions {
  ids: readonly string[];
  /** Parents of a node; only those inside `ids` are waited for. */
  parents: (id: string) => readonly string[];
  threads: number;
  failFast: boolean;
  execute: (id: string) => Promise<NodeResult>;
  /** True when a result means the node's descendants must be skipped. */
  blocksChildren: (result: NodeResult) => boolean;
  onStart?: (id: string) => void;
  onFinish?: (result: NodeResult) => void;
}

const skipped = (id: string, message: string): NodeResult => ({ uniqueId: id, status: 'skipped', message, rowsAffected: null, failures: null, executionTime: 0 });

/**
 * Runs nodes with up to `threads` at once, each as soon as all its parents have finished; descendants of a
 * blocking result are skipped, and with failFast everything not started yet is skipped after the first.
 */
export async function runDag(o: DagRunOptions): Promise<NodeResult[]> {
  const inSet = new Set(o.ids);
  const waiting = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const id of o.ids) {
    const ps = [...new Set(o.parents(id))].filter((p) => inSet.has(p) && p !== id);
    waiting.set(id, ps.length);
    for (const p of ps) (children.get(p) ?? children.set(p, []).get(p)!).push(id);
  }
  // A queue read from `head` (Array#shift moves every element: quadratic over 10,000 nodes).
  const ready = o.ids.filter((id) => waiting.get(id) === 0);
  let head = 0;
  const blockedBy = new Map<string, string>();
  const results: NodeResult[] = [];
  let stopped = false;
  let running = 0;
  return new Promise((resolve) => {
    const finish = (result: NodeResult): void => {
      results.push(result);
      o.onFinish?.(result);
      const blocks = result.status === 'skipped' ? blockedBy.has(result.uniqueId) : o.blocksChildren(result);
      if (blocks && o.failFast) stopped = true;
      for (const child of children.get(result.uniqueId) ?? []) {
        if (blocks && !blockedBy.has(child)) blockedBy.set(child, blockedBy.get(result.uniqueId) ?? result.uniqueId);
        const left = waiting.get(child)! - 1;
        waiting.set(child, left);
        if (left === 0) ready.push(child);
      }
    };
    const pump = (): void => {
      while (head < ready.length && running < Math.max(1, o.threads)) {
        const id = ready[head++]!;
        if (stopped || blockedBy.has(id)) {
          finish(skipped(id, stopped && !blockedBy.has(id) ? 'skipped after a failure (--fail-fast)' : `skipped: upstream ${blockedBy.get(id)} failed`));
          continue;
        }
        running++;
        o.onStart?.(id);
        void o.execute(id).then(finish, (err: unknown) => finish({ uniqueId: id, status: 'error', message: err instanceof Error ? err.message : String(err), rowsAffected: null, failures: null, executionTime: 0, error: err })).finally(() => {
          running--;
          pump();
        });
      }
      if (running === 0 && head >= ready.length) {
        // Nodes still waiting here wait on each other: report them instead of dropping them silently.
        const done = new Set(results.map((r) => r.uniqueId));
        for (const id of o.ids) {
          if (done.has(id)) continue;
          const result: NodeResult = { uniqueId: id, status: 'error', message: `not run: ${id} waits on a dependency cycle`, rowsAffected: null, failures: null, executionTime: 0 };
          results.push(result);
          o.onFinish?.(result);
        }
        resolve(results);
      }
    };
    pump();
  });
}
