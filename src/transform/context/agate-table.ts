import type { QueryResult, SqlValue } from '../../warehouse/warehouse.js';

/** A result row: indexable by position and by column name, like an agate Row. */
export type AgateRow = SqlValue[] & Record<string, SqlValue>;

/** The shape dbt templates expect from run_query / load_result(...).table (agate.Table subset). */
export class AgateTable {
  readonly column_names: string[];
  readonly column_types: string[];
  readonly rows: AgateRow[];
  readonly columns: Array<{ name: string; values: () => SqlValue[] }> & Record<string, { name: string; values: () => SqlValue[] }>;

  constructor(result: QueryResult) {
    this.column_names = result.columns.map((c) => c.name);
    this.column_types = result.columns.map((c) => c.type);
    this.rows = result.rows.map((r) => {
      const row = this.column_names.map((n) => r[n] ?? null) as AgateRow;
      for (const n of this.column_names) row[n] = r[n] ?? null;
      return row;
    });
    const cols = this.column_names.map((name, i) => ({ name, values: () => this.rows.map((row) => row[i] ?? null) }));
    this.columns = Object.assign(cols, Object.fromEntries(cols.map((c) => [c.name, c])));
  }

  get length(): number {
    return this.rows.length;
  }

  /** Row values of column `name` (agate's table.columns[name].values()). */
  values(name: string): SqlValue[] {
    return this.columns[name]?.values() ?? [];
  }

  print_table(): string {
    return '';
  }
}

/** An empty table, returned while a query's result is not known yet. */
export const emptyTable = (): AgateTable => new AgateTable({ columns: [], rows: [] });
