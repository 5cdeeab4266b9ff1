// Does: the SQL text DuckDB needs: quoting, literals, relation names, types, DDL, MERGE, atomic swap, file readers.
// Does not: run anything; every method is a pure function of its arguments.
import { MercatorError } from '../../errors/index.js';
import type {
  BulkLoadRequest,
  LogicalType,
  MergeSpec,
  RelationKind,
  RelationName,
  WarehouseDialect,
} from '../warehouse.js';

const SIMPLE_TYPES: Record<Exclude<LogicalType, object>, string> = {
  string: 'VARCHAR',
  boolean: 'BOOLEAN',
  int: 'INTEGER',
  bigint: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  numeric: 'DECIMAL(28,6)',
  date: 'DATE',
  time: 'TIME',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMPTZ',
  json: 'JSON',
  blob: 'BLOB',
};

const READERS: Record<BulkLoadRequest['format'], string> = {
  csv: 'read_csv',
  parquet: 'read_parquet',
  json: 'read_json',
};

const OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Removes trailing semicolons and whitespace so a SELECT can be nested in parentheses. */
function bareSelect(selectSql: string): string {
  return selectSql.replace(/[\s;]+$/, '');
}

/** DuckDB's SQL dialect. */
export class DuckdbDialect implements WarehouseDialect {
  quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
  }

  quoteLiteral(value: string | number | boolean | null): string {
    if (value === null) return 'NULL';
    if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : `'${String(value)}'::DOUBLE`;
    return `'${value.replaceAll("'", "''")}'`;
  }

  relation(rel: RelationName): string {
    const parts = rel.database === undefined ? [rel.schema, rel.name] : [rel.database, rel.schema, rel.name];
    return parts.map((part) => this.quoteIdentifier(part)).join('.');
  }

  typeName(type: LogicalType): string {
    if (typeof type === 'string') return SIMPLE_TYPES[type];
    return `DECIMAL(${type.decimal.precision},${type.decimal.scale})`;
  }

  createSchema(schema: string, database?: string): string {
    return `CREATE SCHEMA IF NOT EXISTS ${database === undefined ? '' : `${this.quoteIdentifier(database)}.`}${this.quoteIdentifier(schema)}`;
  }

  createTableAs(rel: RelationName, selectSql: string): string {
    return `CREATE TABLE ${this.relation(rel)} AS (\n${bareSelect(selectSql)}\n)`;
  }

  createViewAs(rel: RelationName, selectSql: string): string {
    return `CREATE OR REPLACE VIEW ${this.relation(rel)} AS (\n${bareSelect(selectSql)}\n)`;
  }

  dropRelation(rel: RelationName, kind: RelationKind): string {
    return `DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${this.relation(rel)}`;
  }

  renameRelation(rel: RelationName, kind: RelationKind, newName: string): string {
    return `ALTER ${kind === 'view' ? 'VIEW' : 'TABLE'} ${this.relation(rel)} RENAME TO ${this.quoteIdentifier(newName)}`;
  }

  swapTable(target: RelationName, staging: RelationName, existing: RelationKind | null): string[] {
    const drop = existing === null ? [] : [this.dropRelation(target, existing)];
    return [...drop, this.renameRelation(staging, 'table', target.name)];
  }

  merge(spec: MergeSpec): string {
    const q = (name: string): string => this.quoteIdentifier(name);
    const on = spec.uniqueKey.map((key) => `t.${q(key)} = s.${q(key)}`).join(' AND ');
    const updates = spec.columns.filter((column) => !spec.uniqueKey.includes(column));
    const lines = [
      `MERGE INTO ${this.relation(spec.target)} AS t`,
      `USING (\n${bareSelect(spec.sourceSql)}\n) AS s`,
      `ON (${on})`,
    ];
    if (updates.length > 0) {
      lines.push(`WHEN MATCHED THEN UPDATE SET ${updates.map((c) => `${q(c)} = s.${q(c)}`).join(', ')}`);
    }
    const columns = spec.columns.map(q).join(', ');
    lines.push(`WHEN NOT MATCHED THEN INSERT (${columns}) VALUES (${spec.columns.map((c) => `s.${q(c)}`).join(', ')})`);
    return lines.join('\n');
  }

  deleteInsert(spec: MergeSpec): string[] {
    const q = (name: string): string => this.quoteIdentifier(name);
    const target = this.relation(spec.target);
    const keys = spec.uniqueKey.map(q).join(', ');
    const source = bareSelect(spec.sourceSql);
    const columns = spec.columns.map(q).join(', ');
    return [
      `DELETE FROM ${target} WHERE (${keys}) IN (SELECT ${keys} FROM (\n${source}\n) AS s)`,
      `INSERT INTO ${target} (${columns}) SELECT ${columns} FROM (\n${source}\n) AS s`,
    ];
  }

  fileReader(request: Pick<BulkLoadRequest, 'files' | 'format' | 'options'>): string {
    const files = `[${request.files.map((file) => this.quoteLiteral(file)).join(', ')}]`;
    // `json` means newline-delimited unless the caller picks another layout (`format: 'array'` or `'auto'`).
    const given = request.options ?? {};
    const defaults = request.format === 'json' && !('format' in given) ? { format: 'newline_delimited' } : {};
    const options = Object.entries({ ...defaults, ...given }).map(([name, value]) => {
      if (!OPTION_NAME.test(name)) {
        throw new MercatorError('WAREHOUSE_BULK_LOAD_FAILED', {
          count: request.files.length,
          format: request.format,
          target: '(reader)',
          detail: `invalid reader option name ${JSON.stringify(name)}`,
        });
      }
      return `${name} = ${this.optionLiteral(value)}`;
    });
    return `${READERS[request.format]}(${[files, ...options].join(', ')})`;
  }

  /** Reader option values: scalars as literals, arrays as lists, plain objects as structs (`columns = {'id': 'BIGINT'}`). */
  private optionLiteral(value: unknown): string {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return this.quoteLiteral(value);
    }
    if (typeof value === 'bigint') return value.toString();
    if (Array.isArray(value)) return `[${value.map((item) => this.optionLiteral(item)).join(', ')}]`;
    if (typeof value === 'object') {
      const fields = Object.entries(value).map(([key, inner]) => `${this.quoteLiteral(key)}: ${this.optionLiteral(inner)}`);
      return `{${fields.join(', ')}}`;
    }
    return this.quoteLiteral(String(value));
  }
}

/** The shared DuckDB dialect instance. */
export const duckdbDialect = new DuckdbDialect();
