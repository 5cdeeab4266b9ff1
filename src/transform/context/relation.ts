import type { RelationName, SqlDialect } from '../../warehouse/warehouse.js';

/** dbt's Relation as templates see it: renders as the quoted name; `database`, `schema`, `identifier`, `name`, `type`. */
export class Relation {
  constructor(
    readonly dialect: SqlDialect,
    readonly database: string | null,
    readonly schema: string,
    readonly identifier: string,
    readonly type: 'table' | 'view' | 'cte' | 'external' | null = null,
  ) {}

  get name(): string {
    return this.identifier;
  }
  get table(): string {
    return this.identifier;
  }
  get is_table(): boolean {
    return this.type === 'table';
  }
  get is_view(): boolean {
    return this.type === 'view';
  }
  get is_cte(): boolean {
    return this.type === 'cte';
  }

  /** The warehouse name of this relation. */
  toRelationName(): RelationName {
    return this.database ? { database: this.database, schema: this.schema, name: this.identifier } : { schema: this.schema, name: this.identifier };
  }

  render(): string {
    if (this.type === 'cte') return this.identifier;
    return this.dialect.relation(this.toRelationName());
  }

  toString(): string {
    return this.render();
  }

  /** `relation.include(database=False)` keeps only the chosen parts. */
  include(kwargs?: { values?: Record<string, unknown> }): Relation | string {
    const v = kwargs?.values ?? {};
    const db = v.database === false ? null : this.database;
    if (v.schema === false) return this.dialect.quoteIdentifier(this.identifier);
    return new Relation(this.dialect, db, this.schema, this.identifier, this.type);
  }

  /** `relation.incorporate(path={...}, type=...)` returns a changed copy. */
  incorporate(kwargs?: { values?: Record<string, unknown> }): Relation {
    const v = kwargs?.values ?? {};
    const path = (v.path ?? {}) as Record<string, string | undefined>;
    return new Relation(this.dialect, path.database ?? this.database, path.schema ?? this.schema, path.identifier ?? this.identifier, (v.type as Relation['type']) ?? this.type);
  }

  quote(): Relation {
    return this;
  }
}
