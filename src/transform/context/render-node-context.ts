import { buildDbtContext } from './dbt-context.js';
import type { ProjectRuntime } from './project-runtime.js';
import type { Relation } from './relation.js';
import type { RenderIo } from './render-io.js';
import type { ManifestNode } from '../project/node-types.js';

/** The per-render parts of a dbt context: node, resolvers, flags and where config() calls go. */
export interface NodeRenderOptions {
  node: ManifestNode | null;
  packageName: string;
  io: RenderIo;
  execute: boolean;
  isIncremental?: boolean;
  ref: (name: string, pkg: string | null, version: unknown) => Relation;
  source: (source: string, table: string) => Relation;
  onConfig?: (values: Record<string, unknown>) => void;
  configValues?: () => Record<string, unknown>;
  thisRelation?: Relation | null;
  extra?: Record<string, unknown>;
  onVersionedRef?: (name: string, version: unknown) => void;
}

/** Builds the dbt context for one render from the project runtime and the per-render options. */
export function renderContext(rt: ProjectRuntime, o: NodeRenderOptions): Record<string, unknown> {
  return buildDbtContext({
    projectName: rt.projectName,
    macros: rt.macros,
    dialect: rt.dialect,
    quoting: rt.quoting ?? null,
    adapterType: rt.adapterType,
    target: rt.target,
    lookupVar: rt.lookupVar,
    env: rt.envVars,
    node: o.node,
    packageName: o.packageName,
    io: o.io,
    execute: o.execute,
    isIncremental: o.isIncremental ?? false,
    flags: rt.flags,
    ref: o.ref,
    source: o.source,
    onConfig: o.onConfig ?? (() => {}),
    configValues: o.configValues ?? (() => o.node?.config ?? {}),
    dispatch: rt.dispatch,
    log: rt.log,
    thisRelation: o.thisRelation ?? null,
    extra: o.extra,
    onVersionedRef: o.onVersionedRef,
    invocationId: rt.invocationId,
    runStartedAt: rt.runStartedAt,
    graph: rt.graph,
    selectedResources: rt.selectedResources,
  });
}
