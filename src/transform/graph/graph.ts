// Does: the dependency graph of a manifest: parents, children, ancestors/descendants with depth, topological order, cycles.
// Does not: know about selectors or running nodes.
import { MercatorError } from '../../errors/index.js';
import type { Manifest } from '../project/node-types.js';

/** Parents and children of every node and source of a manifest. */
export class Graph {
  readonly parents = new Map<string, string[]>();
  readonly children = new Map<string, string[]>();

  constructor(manifest: Manifest) {
    for (const id of [...manifest.sources.keys(), ...manifest.nodes.keys()]) {
      this.parents.set(id, []);
      this.children.set(id, []);
    }
    for (const node of manifest.nodes.values()) {
      for (const parent of node.dependsOn.nodes) {
        if (!this.parents.has(parent)) continue;
        this.parents.get(node.uniqueId)!.push(parent);
        this.children.get(parent)!.push(node.uniqueId);
      }
    }
  }

  /** Every id in the graph. */
  ids(): string[] {
    return [...this.parents.keys()];
  }

  /** Ids reachable by following `edges` from `start`, up to `depth` steps (undefined = unlimited); start excluded. */
  private walk(start: string, edges: Map<string, string[]>, depth?: number): Set<string> {
    const seen = new Set<string>();
    let frontier = [start];
    for (let d = 0; frontier.length > 0 && (depth === undefined || d < depth); d++) {
      const next: string[] = [];
      for (const id of frontier) for (const n of edges.get(id) ?? []) if (!seen.has(n) && n !== start) (seen.add(n), next.push(n));
      frontier = next;
    }
    return seen;
  }

  /** Ancestors of `id` within `depth` generations (all when undefined). */
  ancestors(id: string, depth?: number): Set<string> {
    return this.walk(id, this.parents, depth);
  }

  /** Descendants of `id` within `depth` generations (all when undefined). */
  descendants(id: string, depth?: number): Set<string> {
    return this.walk(id, this.children, depth);
  }

  /** Ids in dependency order (parents first); throws TRANSFORM_CYCLE naming a cycle. Computed once (the graph does not change); callers get a copy. */
  topologicalOrder(): string[] {
    this.order ??= this.computeOrder();
    return [...this.order];
  }

  private order: string[] | undefined;

  private computeOrder(): string[] {
    const order: string[] = [];
    const state = new Map<string, 1 | 2>();
    // One path stack pushed and popped as the walk goes (a copy per step cost a path-long array per edge).
    const path: string[] = [];
    const visit = (id: string): void => {
      const s = state.get(id);
      if (s === 2) return;
      if (s === 1) {
        const cycle = [...path.slice(path.indexOf(id)), id];
        throw new MercatorError('TRANSFORM_CYCLE', { cycle: cycle.join(' → ') });
      }
      state.set(id, 1);
      path.push(id);
      for (const p of this.parents.get(id) ?? []) visit(p);
      path.pop();
      state.set(id, 2);
      order.push(id);
    };
    for (const id of this.parents.keys()) visit(id);
    return order;
  }
}
