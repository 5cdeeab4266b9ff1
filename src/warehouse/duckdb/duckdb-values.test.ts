import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../registry.js';
import { SqlDecimal, type Warehouse } from '../warehouse.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse({ type: 'duckdb' });
});
afterAll(async () => {
  await wh.close();
});

const one = async (sql: string, params?: readonly unknown[] | Record<string, unknown>): Promise<unknown> => {
  const result = await wh.query(sql, params);
  return result.rows[0]?.['v'];
};

describe('duckdb values are lossless', () => {
  it('keeps BIGINT above 2^53 and at the int64 bounds as bigint, through a table round trip', async () => {
    await wh.run('CREATE TABLE big (v BIGINT)');
    await wh.run('INSERT INTO big VALUES ($1), ($2), ($3)', [9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n]);
    const rows = (await wh.query('SELECT v FROM big ORDER BY v')).rows.map((r) => r['v']);
    expect(rows).toEqual([-(2n ** 63n), 9007199254740993n, 2n ** 63n - 1n]);
    expect(await one('SELECT v FROM big WHERE v = $1', [9007199254740993n])).toBe(9007199254740993n);
  });

  it('keeps HUGEINT and UBIGINT as bigint', async () => {
    expect(await one(`SELECT '-170141183460469231731687303715884105728'::HUGEINT AS v`)).toBe(-(2n ** 127n));
    expect(await one('SELECT $1::HUGEINT AS v', [2n ** 100n])).toBe(2n ** 100n);
    expect(await one(`SELECT '18446744073709551615'::UBIGINT AS v`)).toBe(2n ** 64n - 1n);
  });

  it('round-trips DECIMAL(38,10) exactly as SqlDecimal, bound and read back', async () => {
    const value = new SqlDecimal(-99999999999999999999999999990000000001n, 10);
    await wh.run('CREATE TABLE money (v DECIMAL(38,10))');
    const exact = new SqlDecimal(1234567890123456789012345678_1234567891n, 10);
    await wh.run('INSERT INTO money VALUES ($1), ($2)', [exact, value]);
    const rows = (await wh.query('SELECT v FROM money ORDER BY v DESC')).rows.map((r) => r['v']);
    expect(rows[0]).toBeInstanceOf(SqlDecimal);
    expect(String(rows[0])).toBe('1234567890123456789012345678.1234567891');
    expect((rows[0] as SqlDecimal).value).toBe(1234567890123456789012345678_1234567891n);
    expect((rows[0] as SqlDecimal).scale).toBe(10);
    expect(String(rows[1])).toBe(value.toString());
  });

  it('reads small decimals exactly too', async () => {
    const v = (await one('SELECT 19.99::DECIMAL(4,2) AS v')) as SqlDecimal;
    expect(v).toBeInstanceOf(SqlDecimal);
    expect(v.toString()).toBe('19.99');
    expect(String(await one('SELECT -0.05::DECIMAL(9,3) AS v'))).toBe('-0.050');
  });

  it('gives dates, times and timestamps as canonical text with microseconds', async () => {
    const row = (
      await wh.query(`SELECT DATE '2024-02-29' AS d, TIME '23:59:59.000001' AS t,
        TIMESTAMP '2024-03-10 02:30:00.123456' AS ts, TIMESTAMPTZ '2024-03-10 02:30:00.123456+02' AS tz,
        TIMESTAMP_NS '2024-01-01 00:00:00.123456789' AS ns, INTERVAL 90 MINUTE AS i`)
    ).rows[0];
    expect(row).toEqual({
      d: '2024-02-29',
      t: '23:59:59.000001',
      ts: '2024-03-10 02:30:00.123456',
      tz: '2024-03-10 00:30:00.123456+00',
      ns: '2024-01-01 00:00:00.123456789',
      i: '01:30:00',
    });
  });

  it('matches DuckDB text for infinities, BC dates and the other text-shaped types', async () => {
    await wh.run("CREATE TYPE mood AS ENUM ('sad', 'happy')");
    const row = (
      await wh.query(`SELECT 'infinity'::DATE AS d_inf, '-infinity'::DATE AS d_ninf, '0044-03-15 (BC)'::DATE AS bc,
        'infinity'::TIMESTAMP AS ts_inf, '-infinity'::TIMESTAMPTZ AS tz_ninf, TIMETZ '12:00:00.5+02' AS ttz,
        INTERVAL '1 year 2 months 3 days 04:05:06.000007' AS i, '123e4567-e89b-12d3-a456-426614174000'::UUID AS u,
        'happy'::mood AS e, union_value(num := 2) AS un, [1, 2, 3]::INTEGER[3] AS arr`)
    ).rows[0];
    const asText = (await wh.query(`SELECT 'infinity'::DATE::VARCHAR AS d, '0044-03-15 (BC)'::DATE::VARCHAR AS bc`)).rows[0];
    expect(row).toEqual({
      d_inf: asText?.['d'],
      d_ninf: '-infinity',
      bc: asText?.['bc'],
      ts_inf: 'infinity',
      tz_ninf: '-infinity',
      ttz: '12:00:00.5+02',
      i: '1 year 2 months 3 days 04:05:06.000007',
      u: '123e4567-e89b-12d3-a456-426614174000',
      e: 'happy',
      un: { tag: 'num', value: 2 },
      arr: [1, 2, 3],
    });
  });

  it('round-trips a timestamp with microseconds through a table and a bound string parameter', async () => {
    await wh.run('CREATE TABLE events (happened_at TIMESTAMP)');
    await wh.run('INSERT INTO events VALUES ($1::TIMESTAMP)', ['2025-12-31 23:59:59.999999']);
    expect(await one('SELECT happened_at AS v FROM events')).toBe('2025-12-31 23:59:59.999999');
  });

  it('binds a JavaScript Date as an instant', async () => {
    expect(await one('SELECT $1::TIMESTAMPTZ AS v', [new Date('2024-01-02T03:04:05.678Z')])).toBe(
      '2024-01-02 03:04:05.678+00',
    );
  });

  it('gives INTEGER and DOUBLE as number, BOOLEAN as boolean, BLOB as bytes', async () => {
    const row = (await wh.query(`SELECT 42::INTEGER AS i, 0.1::DOUBLE AS d, true AS b, '\\xAA\\x00'::BLOB AS blob`))
      .rows[0];
    expect(row?.['i']).toBe(42);
    expect(row?.['d']).toBe(0.1);
    expect(row?.['b']).toBe(true);
    expect(row?.['blob']).toEqual(new Uint8Array([0xaa, 0x00]));
  });

  it('nests lists, structs and maps with lossless leaves', async () => {
    const row = (
      await wh.query(`SELECT [1::BIGINT, NULL] AS l, {'price': 1.50::DECIMAL(6,2), 'tags': ['a']} AS s,
        MAP {'x': 1::BIGINT} AS m`)
    ).rows[0];
    expect(row?.['l']).toEqual([1n, null]);
    expect(String((row?.['s'] as Record<string, unknown>)['price'])).toBe('1.50');
    expect((row?.['s'] as Record<string, unknown>)['tags']).toEqual(['a']);
    expect(row?.['m']).toEqual([{ key: 'x', value: 1n }]);
  });

  it('binds lists, structs, blobs and nulls', async () => {
    const row = (
      await wh.query('SELECT $1 AS l, $2 AS s, $3 AS b, $4::VARCHAR AS n', [
        [1, 2],
        { a: 'x' },
        new Uint8Array([1, 2]),
        null,
      ])
    ).rows[0];
    expect(row).toEqual({ l: [1, 2], s: { a: 'x' }, b: new Uint8Array([1, 2]), n: null });
  });

  it('rejects unbindable parameters with WAREHOUSE_PARAM_INVALID', async () => {
    await expect(wh.query('SELECT $1', [undefined])).rejects.toMatchObject({ code: 'WAREHOUSE_PARAM_INVALID' });
    await expect(wh.query('SELECT $1', [new Map()])).rejects.toMatchObject({ code: 'WAREHOUSE_PARAM_INVALID' });
  });

  it('queryJson turns bigint, decimals and bytes into strings, keeps numbers', async () => {
    const result = await wh.queryJson(
      `SELECT 9007199254740993::BIGINT AS b, 1.10::DECIMAL(5,2) AS d, 7 AS n, '\\x01'::BLOB AS blob,
        [2::BIGINT] AS l, 'nan'::DOUBLE AS nan, TIMESTAMP '2024-01-01 00:00:00.5' AS ts`,
    );
    expect(result.rows[0]).toEqual({ b: '9007199254740993', d: '1.10', n: 7, blob: 'AQ==', l: ['2'], nan: 'NaN', ts: '2024-01-01 00:00:00.5' });
    expect(() => JSON.stringify(result.rows)).not.toThrow();
    expect(result.columns.map((c) => c.type)).toEqual(['BIGINT', 'DECIMAL(5,2)', 'INTEGER', 'BLOB', 'BIGINT[]', 'DOUBLE', 'TIMESTAMP']);
  });
});
