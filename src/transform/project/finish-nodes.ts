import { closestNames } from '../../config/closest-name.js';
import { MercatorError } from '../../errors/index.js';
import type { ProjectRuntime } from '../context/project-runtime.js';
import { makeRelation, type Relation } from '../context/relation.js';
import { RenderIo } from '../context/render-io.js';
import { quotePolicy } from '../context/quote-policy.js';
import { renderContext } from '../context/render-node-context.js';
import { toTransformError } from '../context/template-error.js';
import { folderConfig } from './folder-config.js';
import type { ProjectTree } from './load-project.js';
import { mergeConfig } from './merge-config.js';
import { nameIndex } from './name-index.js';
import type { Manifest, ManifestNode, NodeConfig } from './node-types.js';
import { renderConfigValue } from './render-for-parse.js';
import { resolveRelationName } from './resolve-relation-name.js';

const DEFAULTS: Record<string, NodeConfig> = {
  model: { enabled: true, materialized: 'view', tags: [] },
  seed: { enabled: true, materialized: 'seed', tags: [] },
  snapshot: { enabled: true, materialized: 'snapshot', tags: [] },
  test: { enabled: true, materialized: 'test', severity: 'ERROR', warn_if: '!= 0', error_if: '!= 0', fail_calc: 'count(*)', tags: [] },
};
const TREE_KEY = { model: 'models', seed: 'seeds', snapshot: 'snapshots', test: 'data_tests' } as const;

/** The dbt_project.yml config tree for a resource type (`data_tests` or its older name `tests`). */
function treeOf(file: Record<string, unknown>, type: keyof typeof TREE_KEY): Record<string, unknown> | undefined {
  const key = TREE_KEY[type];
  return (file[key] ?? (type === 'test' ? file.tests : undefined)) as Record<string, unknown> | undefined;
}

/**
 * Gives nodes their final config (project folders < properties < config() in the file, Jinja in values rendered),
 * renders SQL nodes once with execute=False to find ref/source/config calls, drops disabled nodes,
 * resolves refs to ids and sets database/schema/alias.
 */
export function finishNodes(tree: ProjectTree, manifest: Manifest, rt: ProjectRuntime, nodes: ManifestNode[]): void {
  const enabled: ManifestNode[] = [];
  for (const node of nodes) {
    const type = node.resourceType as keyof typeof TREE_KEY;
    let config = mergeConfig({}, DEFAULTS[type] ?? {});
    const own = tree.packages.find((p) => p.name === node.packageName);
    if (own && !own.isRoot) config = mergeConfig(config, folderConfig(treeOf(own.file, type), node.fqn));
    config = mergeConfig(config, folderConfig(treeOf(tree.root.file, type), node.fqn));
    config = mergeConfig(config, node.config);
    for (const [k, v] of Object.entries(config)) {
      if (k !== 'pre-hook' && k !== 'post-hook') config[k] = renderConfigValue(rt, v, node.originalFilePath, node.packageName);
    }
    node.config = config;
    if (node.resourceType !== 'seed' && !node.testMetadata) parseRender(rt, node, manifest.warnings);
    if (node.config.enabled === false) {
      manifest.nodes.delete(node.uniqueId);
      continue;
    }
    node.tags = [...new Set((node.config.tags as string[] | undefined) ?? [])];
    node.meta = { ...((node.config.meta as Record<string, unknown>) ?? {}), ...node.meta };
    node.quoting = quotePolicy(tree.root.file.quoting, node.config.quoting);
    enabled.push(node);
  }
  for (const node of enabled) {
    resolveDependencies(manifest, node);
    Object.assign(node, resolveRelationName(rt, node));
  }
}

/** Renders a node with execute=False, recording its refs, sources and config() calls. */
function parseRender(rt: ProjectRuntime, node: ManifestNode, warnings: string[]): void {
  const fileConfig: Record<string, unknown> = {};
  const ctx = renderContext(rt, {
    node,
    packageName: node.packageName,
    io: new RenderIo(false),
    execute: false,
    ref: (name, pkg) => {
      node.refs.push({ name, package: pkg });
      return makeRelation(rt.dialect, null, rt.target.schema, name);
    },
    source: (s, t) => {
      node.sources.push([s, t]);
      return makeRelation(rt.dialect, null, s, t);
    },
    onConfig: (values) => Object.assign(fileConfig, values),
    configValues: () => mergeConfig(node.config, fileConfig),
    thisRelation: makeRelation(rt.dialect, null, rt.target.schema, node.name),
    onVersionedRef: (name, version) => warnings.push(`${node.originalFilePath}: ref('${name}', v=${String(version)}) — model versions are not supported; the unversioned model is used.`),
  });
  try {
    // Kept in rt.templates for the compile-time render; the environment's cache would only hold it twice.
    const template = rt.env.compile(node.rawCode, node.absolutePath);
    rt.templates.set(node.uniqueId, template);
    template.render(ctx);
  } catch (err) {
    throw toTransformError(err, node.originalFilePath, node.lineOffset, node.uniqueId);
  }
  node.config = mergeConfig(node.config, fileConfig);
}

/** Turns refs and sources into dependsOn ids; unknown names raise errors suggesting the closest ones. */
function resolveDependencies(manifest: Manifest, node: ManifestNode): void {
  const deps = new Set(node.dependsOn.nodes);
  for (const ref of node.refs) deps.add(findRef(manifest, ref.name, ref.package, node).uniqueId);
  for (const [s, t] of node.sources) deps.add(findSource(manifest, s, t, node).uniqueId);
  node.dependsOn.nodes = [...deps];
}

/** The node `ref(pkg?, name)` resolves to from `from`: own package first, then the root project, then any. */
export function findRef(manifest: Manifest, name: string, pkg: string | null, from: ManifestNode): ManifestNode {
  const candidates = (nameIndex(manifest).byName.get(name) ?? []).filter((n) => manifest.nodes.get(n.uniqueId) === n && (n.resourceType === 'model' || n.resourceType === 'seed' || n.resourceType === 'snapshot') && (!pkg || n.packageName === pkg));
  const found = candidates.find((n) => n.packageName === from.packageName) ?? candidates.find((n) => n.packageName === manifest.projectName) ?? candidates[0];
  if (found) return found;
  const names = [...manifest.nodes.values()].filter((n) => n.resourceType !== 'test').map((n) => n.name);
  const close = closestNames(name, names);
  throw new MercatorError(
    'TRANSFORM_REF_NOT_FOUND',
    { node: from.uniqueId, name: pkg ? `${pkg}.${name}` : name, suggestion: close.length ? `Did you mean ${close.map((c) => `ref('${c}')`).join(' or ')}?` : 'Check the model name, or whether it is disabled.' },
    { location: { file: from.originalFilePath, node: from.uniqueId } },
  );
}

/** The source node of `source(s, t)`. */
export function findSource(manifest: Manifest, s: string, t: string, from: ManifestNode): ManifestNode {
  const found = nameIndex(manifest).sources.get(`${s}.${t}`);
  if (found) return found;
  const close = closestNames(`${s}.${t}`, [...manifest.sources.values()].map((n) => `${n.sourceName}.${n.name}`));
  throw new MercatorError(
    'TRANSFORM_SOURCE_NOT_FOUND',
    { node: from.uniqueId, source: s, table: t, suggestion: close.length ? `Did you mean ${close.join(' or ')}?` : 'Declare it under sources: in a .yml file.' },
    { location: { file: from.originalFilePath, node: from.uniqueId } },
  );
}
