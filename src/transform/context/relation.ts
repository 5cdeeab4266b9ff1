import type { RelationName, SqlDialect } from '../../warehouse/warehouse.js';
import { argAt, splitArgs } from './call-args.js';
import { QUOTE_ALL, type QuotePolicy } from './quote-policy.js';

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
  /** dbt's `quote(database=None, schema=None, identifier=None)`: the same relation with those parts quoted or not. */
  quote(...args: unknown[]): Relation;
}

/**
 * Creates a relation; CTE relations (ephemeral models, unit-test inputs) render as their bare identifier.
 * `quoting` (dbt's `quoting:` config) says which parts render quoted; null quotes every part, dbt's default.
 */
export function makeRelation(dialect: SqlDialect, database: string | null, schema: string, identifier: string, type: RelationType = null, quoting: QuotePolicy | null = null): Relation {
  const toRelationName = (): RelationName => (database ? { database, schema, name: identifier } : { schema, name: identifier });
  const part = (name: string, quoted: boolean): string => (quoted ? dialect.quoteIdentifier(name) : name);
  const render = (): string => {
    if (type === 'cte') return identifier;
    if (!quoting) return dialect.relation(toRelationName());
    const last = `${part(schema, quoting.schema)}.${part(identifier, quoting.identifier)}`;
    return database ? `${part(database, quoting.database)}.${last}` : last;
  };
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
      if (v.schema === false) return part(identifier, (quoting ?? QUOTE_ALL).identifier);
      return makeRelation(dialect, v.database === false ? null : database, schema, identifier, type, quoting);
    },
    incorporate: (kwargs) => {
      const v = kwargs?.values ?? {};
      const path = (v.path ?? {}) as Record<string, string | undefined>;
      return makeRelation(dialect, path.database ?? database, path.schema ?? schema, path.identifier ?? identifier, (v.type as RelationType) ?? type, quoting);
    },
    quote: (...args) => {
      const parts = splitArgs(args);
      const policy = { ...(quoting ?? QUOTE_ALL) };
      (['database', 'schema', 'identifier'] as const).forEach((key, i) => {
        const value = argAt(parts, i, key, null);
        if (value !== null && value !== undefined) policy[key] = Boolean(value);
      });
      return makeRelation(dialect, database, schema, identifier, type, policy);
    },
  };
  return rel;
}

/** The warehouse name of a relation-like value a template passed back (a Relation or any mapping with schema and identifier). */
export function relationNameOf(value: unknown): RelationName {
  const v = value as { database?: string | null; schema?: string; identifier?: string; name?: string };
  const name = String(v.identifier ?? v.name ?? '');
  return v.database ? { database: v.database, schema: String(v.schema ?? ''), name } : { schema: String(v.schema ?? ''), name };
}
