import type { RelationInfo } from '../../warehouse/warehouse.js';
import { compileNodeSql } from '../compile/compile-node.js';
import { nodeRelation } from '../compile/node-relation.js';
import { RenderIo, renderWithIo } from '../context/render-io.js';
import { makeRelation, type Relation } from '../context/relation.js';
import { renderContext } from '../context/render-node-context.js';
import { toTransformError } from '../context/template-error.js';
import { findRef, findSource } from '../project/finish-nodes.js';
import type { ManifestNode } from '../project/node-types.js';
import type { RunContext } from './run-types.js';
import { writeSqlArtifact } from './write-sql-artifact.js';

/** True when a node builds incrementally this run: an existing table, not a full refresh (unless `full_refresh: false`). */
export function isIncrementalRun(ctx: RunContext, node: ManifestNode, existing: RelationInfo | null): boolean {
  if (node.config.materialized !== 'incremental' || existing?.kind !== 'table') return false;
  const fullRefresh = node.config.full_refresh === undefined || node.config.full_refresh === null ? ctx.fullRefresh : Boolean(node.config.full_refresh);
  return !fullRefresh;
}

/** With --defer, a ref to an unselected node whose relation does not exist here resolves to the state's relation. */
function deferOverride(ctx: RunContext, io: RenderIo): ((target: ManifestNode) => Relation | undefined) | undefined {
  const defer = ctx.defer;
  if (!defer) return undefined;
  return (target) => {
    const deferred = defer.relations.get(target.uniqueId);
    if (!deferred || defer.selected.has(target.uniqueId) || target.resourceType === 'source') return undefined;
    const own = nodeRelation(ctx.project.runtime.dialect, target);
    if (own.type === 'cte') return undefined;
    // undefined = not fetched yet (the next render pass knows); null = missing here, so use the deferred one.
    if (io.relation(own.toRelationName()) !== null) return undefined;
    return makeRelation(ctx.project.runtime.dialect, deferred.database ?? null, deferred.schema, deferred.name, own.type);
  };
}

/** The new rows a `new_records_only` test reads (see NewRecords.newRowsFor), as a relation of the tested model's quoting. */
function newRowsFor(ctx: RunContext): ((test: ManifestNode) => Relation | undefined) | undefined {
  const records = ctx.newRecords;
  if (!records) return undefined;
  return (test) => {
    const rel = records.newRowsFor(test);
    return rel && makeRelation(ctx.project.runtime.dialect, rel.database ?? null, rel.schema, rel.name, 'table', ctx.project.manifest.nodes.get(test.testMetadata?.attachedNode ?? '')?.quoting ?? null);
  };
}

/** Compiles a node against the live warehouse (run_query answered between render passes) and writes target/compiled. */
export async function compileForRun(ctx: RunContext, node: ManifestNode, existing: RelationInfo | null): Promise<{ sql: string; io: RenderIo; isIncremental: boolean }> {
  const io = new RenderIo(true);
  const rel = nodeRelation(ctx.project.runtime.dialect, node);
  if (rel.type !== 'cte') io.knowRelation(rel.toRelationName(), existing);
  const isIncremental = isIncrementalRun(ctx, node, existing);
  const sql = await renderWithIo(io, ctx.warehouse, () => compileNodeSql(ctx.project, node, { io, isIncremental, refOverride: deferOverride(ctx, io), newRowsFor: newRowsFor(ctx) }));
  writeSqlArtifact(ctx.targetDir, 'compiled', node, sql);
  return { sql, io, isIncremental };
}

/** Renders the node's pre-hooks or post-hooks (Jinja with the node's context) into SQL statements. */
export async function renderHooks(ctx: RunContext, node: ManifestNode, key: 'pre-hook' | 'post-hook', io: RenderIo, isIncremental: boolean): Promise<string[]> {
  const raw = node.config[key];
  const hooks = (Array.isArray(raw) ? raw : raw ? [raw] : []).map((h) => (typeof h === 'object' && h !== null ? String((h as { sql?: unknown }).sql ?? '') : String(h)));
  const rt = ctx.project.runtime;
  const out: string[] = [];
  for (const hook of hooks) {
    const render = (): string => {
      const c = renderContext(rt, {
        node,
        packageName: node.packageName,
        io,
        execute: true,
        isIncremental,
        ref: (name, pkg) => nodeRelation(rt.dialect, findRef(ctx.project.manifest, name, pkg, node)),
        source: (s, t) => nodeRelation(rt.dialect, findSource(ctx.project.manifest, s, t, node)),
        thisRelation: nodeRelation(rt.dialect, node),
      });
      try {
        return rt.env.renderString(hook, c, `${node.originalFilePath} (${key})`);
      } catch (err) {
        throw toTransformError(err, node.originalFilePath, 1, node.uniqueId);
      }
    };
    const sql = (await renderWithIo(io, ctx.warehouse, render)).trim();
    if (sql) out.push(sql);
  }
  return out;
}
