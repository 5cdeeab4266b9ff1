import type { ParsedProject } from '../project/parse-project.js';
import type { Manifest, ManifestNode } from '../project/node-types.js';

/** One node in dbt's manifest.json shape (snake_case, the fields tools read). */
export function nodeJson(node: ManifestNode): Record<string, unknown> {
  return {
    unique_id: node.uniqueId,
    resource_type: node.resourceType,
    name: node.name,
    package_name: node.packageName,
    original_file_path: node.originalFilePath,
    path: node.path,
    fqn: node.fqn,
    database: node.database,
    schema: node.schema,
    alias: node.alias,
    identifier: node.identifier,
    source_name: node.sourceName,
    raw_code: node.rawCode,
    language: 'sql',
    config: node.config,
    tags: node.tags,
    description: node.description,
    columns: Object.fromEntries(Object.values(node.columns).map((c) => [c.name, { name: c.name, description: c.description, data_type: c.dataType ?? null, meta: c.meta }])),
    meta: node.meta,
    depends_on: node.dependsOn,
    refs: node.refs.map((r) => ({ name: r.name, package: r.package, version: null })),
    sources: node.sources,
    checksum: { name: 'md5', checksum: node.checksum },
    patch_path: node.patchPath ?? null,
    test_metadata: node.testMetadata ? { name: node.testMetadata.name, namespace: node.testMetadata.namespace, kwargs: { ...node.testMetadata.kwargs, column_name: node.testMetadata.columnName } } : undefined,
    column_name: node.testMetadata?.columnName ?? undefined,
    attached_node: node.testMetadata?.attachedNode ?? undefined,
    loaded_at_field: node.loadedAtField,
    freshness: node.freshness,
  };
}

/** dbt's `graph` context value: nodes (models, seeds, snapshots, tests) and sources as manifest.json dicts. */
export function dbtGraph(manifest: Manifest): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  for (const n of manifest.nodes.values()) if (n.resourceType !== 'unit_test') nodes[n.uniqueId] = nodeJson(n);
  const sources: Record<string, unknown> = {};
  for (const s of manifest.sources.values()) sources[s.uniqueId] = nodeJson(s);
  return { nodes, sources, exposures: {}, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {} };
}

/** The whole manifest.json document. */
export function manifestJson(project: ParsedProject): Record<string, unknown> {
  const { manifest, runtime } = project;
  const parentMap: Record<string, string[]> = {};
  for (const n of manifest.nodes.values()) parentMap[n.uniqueId] = n.dependsOn.nodes;
  for (const s of manifest.sources.values()) parentMap[s.uniqueId] = [];
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json',
      dbt_version: '1.9.0',
      generated_at: runtime.runStartedAt.toISOString(),
      invocation_id: runtime.invocationId,
      project_name: manifest.projectName,
      adapter_type: runtime.adapterType,
      generator: 'mercator',
    },
    nodes: Object.fromEntries([...manifest.nodes.values()].map((n) => [n.uniqueId, nodeJson(n)])),
    sources: Object.fromEntries([...manifest.sources.values()].map((n) => [n.uniqueId, nodeJson(n)])),
    macros: Object.fromEntries([...manifest.macros.values()].map((m) => [m.uniqueId, { unique_id: m.uniqueId, name: m.name, package_name: m.packageName, original_file_path: m.file }])),
    parent_map: parentMap,
    child_map: Object.fromEntries(manifest.childMap),
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
  };
}
