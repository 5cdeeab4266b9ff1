import type { RelationInfo, RelationName } from '../../warehouse/warehouse.js';
import type { RunContext } from './run-types.js';

// Keyed by the parsed project, which is one per run. Each node looks up only its own relation, once,
// right before building it, so one catalog listing per schema answers every node instead of one
// catalog query per node (a catalog query costs more than building a small table).
const listings = new WeakMap<object, Map<string, Promise<Map<string, RelationInfo>>>>();

/** The relation now at `rel` (names case-insensitive) from this run's listing of its schema; other databases are asked directly. */
export async function existingRelation(ctx: RunContext, rel: RelationName): Promise<RelationInfo | null> {
  // Listings cover the current database only.
  if (rel.database) return ctx.warehouse.getRelation(rel);
  const { schema, name } = rel;
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

/** Drops this run's listings; called after SQL the run does not track (hooks, sql_header, run_query) may have changed the catalog. */
export function forgetRelations(ctx: RunContext): void {
  listings.delete(ctx.project);
}
