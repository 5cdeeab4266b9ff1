import type { Manifest, ManifestNode } from '../project/node-types.js';
import type { Graph } from './graph.js';
import { parseSelector, type SelectorAtom } from './selector-parse.js';
import { selectorMethod, type SelectorMethodContext } from './selector-methods.js';

/** --select / --exclude and the state a `state:` selector compares with. */
export interface SelectionOptions {
  select?: readonly string[];
  exclude?: readonly string[];
  state?: SelectorMethodContext['stateNodes'];
}

function atomIds(manifest: Manifest, graph: Graph, atom: SelectorAtom, ctx: SelectorMethodContext): Set<string> {
  const method = selectorMethod(atom.method);
  const all: ManifestNode[] = [...manifest.nodes.values(), ...manifest.sources.values()];
  const out = new Set<string>();
  for (const node of all) {
    if (!method(node, atom.value, ctx)) continue;
    out.add(node.uniqueId);
    if (atom.parents) for (const a of graph.ancestors(node.uniqueId, atom.parentsDepth)) out.add(a);
    if (atom.children || atom.childrensParents) {
      for (const d of graph.descendants(node.uniqueId, atom.children ? atom.childrenDepth : undefined)) {
        out.add(d);
        if (atom.childrensParents) for (const a of graph.ancestors(d)) out.add(a);
      }
    }
  }
  return out;
}

function exprIds(manifest: Manifest, graph: Graph, words: readonly string[], ctx: SelectorMethodContext): Set<string> {
  const out = new Set<string>();
  for (const intersection of parseSelector(words)) {
    const sets = intersection.map((atom) => atomIds(manifest, graph, atom, ctx));
    const [first, ...others] = sets;
    for (const id of first ?? []) if (others.every((s) => s.has(id))) out.add(id);
  }
  return out;
}

/**
 * Ids selected by --select minus --exclude (everything when no --select), plus, like dbt's eager
 * indirect selection, the tests of any selected node unless excluded.
 */
export function selectNodes(manifest: Manifest, graph: Graph, options: SelectionOptions): Set<string> {
  const ctx: SelectorMethodContext = { stateNodes: options.state };
  const selected = options.select && options.select.length > 0 ? exprIds(manifest, graph, options.select, ctx) : new Set([...manifest.nodes.keys(), ...manifest.sources.keys()]);
  const excluded = options.exclude && options.exclude.length > 0 ? exprIds(manifest, graph, options.exclude, ctx) : new Set<string>();
  for (const node of manifest.nodes.values()) {
    if (node.resourceType === 'test' && !selected.has(node.uniqueId) && node.dependsOn.nodes.some((p) => selected.has(p))) selected.add(node.uniqueId);
    if (node.resourceType === 'unit_test' && node.testedNode && selected.has(node.testedNode)) selected.add(node.uniqueId);
  }
  for (const id of excluded) selected.delete(id);
  return selected;
}
