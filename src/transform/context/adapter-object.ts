import type { SqlDialect } from '../../warehouse/warehouse.js';
import { MercatorError } from '../../errors/index.js';
import { argAt, splitArgs } from './call-args.js';
import { AgateTable } from './agate-table.js';
import type { MacroScope } from './macro-scope.js';
import { QUOTE_ALL, type QuotePolicy } from './quote-policy.js';
import { makeRelation, relationNameOf, type Relation } from './relation.js';
import type { RenderIo } from './render-io.js';

/** What the `adapter` object needs from the render. */
export interface AdapterObjectOptions {
  type: string;
  dialect: SqlDialect;
  io: RenderIo;
  scope: MacroScope;
  /** dbt_project.yml `dispatch:` search orders by macro namespace. */
  dispatch: ReadonlyMap<string, readonly string[]>;
  nodeName: string;
  /** dbt_project.yml `quoting:`; null quotes every part. */
  quoting: QuotePolicy | null;
}

/** A column as get_columns_in_relation returns it. */
class Column {
  constructor(readonly name: string, readonly data_type: string) {}
  get column(): string { return this.name; }
  get dtype(): string { return this.data_type; }
  get quoted(): string { return `"${this.name.replace(/"/g, '""')}"`; }
  toString(): string { return this.name; }
}

/** dbt's `adapter` object: dispatch, get_relation, get_columns_in_relation, quote, type. */
export function adapterObject(o: AdapterObjectOptions): Record<string, unknown> {
  const dispatch = (...args: unknown[]): unknown => {
    const parts = splitArgs(args);
    const name = String(argAt(parts, 0, 'macro_name', ''));
    const namespace = (argAt(parts, 1, 'macro_namespace', null) as string | null) ?? null;
    // `packages=[...]` is the pre-1.0 spelling of a search order.
    const legacy = Array.isArray(parts.kwargs.packages) ? (parts.kwargs.packages as string[]) : null;
    const packages: Array<string | null> = legacy ?? (namespace ? [...(o.dispatch.get(namespace) ?? [namespace])] : [null]);
    for (const pkg of packages) {
      for (const prefix of [o.type, 'default']) {
        const candidate = `${prefix}__${name}`;
        const fn = pkg === null ? o.scope.lookup(candidate) : o.scope.lookupIn(pkg, candidate);
        if (fn) return fn;
      }
    }
    // dbt falls back to the un-prefixed macro in the root project only through search orders; being lenient here costs nothing.
    for (const prefix of [o.type, 'default']) {
      const fn = o.scope.lookup(`${prefix}__${name}`);
      if (fn) return fn;
    }
    throw new MercatorError('TRANSFORM_MACRO_NOT_FOUND', { name: `${o.type}__${name}`, where: ` (adapter.dispatch in ${o.nodeName})` }, { hint: `Define ${o.type}__${name} or default__${name}.` });
  };
  const relationOf = (args: unknown[]): Relation => {
    const parts = splitArgs(args);
    const database = argAt(parts, 0, 'database', null) as string | null;
    const schema = String(argAt(parts, 1, 'schema', ''));
    const identifier = String(argAt(parts, 2, 'identifier', ''));
    return makeRelation(o.dialect, database, schema, identifier);
  };
  return {
    type: () => o.type,
    dispatch,
    quote: (s: string) => o.dialect.quoteIdentifier(s),
    get_relation: (...args: unknown[]) => {
      const rel = relationOf(args);
      const found = o.io.relation(rel.toRelationName());
      return found ? makeRelation(o.dialect, rel.database, found.schema, found.name, found.kind) : null;
    },
    get_columns_in_relation: (relation: unknown) => (o.io.columnsOf(relationNameOf(relation)) ?? []).map((c) => new Column(c.name, c.type)),
    execute: (sql: string, ...rest: unknown[]) => {
      const parts = splitArgs(rest);
      const result = o.io.query(sql);
      const table = new AgateTable(result ?? { columns: [], rows: [] });
      return [{ code: 'OK', rows_affected: -1 }, argAt(parts, 1, 'fetch', false) ? table : new AgateTable({ columns: [], rows: [] })];
    },
    already_exists: (schema: string, name: string) => Boolean(o.io.relation({ schema, name })),
    // dbt's check_schema_exists(database, schema); false while parsing (execute is False, nothing is queried).
    check_schema_exists: (...args: unknown[]) => {
      const parts = splitArgs(args);
      const database = argAt(parts, 0, 'database', null);
      return o.io.schemaExists(database === null || database === undefined || database === '' ? null : String(database), String(argAt(parts, 1, 'schema', ''))) ?? false;
    },
    // dbt's quote_as_configured(identifier, quote_key): quoted unless the project's quoting: turns that part off.
    quote_as_configured: (...args: unknown[]) => {
      const parts = splitArgs(args);
      const text = String(argAt(parts, 0, 'identifier', ''));
      const key = String(argAt(parts, 1, 'quote_key', 'identifier'));
      const quoted = key === 'database' || key === 'schema' || key === 'identifier' ? (o.quoting ?? QUOTE_ALL)[key] : true;
      return quoted ? o.dialect.quoteIdentifier(text) : text;
    },
  };
}
