import type { RelationName, SqlDialect } from '../../warehouse/warehouse.js';

/** What kind of object a relation is. */
export type RelationType = 'table' | 'view' | 'cte' | 'external' | null;

/**
 * dbt's Relation as templates see it: a plain mapping (so `obj is mapping` and `obj.get('metadata')` behave as in
 * dbt, which packages such as dbt_utils check) that renders as the quoted name through its own toString.
 */
export interface Relation {
  readonly database: string | null;
  readonly schema: string;
  readonly identifier: string;
  readonly name: string;
  readonly table: string;
  readonly type: RelationType;
  readonly is_table: boolean;
  readonly is_view: boolean;
  readonly is_cte: boolean;
  readonly metadata: { type: string };
  /** The warehouse name of this relation. */
  toRelationName(): RelationName;
  render(): string;
  toString(): string;
  include(kwargs?: { values?: Record<string, unknown> }): Relation | string;
  incorporate(kwargs?: { values?: Record<string, unknown> }): Relation;
  quote(): Relation;
}

/** Creates a relation; CTE relations (ephemeral models, unit-test inputs) render as their bare identifier. */
export function makeRelation(dialect: SqlDialect, database: string | null, schema: string, identifier: string, type: RelationType = null): Relation {
  const toRelationName = (): RelationName => (database ? { database, schema, name: identifier } : { schema, name: identifier });
  const render = (): string => (type === 'cte' ? identifier : dialect.relation(toRelationName()));
  const rel: Relation = {
    database,
    schema,
    identifier,
    name: identifier,
    table: identifier,
    type,
    is_table: type === 'table',
    is_view: type === 'view',
    is_cte: type === 'cte',
    metadata: { type: 'Relation' },
    toRelationName,
    render,
    toString: render,
    include: (kwargs) => {
      const v = kwargs?.values ?? {};
      if (v.schema === false) return dialect.quoteIdentifier(identifier);
      return makeRelation(dialect, v.database === false ? null : database, schema, identifier, type);
    },
    incorporate: (kwargs) => {
      const v = kwargs?.values ?? {};
      const path = (v.path ?? {}) as Record<string, string | undefined>;
      return makeRelation(dialect, path.database ?? database, path.schema ?? schema, path.identifier ?? identifier, (v.type as RelationType) ?? type);
    },
    quote: () => rel,
  };
  return rel;
}

/** The warehouse name of a relation-like value a template passed back (a Relation or any mapping with schema and identifier). */
export function relationNameOf(value: unknown): RelationName {
  const v = value as { database?: string | null; schema?: string; identifier?: string; name?: string };
  const name = String(v.identifier ?? v.name ?? '');
  return v.database ? { database: v.database, schema: String(v.schema ?? ''), name } : { schema: String(v.schema ?? ''), name };
}
