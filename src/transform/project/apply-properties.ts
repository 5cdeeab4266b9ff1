import type { ProjectTree } from './load-project.js';
import { mergeConfig } from './merge-config.js';
import { nameIndex } from './name-index.js';
import type { Manifest, ManifestNode } from './node-types.js';
import type { PropertyPatch, TestSpec } from './read-properties.js';
import { genericTestNode, parseTestEntry } from './generic-test-node.js';
import { newNode } from './new-node.js';

const KIND_TYPE = { models: 'model', seeds: 'seed', snapshots: 'snapshot' } as const;

/** Finds the node a properties entry describes: same package first, then any package. */
function findNode(manifest: Manifest, type: string, name: string, pkg: string): ManifestNode | undefined {
  return manifest.nodes.get(`${type}.${pkg}.${name}`) ?? nameIndex(manifest).byName.get(name)?.find((n) => n.resourceType === type);
}

/** Applies models:/seeds:/snapshots: entries: description, columns, config (below config() in the file), tags, meta. */
export function applyPropertyPatches(_tree: ProjectTree, manifest: Manifest, patches: readonly PropertyPatch[]): void {
  for (const patch of patches) {
    const node = findNode(manifest, KIND_TYPE[patch.kind], patch.entry.name, patch.packageName);
    if (!node) {
      manifest.warnings.push(`${patch.relativeFile}: ${patch.kind} entry \`${patch.entry.name}\` matches no file; ignored.`);
      continue;
    }
    const e = patch.entry;
    node.patchPath = patch.relativeFile;
    node.description = e.description ?? node.description;
    const tags = typeof e.tags === 'string' ? [e.tags] : (e.tags ?? []);
    node.config = mergeConfig(node.config, { ...(e.config ?? {}), ...(tags.length ? { tags } : {}), ...(e.meta ? { meta: e.meta } : {}) });
    if (e.docs) node.config = mergeConfig(node.config, { docs: e.docs });
    if (e.versions) manifest.warnings.push(`${patch.relativeFile}: model versions of \`${e.name}\` are ignored; the unversioned file is used.`);
    for (const col of e.columns ?? []) {
      node.columns[col.name] = { name: col.name, description: col.description ?? '', dataType: col.data_type ?? undefined, meta: col.meta ?? {} };
    }
  }
}

/** Creates test nodes for YAML tests whose model, seed, snapshot or source exists and is enabled. */
export function buildGenericTests(_tree: ProjectTree, manifest: Manifest, specs: readonly TestSpec[]): ManifestNode[] {
  const out: ManifestNode[] = [];
  for (const spec of specs) {
    const attached =
      spec.attachedKind === 'sources'
        ? nameIndex(manifest).sources.get(`${spec.sourceName}.${spec.attachedName}`)
        : findNode(manifest, KIND_TYPE[spec.attachedKind], spec.attachedName, spec.packageName);
    if (!attached) continue;
    const parsed = parseTestEntry(spec.entry);
    const node = genericTestNode(spec, parsed, attached);
    node.config = mergeConfig(node.config, parsed.config);
    out.push(node);
  }
  return out;
}

/** Snapshot nodes defined in YAML (dbt 1.9+: `snapshots: - name: x, relation: ref('y'), config: {...}`). */
export function yamlSnapshotNodes(patches: readonly PropertyPatch[]): ManifestNode[] {
  return patches
    .filter((p) => p.kind === 'snapshots' && typeof p.entry.relation === 'string')
    .map((p) => {
      const folders = p.relativeFile.split('/').slice(1, -1);
      return newNode({
        resourceType: 'snapshot',
        name: p.entry.name,
        packageName: p.packageName,
        originalFilePath: p.relativeFile,
        absolutePath: p.file,
        path: p.relativeFile,
        fqn: [p.packageName, ...folders, p.entry.name],
        rawCode: `select * from {{ ${String(p.entry.relation)} }}`,
      });
    });
}
