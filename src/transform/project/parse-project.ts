// Does: turns a dbt project folder (with local packages) into a Manifest of nodes with configs, relations and dependencies.
// Does not: touch the database; rendering here runs with execute=False, like dbt's parse.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDialect } from '../../warehouse/warehouse.js';
import { BUILTIN_MACROS_SQL } from '../context/builtin-macros.js';
import { createDbtEnvironment } from '../context/dbt-environment.js';
import { MacroIndex } from '../context/macro-index.js';
import type { ProjectRuntime } from '../context/project-runtime.js';
import { collectFileNodes } from './collect-file-nodes.js';
import { applyPropertyPatches, buildGenericTests, yamlSnapshotNodes } from './apply-properties.js';
import { finishNodes } from './finish-nodes.js';
import { loadProjectTree, type ProjectTree } from './load-project.js';
import { resolveTarget, type ResolvedTarget } from './load-profile.js';
import type { Manifest, ManifestNode } from './node-types.js';
import { makeVarLookup } from './project-vars.js';
import { readProperties } from './read-properties.js';
import { renderForParse } from './render-for-parse.js';
import { sourceNodes } from './source-nodes.js';
import { unitTestNodes } from './unit-test-nodes.js';
import { applyDocsBlocks, readDocsBlocks } from './docs-blocks.js';
import { walkFiles, withWalkCache } from './walk-files.js';
import { quotePolicy } from '../context/quote-policy.js';
import { MercatorError } from '../../errors/index.js';

/** Inputs of parsing; nothing is read from globals (env is passed in). */
export interface ParseOptions {
  projectDir: string;
  profilesDir?: string;
  targetName?: string;
  /** A target resolved elsewhere (skips profiles.yml). */
  target?: ResolvedTarget;
  vars?: Record<string, unknown>;
  env: Readonly<Record<string, string | undefined>>;
  dialect: SqlDialect;
  log?: (message: string, info: boolean) => void;
  flags?: Record<string, unknown>;
}

/** A parsed project: the manifest plus what rendering its templates needs. */
export interface ParsedProject {
  tree: ProjectTree;
  manifest: Manifest;
  runtime: ProjectRuntime;
}

/** Parses the project at `projectDir`. */
export function parseProject(options: ParseOptions): ParsedProject {
  return withWalkCache(() => parseProjectFiles(options));
}

function parseProjectFiles(options: ParseOptions): ParsedProject {
  const tree = loadProjectTree(options.projectDir);
  const target = options.target ?? resolveTarget({ profilesDir: options.profilesDir, projectDir: tree.root.root, profileName: tree.root.file.profile ?? tree.root.name, target: options.targetName, env: options.env });
  const env = createDbtEnvironment();
  const macros = new MacroIndex(env, tree.root.name);
  macros.add('dbt', '<dbt internal macros>', BUILTIN_MACROS_SQL);
  const dispatch = new Map((tree.root.file.dispatch ?? []).map((d) => [d.macro_namespace, d.search_order] as const));
  const runtime: ProjectRuntime = {
    projectName: tree.root.name,
    env,
    macros,
    templates: new Map(),
    dialect: options.dialect,
    adapterType: target.type,
    target,
    lookupVar: makeVarLookup(options.vars ?? {}, tree.root.file.vars ?? {}, new Map(tree.packages.map((p) => [p.name, p.file.vars ?? {}]))),
    envVars: options.env,
    dispatch,
    log: options.log ?? (() => {}),
    invocationId: randomUUID(),
    runStartedAt: new Date(),
    flags: options.flags ?? {},
    quoting: quotePolicy(tree.root.file.quoting),
  };
  const manifest: Manifest = { projectName: tree.root.name, nodes: new Map(), sources: new Map(), macros: new Map(), childMap: new Map(), onRunStart: [], onRunEnd: [], warnings: [] };
  const fileNodes: ManifestNode[] = [];
  const properties = [];
  for (const pkg of tree.packages) {
    for (const base of pkg.macroPaths) {
      for (const f of walkFiles(join(pkg.root, base), ['.sql'])) {
        const entry = macros.add(pkg.name, f.absolute, readFileSync(f.absolute, 'utf8'));
        for (const name of entry.names) manifest.macros.set(`macro.${pkg.name}.${name}`, { uniqueId: `macro.${pkg.name}.${name}`, name, packageName: pkg.name, file: f.absolute });
      }
    }
    const collected = collectFileNodes(pkg, manifest.warnings);
    for (const f of collected.testMacroFiles) macros.add(pkg.name, f.absolute, f.source);
    fileNodes.push(...collected.nodes);
    const ymlFiles = [...new Set([...pkg.modelPaths, ...pkg.seedPaths, ...pkg.snapshotPaths, ...pkg.testPaths, ...pkg.macroPaths])].flatMap((base) =>
      walkFiles(join(pkg.root, base), ['.yml', '.yaml']).map((f) => ({ absolute: f.absolute, relative: `${base}/${f.relative}` })),
    );
    properties.push(readProperties(ymlFiles, pkg.name));
  }
  const renderText = (text: string, pkg: string): string => renderForParse(runtime, text, `${pkg}:yaml`, pkg);
  for (const props of properties) {
    for (const s of props.sources) {
      for (const node of sourceNodes(s.source, s.file, s.relativeFile, s.packageName, (t) => renderText(t, s.packageName), target.database, tree.root.file.quoting)) {
        if (node.config.enabled !== false) manifest.sources.set(node.uniqueId, node);
      }
    }
  }
  fileNodes.push(...yamlSnapshotNodes(properties.flatMap((p) => p.patches)));
  for (const node of fileNodes) {
    const existing = manifest.nodes.get(node.uniqueId);
    if (existing) throw new MercatorError('TRANSFORM_DUPLICATE_NODE', { kind: node.resourceType, name: node.name, first: existing.originalFilePath, second: node.originalFilePath });
    manifest.nodes.set(node.uniqueId, node);
  }
  applyPropertyPatches(tree, manifest, properties.flatMap((p) => p.patches));
  finishNodes(tree, manifest, runtime, [...manifest.nodes.values()]);
  const tests = buildGenericTests(tree, manifest, properties.flatMap((p) => p.tests));
  finishNodes(tree, manifest, runtime, tests);
  for (const t of tests) manifest.nodes.set(t.uniqueId, t);
  for (const u of unitTestNodes(manifest, properties.flatMap((p) => p.unitTests))) manifest.nodes.set(u.uniqueId, u);
  const hooks = (v: string | string[] | null | undefined): string[] => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]);
  manifest.onRunStart = hooks(tree.root.file['on-run-start']);
  manifest.onRunEnd = hooks(tree.root.file['on-run-end']);
  const docs = new Map<string, string>();
  for (const pkg of tree.packages) for (const [k, v] of readDocsBlocks(pkg)) if (pkg.isRoot || !docs.has(k)) docs.set(k, v);
  applyDocsBlocks(manifest, docs);
  linkDependencies(manifest);
  return { tree, manifest, runtime };
}

/** Fills childMap from dependsOn. */
function linkDependencies(manifest: Manifest): void {
  for (const id of [...manifest.nodes.keys(), ...manifest.sources.keys()]) manifest.childMap.set(id, []);
  for (const node of manifest.nodes.values()) {
    for (const parent of node.dependsOn.nodes) manifest.childMap.get(parent)?.push(node.uniqueId);
  }
}
