import type { ColumnInfo, QueryResult, RelationInfo, RelationName, Warehouse } from '../../warehouse/warehouse.js';

type Pending = { kind: 'query'; sql: string } | { kind: 'relation'; rel: RelationName } | { kind: 'columns'; rel: RelationName } | { kind: 'schemas'; database: string | null };

const relKey = (r: RelationName): string => `${r.database ?? ''}.${r.schema}.${r.name}`.toLowerCase();

/**
 * Database answers a template render may ask for (run_query, statement, get_relation, get_columns_in_relation).
 * Templates render synchronously, so unknown answers are recorded as pending, fetched between render passes,
 * and the template is rendered again with them; see renderWithIo.
 */
export class RenderIo {
  private readonly queries = new Map<string, QueryResult>();
  private readonly relations = new Map<string, RelationInfo | null>();
  private readonly columns = new Map<string, ColumnInfo[]>();
  /** Lower-cased schema names per database ('' for the current one). */
  private readonly schemas = new Map<string, Set<string>>();
  pending: Pending[] = [];

  constructor(readonly execute: boolean) {}

  /** The result of `sql`, or undefined (and recorded as pending) when not fetched yet. */
  query(sql: string): QueryResult | undefined {
    const hit = this.queries.get(sql);
    if (!hit && this.execute) this.pending.push({ kind: 'query', sql });
    return hit;
  }

  relation(rel: RelationName): RelationInfo | null | undefined {
    const key = relKey(rel);
    if (this.relations.has(key)) return this.relations.get(key);
    if (this.execute) this.pending.push({ kind: 'relation', rel });
    return undefined;
  }

  columnsOf(rel: RelationName): ColumnInfo[] | undefined {
    const hit = this.columns.get(relKey(rel));
    if (!hit && this.execute) this.pending.push({ kind: 'columns', rel });
    return hit;
  }

  /** Whether `schema` exists in `database` (null: the current database), matched case-insensitively; undefined (and pending) when not fetched yet. */
  schemaExists(database: string | null, schema: string): boolean | undefined {
    const names = this.schemas.get((database ?? '').toLowerCase());
    if (!names && this.execute) this.pending.push({ kind: 'schemas', database });
    return names?.has(schema.toLowerCase());
  }

  /** True once a run_query/statement result was fetched: SQL ran that may have changed the catalog. */
  get ranQueries(): boolean {
    return this.queries.size > 0;
  }

  /** Seeds an answer known before rendering (e.g. whether `this` exists). */
  knowRelation(rel: RelationName, info: RelationInfo | null): void {
    this.relations.set(relKey(rel), info);
  }

  /** Fetches every pending answer in order; returns false when nothing was pending. */
  async fetchPending(warehouse: Warehouse): Promise<boolean> {
    const todo = this.pending;
    this.pending = [];
    if (todo.length === 0) return false;
    for (const p of todo) {
      if (p.kind === 'query') {
        if (!this.queries.has(p.sql)) this.queries.set(p.sql, await warehouse.query(p.sql));
      } else if (p.kind === 'schemas') {
        const key = (p.database ?? '').toLowerCase();
        if (!this.schemas.has(key)) this.schemas.set(key, new Set((await warehouse.listSchemas(p.database)).map((s) => s.toLowerCase())));
      } else if (p.kind === 'relation') {
        this.relations.set(relKey(p.rel), await warehouse.getRelation(p.rel));
      } else {
        this.columns.set(relKey(p.rel), await warehouse.getColumns(p.rel));
      }
    }
    return true;
  }
}

/** Renders until no new database answers are needed (at most 8 passes); rethrows a render error only once answers are complete. */
export async function renderWithIo(io: RenderIo, warehouse: Warehouse | null, render: () => string): Promise<string> {
  for (let pass = 0; ; pass++) {
    let out: string | undefined;
    let failure: unknown;
    try {
      out = render();
    } catch (err) {
      failure = err;
    }
    const fetched = warehouse && pass < 8 ? await io.fetchPending(warehouse) : false;
    if (!fetched) {
      if (failure !== undefined) throw failure;
      return out!;
    }
  }
}
