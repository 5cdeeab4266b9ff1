// Does: one suite every warehouse adapter passes: first the SQL each dialect generates (offline), then the
// same cases executed against a live warehouse. Does not: test engine-specific behaviour (see the adapter folders).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMercatorError } from '../../src/errors/index.js';
import {
  SqlDecimal,
  loadWarehouseAdapter,
  openWarehouse,
  type LogicalType,
  type MergeSpec,
  type RelationName,
  type Warehouse,
  type WarehouseDialect,
} from '../../src/warehouse/index.js';

/** SQL a dialect must generate for the offline cases below. */
interface ExpectedSql {
  weirdIdentifier: string;
  relation: string;
  literal: string;
  createTableAs: string;
  swap: string[];
}

interface AdapterCase {
  type: string;
  /** Config of a throwaway warehouse for the executed cases. */
  config: () => Record<string, unknown>;
  /** Why this adapter is skipped; every skip carries its reason. */
  skip?: string;
  expected: ExpectedSql;
}

const orders: RelationName = { schema: 'conformance', name: 'orders' };
const staging: RelationName = { schema: 'conformance', name: 'orders__tmp' };

const ADAPTERS: AdapterCase[] = [
  {
    type: 'duckdb',
    config: () => ({ type: 'duckdb', path: ':memory:' }),
    expected: {
      weirdIdentifier: '"we""ird name"',
      relation: '"conformance"."orders"',
      literal: "'O''Brien'",
      createTableAs: 'CREATE TABLE "conformance"."orders" AS (\nselect 1 as id\n)',
      swap: ['DROP TABLE IF EXISTS "conformance"."orders"', 'ALTER TABLE "conformance"."orders__tmp" RENAME TO "orders"'],
    },
  },
  {
    type: 'postgres',
    config: () => ({ type: 'postgres', url: process.env['MERCATOR_TEST_PG_URL'] }),
    skip: 'adapter not built yet',
    expected: {
      weirdIdentifier: '"we""ird name"',
      relation: '"conformance"."orders"',
      literal: "'O''Brien'",
      createTableAs: 'CREATE TABLE "conformance"."orders" AS (\nselect 1 as id\n)',
      swap: ['DROP TABLE IF EXISTS "conformance"."orders"', 'ALTER TABLE "conformance"."orders__tmp" RENAME TO "orders"'],
    },
  },
];

const LOGICAL_TYPES: LogicalType[] = [
  'string', 'boolean', 'int', 'bigint', 'float', 'double', 'numeric', 'date', 'time', 'timestamp', 'timestamptz',
  'json', 'blob', { decimal: { precision: 38, scale: 10 } },
];

const TRICKY_STRINGS = ["O'Brien", 'back\\slash', 'two\nlines', 'quote " inside', '✓ ünïcode', ''];

