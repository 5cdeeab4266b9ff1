import type { Manifest, ManifestNode } from './node-types.js';

interface Index {
  size: number;
  byName: Map<string, ManifestNode[]>;
  sources: Map<string, ManifestNode>;
  sourceCount: number;
}

const cache = new WeakMap<Manifest, Index>();

/** Nodes by name and sources by `source.table`, rebuilt when the manifest changed size (parsing adds and drops nodes). */
export function nameIndex(manifest: Manifest): Index {
  const hit = cache.get(manifest);
  if (hit && hit.size === manifest.nodes.size && hit.sourceCount === manifest.sources.size) return hit;
  const byName = new Map<string, ManifestNode[]>();
  for (const n of manifest.nodes.values()) (byName.get(n.name) ?? byName.set(n.name, []).get(n.name)!).push(n);
  const sources = new Map<string, ManifestNode>();
  for (const s of manifest.sources.values()) sources.set(`${s.sourceName}.${s.name}`, s);
  const index = { size: manifest.nodes.size, byName, sources, sourceCount: manifest.sources.size };
  cache.set(manifest, index);
  return index;
}
