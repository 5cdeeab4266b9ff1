import { describe, expect, it } from 'vitest';
import { duckdbDialect as d } from './duckdb-dialect.js';

const orders = { schema: 'marts', name: 'orders' };

describe('duckdb dialect (offline SQL)', () => {
  it('quotes identifiers and literals, doubling the quote character', () => {
    expect(d.quoteIdentifier('order')).toBe('"order"');
    expect(d.quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(d.quoteLiteral("O'Brien")).toBe("'O''Brien'");
    expect(d.quoteLiteral('back\\slash')).toBe("'back\\slash'");
    expect(d.quoteLiteral(null)).toBe('NULL');
    expect(d.quoteLiteral(true)).toBe('TRUE');
    expect(d.quoteLiteral(1.5)).toBe('1.5');
    expect(d.quoteLiteral(Number.NaN)).toBe("'NaN'::DOUBLE");
  });

  it('renders relations with and without a database', () => {
    expect(d.relation(orders)).toBe('"marts"."orders"');
    expect(d.relation({ database: 'shop', ...orders })).toBe('"shop"."marts"."orders"');
  });

  it('spells portable types', () => {
    expect(d.typeName('string')).toBe('VARCHAR');
    expect(d.typeName('timestamptz')).toBe('TIMESTAMPTZ');
    expect(d.typeName({ decimal: { precision: 38, scale: 10 } })).toBe('DECIMAL(38,10)');
  });

  it('builds DDL around a SELECT, dropping its trailing semicolon', () => {
    expect(d.createTableAs(orders, 'select 1 as id;\n')).toBe('CREATE TABLE "marts"."orders" AS (\nselect 1 as id\n)');
    expect(d.createViewAs(orders, 'select 1 -- note')).toBe('CREATE OR REPLACE VIEW "marts"."orders" AS (\nselect 1 -- note\n)');
    expect(d.dropRelation(orders, 'view')).toBe('DROP VIEW IF EXISTS "marts"."orders"');
    expect(d.renameRelation(orders, 'table', 'orders_old')).toBe('ALTER TABLE "marts"."orders" RENAME TO "orders_old"');
    expect(d.createSchema('marts')).toBe('CREATE SCHEMA IF NOT EXISTS "marts"');
    expect(d.createSchema('staging', 'memory')).toBe('CREATE SCHEMA IF NOT EXISTS "memory"."staging"');
  });

  it('swaps by dropping what exists and renaming the staging table', () => {
    const staging = { schema: 'marts', name: 'orders__tmp' };
    expect(d.swapTable(orders, staging, 'view')).toEqual([
      'DROP VIEW IF EXISTS "marts"."orders"',
      'ALTER TABLE "marts"."orders__tmp" RENAME TO "orders"',
    ]);
    expect(d.swapTable(orders, staging, null)).toEqual(['ALTER TABLE "marts"."orders__tmp" RENAME TO "orders"']);
  });

  it('writes MERGE INTO and its delete+insert equivalent', () => {
    const spec = { target: orders, sourceSql: 'select * from new_orders', uniqueKey: ['id'], columns: ['id', 'status'] };
    expect(d.merge(spec)).toBe(
      [
        'MERGE INTO "marts"."orders" AS t',
        'USING (\nselect * from new_orders\n) AS s',
        'ON (t."id" = s."id")',
        'WHEN MATCHED THEN UPDATE SET "status" = s."status"',
        'WHEN NOT MATCHED THEN INSERT ("id", "status") VALUES (s."id", s."status")',
      ].join('\n'),
    );
    expect(d.merge({ ...spec, columns: ['id'] })).not.toContain('WHEN MATCHED');
    expect(d.deleteInsert(spec)).toEqual([
      'DELETE FROM "marts"."orders" WHERE ("id") IN (SELECT "id" FROM (\nselect * from new_orders\n) AS s)',
      'INSERT INTO "marts"."orders" ("id", "status") SELECT "id", "status" FROM (\nselect * from new_orders\n) AS s',
    ]);
  });

  it('renders native file readers with typed options', () => {
    expect(
      d.fileReader({
        files: ["/data/o'1.csv", '/data/o2.csv'],
        format: 'csv',
        options: { header: true, delim: ';', skip: 1, columns: { id: 'BIGINT' }, nullstr: ['', 'NA'] },
      }),
    ).toBe(
      "read_csv(['/data/o''1.csv', '/data/o2.csv'], header = TRUE, delim = ';', skip = 1, columns = {'id': 'BIGINT'}, nullstr = ['', 'NA'])",
    );
    expect(d.fileReader({ files: ['a.parquet'], format: 'parquet' })).toBe("read_parquet(['a.parquet'])");
    expect(d.fileReader({ files: ['a.jsonl'], format: 'json' })).toBe("read_json(['a.jsonl'], format = 'newline_delimited')");
    expect(d.fileReader({ files: ['a.json'], format: 'json', options: { format: 'array' } })).toBe("read_json(['a.json'], format = 'array')");
    expect(() => d.fileReader({ files: ['a'], format: 'csv', options: { 'x=1)--': true } })).toThrow(/invalid reader option/);
  });
});