for (const adapter of ADAPTERS) {
  const title = adapter.skip === undefined ? adapter.type : `${adapter.type} (skipped: ${adapter.skip})`;

  describe.skipIf(adapter.skip !== undefined)(title, () => {
    describe('generated SQL (offline)', () => {
      let dialect: WarehouseDialect;
      beforeAll(async () => {
        dialect = (await loadWarehouseAdapter(adapter.type)).dialect;
      });

      it('quotes identifiers, literals and relations', () => {
        expect(dialect.quoteIdentifier('we"ird name')).toBe(adapter.expected.weirdIdentifier);
        expect(dialect.quoteLiteral("O'Brien")).toBe(adapter.expected.literal);
        expect(dialect.relation(orders)).toBe(adapter.expected.relation);
      });

      it('builds a table from a SELECT and swaps a staging table in', () => {
        expect(dialect.createTableAs(orders, 'select 1 as id;')).toBe(adapter.expected.createTableAs);
        expect(dialect.swapTable(orders, staging, 'table')).toEqual(adapter.expected.swap);
      });

      it('spells every portable type', () => {
        for (const type of LOGICAL_TYPES) expect(dialect.typeName(type)).toMatch(/^[A-Z][A-Z0-9_ (),]*$/);
      });
    });

    describe('executed', () => {
      let wh: Warehouse;
      let dir = '';
      beforeAll(async () => {
        dir = mkdtempSync(join(tmpdir(), `mercator-conformance-${adapter.type}-`));
        wh = await openWarehouse(adapter.config());
        await wh.ensureSchema('conformance');
      });
      afterAll(async () => {
        await wh?.close();
        if (dir !== '') rmSync(dir, { recursive: true, force: true });
      });

      it('round-trips weird identifiers and tricky literals', async () => {
        const d = wh.dialect;
        const rel = d.relation({ schema: 'conformance', name: 'we"ird name' });
        await wh.run(`CREATE TABLE ${rel} (${d.quoteIdentifier('select')} ${d.typeName('string')})`);
        for (const s of TRICKY_STRINGS) await wh.run(`INSERT INTO ${rel} VALUES (${d.quoteLiteral(s)})`);
        const rows = (await wh.query(`SELECT ${d.quoteIdentifier('select')} AS v FROM ${rel}`)).rows.map((r) => r['v']);
        expect(rows.sort()).toEqual([...TRICKY_STRINGS].sort());
      });

      it('runs statements under a thread limit and after its release', async () => {
        const release = await wh.limitThreads(1);
        expect(Number((await wh.query('SELECT 1 AS one')).rows[0]?.['one'])).toBe(1);
        await release();
        expect(Number((await wh.query('SELECT 2 AS two')).rows[0]?.['two'])).toBe(2);
      });

      it('can cast to every portable type', async () => {
        const casts = LOGICAL_TYPES.map((t, i) => `CAST(NULL AS ${wh.dialect.typeName(t)}) AS c${i}`).join(', ');
        const row = (await wh.query(`SELECT ${casts}`)).rows[0];
        expect(Object.values(row ?? {}).every((v) => v === null)).toBe(true);
      });

      it('keeps BIGINT, DECIMAL(38,10) and microsecond timestamps lossless', async () => {
        const d = wh.dialect;
        const row = (
          await wh.query(
            `SELECT CAST($1 AS ${d.typeName('bigint')}) AS b, CAST($2 AS ${d.typeName({ decimal: { precision: 38, scale: 10 } })}) AS m,
              CAST($3 AS ${d.typeName('timestamp')}) AS ts`,
            [9007199254740993n, new SqlDecimal(1234567890123456789012345678_1234567891n, 10), '2024-01-01 00:00:00.000001'],
          )
        ).rows[0];
        expect(row?.['b']).toBe(9007199254740993n);
        expect(String(row?.['m'])).toBe('1234567890123456789012345678.1234567891');
        expect(row?.['ts']).toBe('2024-01-01 00:00:00.000001');
        const json = (await wh.queryJson('SELECT CAST($1 AS BIGINT) AS b', [2n ** 62n])).rows[0];
        expect(json).toEqual({ b: (2n ** 62n).toString() });
      });

      it('replaces a table and introspects it', async () => {
        expect(await wh.replaceTable(orders, 'select 1 as id, 10 as amount union all select 2, 20')).toBe(2);
        expect(await wh.replaceTable(orders, 'select 1 as id, 11 as amount')).toBe(1);
        expect(await wh.getRelation(orders)).toMatchObject({ schema: 'conformance', name: 'orders', kind: 'table' });
        expect((await wh.getColumns(orders)).map((c) => c.name)).toEqual(['id', 'amount']);
        expect((await wh.listRelations('conformance')).map((r) => r.name)).toContain('orders');
        expect(await wh.listSchemas()).toContain('conformance');
      });

      it('merges by MERGE when capable and by delete+insert otherwise, with the same result', async () => {
        const target = { schema: 'conformance', name: 'customers' };
        const spec: MergeSpec = {
          target,
          sourceSql: `select 2 as id, 'new' as status union all select 3, 'new'`,
          uniqueKey: ['id'],
          columns: ['id', 'status'],
        };
        const expected = [
          { id: 1, status: 'old' },
          { id: 2, status: 'new' },
          { id: 3, status: 'new' },
        ];
        const reset = () => wh.replaceTable(target, `select 1 as id, 'old' as status union all select 2, 'old'`);
        const read = async () => (await wh.query(`SELECT id, status FROM ${wh.dialect.relation(target)} ORDER BY id`)).rows;
        if (wh.capabilities.merge) {
          await reset();
          await wh.run(wh.dialect.merge(spec));
          expect(await read()).toEqual(expected);
        }
        await reset();
        await wh.transaction(async (tx) => {
          for (const statement of tx.dialect.deleteInsert(spec)) await tx.run(statement);
        });
        expect(await read()).toEqual(expected);
      });

      it('rolls back a failed transaction (DDL too when transactional)', async () => {
        const rel = { schema: 'conformance', name: 'rolled_back' };
        await expect(
          wh.transaction(async (tx) => {
            await tx.run(wh.dialect.createTableAs(rel, 'select 1 as id'));
            throw new Error('abort');
          }),
        ).rejects.toThrow('abort');
        if (wh.capabilities.transactionalDdl) expect(await wh.getRelation(rel)).toBeNull();
      });

      it('bulk-loads CSV and newline-delimited JSON when supported', async () => {
        if (wh.capabilities.bulkFormats.includes('csv')) {
          const csv = join(dir, 'c.csv');
          writeFileSync(csv, 'id|name\n1|a\n2|b\n');
          const target = { schema: 'conformance', name: 'from_csv' };
          expect(await wh.bulkLoad({ target, files: [csv], format: 'csv', mode: 'create', options: { header: true, delim: '|' } })).toBe(2);
          expect(await wh.bulkLoad({ target, files: [csv], format: 'csv', mode: 'append', options: { header: true, delim: '|' } })).toBe(2);
          expect(await wh.bulkLoad({ target, files: [csv], format: 'csv', mode: 'replace', options: { header: true, delim: '|' } })).toBe(2);
        }
        if (wh.capabilities.bulkFormats.includes('json')) {
          const jsonl = join(dir, 'e.jsonl');
          writeFileSync(jsonl, '{"id": 1}\n{"id": 2}\n{"id": 3}\n');
          const target = { schema: 'conformance', name: 'from_json' };
          expect(await wh.bulkLoad({ target, files: [jsonl], format: 'json', mode: 'create' })).toBe(3);
        }
      });

      it('wraps engine errors with the SQL that failed', async () => {
        const sql = 'SELECT * FROM conformance.does_not_exist';
        const err = await wh.query(sql).catch((e: unknown) => e);
        expect(isMercatorError(err, 'WAREHOUSE_QUERY_FAILED')).toBe(true);
        if (isMercatorError(err)) {
          expect(err.message).toContain(sql);
          expect(err.location?.sql).toBe(sql);
        }
      });
    });
  });
}
