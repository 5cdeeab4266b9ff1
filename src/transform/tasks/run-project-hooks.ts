import { RenderIo, renderWithIo } from '../context/render-io.js';
import { renderContext } from '../context/render-node-context.js';
import { toTransformError } from '../context/template-error.js';
import { nodeRelation } from '../compile/node-relation.js';
import { findRef } from '../project/finish-nodes.js';
import type { NodeResult, RunContext } from '../run/run-types.js';

/** Renders and runs on-run-start / on-run-end hooks of dbt_project.yml. */
export async function runProjectHooks(ctx: RunContext, hooks: readonly string[], label: string, results: readonly NodeResult[] = []): Promise<void> {
  const { runtime: rt, manifest } = ctx.project;
  // dbt gives on-run-end hooks the schemas built and the results (`result.node`, `result.status`).
  const schemas = [...new Set([...manifest.nodes.values()].filter((n) => n.resourceType === 'model' || n.resourceType === 'seed' || n.resourceType === 'snapshot').map((n) => n.schema))];
  const resultValues = results.map((r) => ({ status: r.status, message: r.message, execution_time: r.executionTime, failures: r.failures, node: { unique_id: r.uniqueId, name: manifest.nodes.get(r.uniqueId)?.name, resource_type: manifest.nodes.get(r.uniqueId)?.resourceType, schema: manifest.nodes.get(r.uniqueId)?.schema } }));
  for (const hook of hooks) {
    const io = new RenderIo(true);
    const render = (): string => {
      const c = renderContext(rt, {
        node: null,
        packageName: rt.projectName,
        io,
        execute: true,
        ref: (name, pkg) => {
          const any = [...manifest.nodes.values()][0];
          return nodeRelation(rt.dialect, findRef(manifest, name, pkg, any!));
        },
        source: (s, t) => nodeRelation(rt.dialect, [...manifest.sources.values()].find((n) => n.sourceName === s && n.name === t)!),
        extra: { schemas, database_schemas: schemas.map((x) => [rt.target.database, x]), results: resultValues },
      });
      try {
        return rt.env.renderString(hook, c, `dbt_project.yml (${label})`);
      } catch (err) {
        throw toTransformError(err, 'dbt_project.yml', 1);
      }
    };
    const sql = (await renderWithIo(io, ctx.warehouse, render)).trim();
    if (sql) await ctx.warehouse.run(sql);
  }
}
