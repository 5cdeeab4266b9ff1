import type { Graph } from '../graph/graph.js';
import type { Manifest } from '../project/node-types.js';

/**
 * Parents for `build`: a node also waits for the tests of its parents, so a failing error-severity test skips
 * what is downstream of the tested node. A test is not added where it would close a loop (it tests a descendant too).
 */
export function buildParents(manifest: Manifest, graph: Graph, selected: ReadonlySet<string>): (id: string) => string[] {
  const extra = new Map<string, string[]>();
  for (const test of manifest.nodes.values()) {
    if (test.resourceType !== 'test' || !selected.has(test.uniqueId)) continue;
    const tested = test.dependsOn.nodes;
    const upstreamOfTest = new Set(tested.flatMap((t) => [t, ...graph.ancestors(t)]));
    for (const parent of tested) {
      for (const child of graph.children.get(parent) ?? []) {
        const childNode = manifest.nodes.get(child);
        if (!childNode || childNode.resourceType === 'test' || upstreamOfTest.has(child)) continue;
        (extra.get(child) ?? extra.set(child, []).get(child)!).push(test.uniqueId);
      }
    }
  }
  // Unit tests run before their model, and a failing one skips it.
  for (const unit of manifest.nodes.values()) {
    if (unit.resourceType !== 'unit_test' || !selected.has(unit.uniqueId) || !unit.testedNode) continue;
    // A unit test that (through its inputs) depends on its own model cannot run before it.
    if (graph.ancestors(unit.uniqueId).has(unit.testedNode)) continue;
    (extra.get(unit.testedNode) ?? extra.set(unit.testedNode, []).get(unit.testedNode)!).push(unit.uniqueId);
  }
  return (id) => [...(graph.parents.get(id) ?? []), ...(extra.get(id) ?? [])];
}
