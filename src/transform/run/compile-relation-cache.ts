import type { RelationInfo } from '../../warehouse/warehouse.js';
import type { RunContext } from './run-types.js';

// Keyed by the parsed project, which is one per run: compile never builds relations, so one catalog
// listing per schema answers every node's "does it exist" instead of one catalog query per node.
const listings = new WeakMap<object, Map<string, Promise<Map<string, RelationInfo>>>>();

/** The existing relation `schema.name` (case-insensitive, current database) as listed once per schema per compile run. */
export async function existingRelationForCompile(ctx: RunContext, schema: string, name: string): Promise<RelationInfo | null> {
  let schemas = listings.get(ctx.project);
  if (!schemas) listings.set(ctx.project, (schemas = new Map()));
  const key = schema.toLowerCase();
  let listing = schemas.get(key);
  if (!listing) {
    listing = ctx.warehouse.listRelations(schema).then((rels) => {
      const byName = new Map<string, RelationInfo>();
      for (const r of rels) if (!byName.has(r.name.toLowerCase())) byName.set(r.name.toLowerCase(), r);
      return byName;
    });
    schemas.set(key, listing);
  }
  return (await listing).get(name.toLowerCase()) ?? null;
}
