import type { ProjectRuntime } from '../context/project-runtime.js';
import { nodeAsTemplateValue } from '../context/dbt-context.js';
import { makeRelation, type Relation } from '../context/relation.js';
import { RenderIo } from '../context/render-io.js';
import { renderContext } from '../context/render-node-context.js';
import { toTransformError } from '../context/template-error.js';
import type { ManifestNode } from './node-types.js';

/** True when a project or package overrides dbt's macro `name` (asked two or three times per node: no array per call). */
function overridden(rt: ProjectRuntime, name: string): boolean {
  for (const [pkg, names] of rt.macros.byPackage) if (pkg !== 'dbt' && names.has(name)) return true;
  return false;
}

/** Calls the project's generate_<kind>_name macro (or dbt's default, natively) for a node. */
function generate(rt: ProjectRuntime, node: ManifestNode, kind: 'schema' | 'alias' | 'database', custom: unknown): string | null {
  const macro = `generate_${kind}_name`;
  const value = custom === undefined || custom === '' ? null : custom;
  if (!overridden(rt, macro)) {
    if (kind === 'schema') return value === null ? rt.target.schema : `${rt.target.schema}_${String(value).trim()}`;
    if (kind === 'alias') return value === null ? node.name : String(value).trim();
    return value === null ? rt.target.database : String(value).trim();
  }
  const ctx = renderContext(rt, {
    node,
    packageName: node.packageName,
    io: new RenderIo(false),
    execute: false,
    ref: (name) => makeRelation(rt.dialect, null, rt.target.schema, name),
    source: (s, t) => makeRelation(rt.dialect, null, s, t),
  });
  try {
    const fn = ctx[macro] as (...args: unknown[]) => unknown;
    const out = fn(value, nodeAsTemplateValue(node));
    const text = out === null || out === undefined ? '' : String(out).trim();
    return text === '' || text === 'None' ? null : text;
  } catch (err) {
    throw toTransformError(err, node.originalFilePath, node.lineOffset, node.uniqueId);
  }
}

/** database, schema and alias of a node, from its configs through generate_*_name (legacy snapshots use target_schema as is). */
export function resolveRelationName(rt: ProjectRuntime, node: ManifestNode): { database: string | null; schema: string; alias: string } {
  const c = node.config;
  if (node.resourceType === 'snapshot' && typeof c.target_schema === 'string') {
    return { database: (c.target_database as string | undefined) ?? (c.database as string | undefined) ?? null, schema: c.target_schema, alias: (c.alias as string | undefined) ?? node.name };
  }
  const customSchema = node.resourceType === 'test' && c.schema === undefined ? 'dbt_test__audit' : c.schema;
  const schema = generate(rt, node, 'schema', customSchema) ?? rt.target.schema;
  const alias = generate(rt, node, 'alias', c.alias) ?? node.name;
  const database = c.database ? generate(rt, node, 'database', c.database) : null;
  return { database, schema, alias };
}
