// Does: the dbt-compatible engine: parse dbt projects, compile nodes with the dbt Jinja context, select, and build them in DAG order.
// Does not: talk to a database except through the Warehouse interface, or parse argv (src/cli does).
export { runTransformTask, parseVars, type TransformTaskResult } from './tasks/run-transform-task.js';
export type { TransformCommand, TransformTaskOptions } from './tasks/task-options.js';
export { parseProject, type ParseOptions, type ParsedProject } from './project/parse-project.js';
export { loadProjectTree, type ProjectTree, type PackageProject } from './project/load-project.js';
export { resolveTarget, type ResolvedTarget } from './project/load-profile.js';
export type { Manifest, ManifestNode, NodeConfig, ResourceType } from './project/node-types.js';
export { compileNodeSql, type CompileOptions } from './compile/compile-node.js';
export { RenderIo } from './context/render-io.js';
export { Graph } from './graph/graph.js';
export { selectNodes, type SelectionOptions } from './graph/select-nodes.js';
export { parseSelector } from './graph/selector-parse.js';
export type { NodeResult, NodeStatus } from './run/run-types.js';
export { summarize, type RunSummary } from './tasks/summarize.js';
export { manifestJson } from './artifacts/manifest-json.js';
export { runSourceFreshness, type FreshnessResult } from './tasks/source-freshness-task.js';
export { runDocsGenerate } from './docs/docs-generate-task.js';
export { initProject, starterFiles } from './tasks/init-project.js';
export { cleanProject } from './tasks/clean-project.js';
export { debugProject } from './tasks/debug-task.js';
export { serveDocs } from './docs/serve-docs.js';
