// Does: compiles one node to SQL: renders its template with execute=True, resolves refs to relations, inlines ephemerals.
// Does not: run SQL; database answers templates ask for come through the RenderIo passed in.
import { Kwargs } from '../../jinja/index.js';
import { MercatorError } from '../../errors/index.js';
import type { ParsedProject } from '../project/parse-project.js';
import type { SqlDialect } from '../../warehouse/warehouse.js';
import type { ManifestNode } from '../project/node-types.js';
import { findRef, findSource } from '../project/finish-nodes.js';
import { makeRelation, type Relation } from '../context/relation.js';
import type { RenderIo } from '../context/render-io.js';
import { renderContext } from '../context/render-node-context.js';
import { toTransformError } from '../context/template-error.js';
import { injectCtes } from './inject-ctes.js';
import { ephemeralCteName, nodeRelation } from './node-relation.js';

/** Per-compile facts decided by the caller (the runner knows whether `this` exists). */
export interface CompileOptions {
  io: RenderIo;
  isIncremental?: boolean;
  /** Extra context names, e.g. for unit tests. */
  extra?: Record<string, unknown>;
  /** Replaces the relation a ref resolves to (unit-test inputs, --defer). */
  refOverride?: (node: ManifestNode) => Relation | string | undefined;
  /** The rows a generic test reads instead of its model's table (`new_records_only`, when the model kept them in this run). */
  newRowsFor?: (test: ManifestNode) => Relation | undefined;
}

/** Compiles `node` to SQL. Synchronous and side-effect free: unanswered database questions are left pending in `io`. */
export function compileNodeSql(project: ParsedProject, node: ManifestNode, options: CompileOptions): string {
  const ctes: Array<{ name: string; sql: string }> = [];
  const sql = renderNode(project, node, options, ctes, new Set([node.uniqueId]));
  return injectCtes(sql, ctes);
}

function renderNode(project: ParsedProject, node: ManifestNode, options: CompileOptions, ctes: Array<{ name: string; sql: string }>, stack: Set<string>): string {
  const { manifest, runtime: rt } = project;
  const refTo = (target: ManifestNode): Relation => {
    const override = options.refOverride?.(target);
    if (override !== undefined) return typeof override === 'string' ? makeRelation(rt.dialect, null, '', override, 'cte') : override;
    const rel = nodeRelation(rt.dialect, target);
    if (rel.type === 'cte' && !ctes.some((c) => c.name === rel.identifier)) {
      if (stack.has(target.uniqueId)) throw new MercatorError('TRANSFORM_CYCLE', { cycle: [...stack, target.uniqueId].join(' → ') });
      stack.add(target.uniqueId);
      const inner = renderNode(project, target, { ...options, isIncremental: false }, ctes, stack);
      stack.delete(target.uniqueId);
      if (!ctes.some((c) => c.name === rel.identifier)) ctes.push({ name: ephemeralCteName(target), sql: inner });
    }
    return rel;
  };
  const ctx = renderContext(rt, {
    node,
    packageName: node.packageName,
    io: options.io,
    execute: true,
    isIncremental: options.isIncremental ?? false,
    ref: (name, pkg) => refTo(findRef(manifest, name, pkg, node)),
    source: (s, t) => refTo(findSource(manifest, s, t, node)),
    thisRelation: nodeRelation(rt.dialect, node),
    extra: options.extra,
  });
  try {
    if (node.testMetadata) return renderGenericTest(project, node, ctx, refTo, options);
    let template = rt.templates.get(node.uniqueId);
    if (!template) {
      template = rt.env.compile(node.rawCode, node.absolutePath);
      rt.templates.set(node.uniqueId, template);
    }
    return template.render(ctx);
  } catch (err) {
    throw toTransformError(err, node.originalFilePath, node.lineOffset, node.uniqueId);
  }
}

/**
 * Calls the generic test's macro with its kwargs. `model` is the tested relation, or with `new_records_only` the rows
 * its model wrote in this run when there are such rows (newRecordsModel); it is wrapped in a filtered subquery when
 * `where` is set.
 */
function renderGenericTest(project: ParsedProject, node: ManifestNode, ctx: Record<string, unknown>, refTo: (n: ManifestNode) => Relation, options: CompileOptions): string {
  const meta = node.testMetadata!;
  const { manifest, runtime: rt } = project;
  const attached = manifest.nodes.get(meta.attachedNode ?? '') ?? manifest.sources.get(meta.attachedNode ?? '');
  if (!attached) throw new MercatorError('TRANSFORM_REF_NOT_FOUND', { node: node.uniqueId, name: meta.attachedNode, suggestion: 'The tested node is disabled or missing.' });
  const newRows = options.newRowsFor?.(node);
  const relation = newRows ? newRecordsModel(rt.dialect, meta, refTo(attached), newRows) : refTo(attached);
  const render = (text: string): string => rt.env.renderString(text, ctx, node.originalFilePath);
  const where = node.config.where;
  const model = where ? makeRelation(rt.dialect, null, '', `(select * from ${relation.render()} where ${render(String(where))}) dbt_subquery`, 'cte') : relation;
  const kwargs: Record<string, unknown> = { model };
  if (meta.columnName) kwargs.column_name = meta.columnName;
  for (const [k, v] of Object.entries(meta.kwargs)) {
    if (k === 'column_name') continue;
    if (typeof v === 'string' && /^\s*(ref|source)\s*\(/.test(v)) kwargs[k] = render(`{{ ${v} }}`);
    else if (typeof v === 'string' && v.includes('{{')) kwargs[k] = render(v);
    else kwargs[k] = v;
  }
  const macroName = `test_${meta.name}`;
  const macros = ctx as Record<string, unknown>;
  const fn = (meta.namespace ? (macros[meta.namespace] as Record<string, unknown> | undefined)?.[macroName] : macros[macroName]) as ((...a: unknown[]) => unknown) | undefined;
  if (typeof fn !== 'function') {
    throw new MercatorError('TRANSFORM_MACRO_NOT_FOUND', { name: meta.namespace ? `${meta.namespace}.${macroName}` : macroName, where: ` (test ${node.name} in ${node.originalFilePath})` }, { hint: `Define it with {% test ${meta.name}(model, column_name) %} in macros/ or tests/generic/.` });
  }
  const out = fn(new Kwargs(kwargs));
  return out === null || out === undefined ? '' : String(out);
}

/**
 * What a `new_records_only` test reads: the new rows; for dbt's `unique`, the rows of the whole table that share a
 * value with them, so a new row repeating an older row's value fails it as it would fail on the whole table.
 */
function newRecordsModel(dialect: SqlDialect, meta: NonNullable<ManifestNode['testMetadata']>, table: Relation, newRows: Relation): Relation {
  if (meta.name !== 'unique' || (meta.namespace ?? 'dbt') !== 'dbt' || !meta.columnName) return newRows;
  const column = meta.columnName;
  return makeRelation(dialect, null, '', `(select * from ${table.render()} where ${column} in (select ${column} from ${newRows.render()})) dbt_new_records`, 'cte');
}
