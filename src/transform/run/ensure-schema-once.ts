import type { RunContext } from './run-types.js';

// Keyed by the parsed project, which is one per run (node contexts are per-node copies).
const made = new WeakMap<object, Map<string, Promise<void>>>();

/** Creates a schema at most once per run (many nodes share a schema; each check is a round trip). */
export function ensureSchemaOnce(ctx: RunContext, schema: string): Promise<void> {
  let schemas = made.get(ctx.project);
  if (!schemas) made.set(ctx.project, (schemas = new Map()));
  let pending = schemas.get(schema);
  if (!pending) {
    pending = ctx.warehouse.ensureSchema(schema);
    schemas.set(schema, pending);
  }
  return pending;
}
