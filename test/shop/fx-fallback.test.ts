// An order line converted at the seed's fallback rate (its day's fx export missing) is converted again once the
// day's rate arrives, all the way to fct_orders, and the revenue reconciliation holds after each build. The
// line's updated_at does not change, so fct_orders must pick it up by when int_order_items_enriched merged it.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { runTransformTask, type TransformTaskResult } from '../../src/transform/index.js';
import { openWarehouse } from '../../src/warehouse/index.js';
import { shopFixture, type ShopFixture } from './shop-fixture.js';

let f: ShopFixture;

beforeAll(async () => {
  f = await shopFixture(inject('pgUrl'), 'shop_fx_fallback');
  expect((await f.pipeline()).success).toBe(true);
}, 120_000);
afterAll(async () => f?.close());

async function exec(sql: string): Promise<void> {
  const wh = await openWarehouse({ type: 'duckdb', path: f.warehousePath });
  try {
    await wh.run(sql);
  } finally {
    await wh.close();
  }
}

const build = (fullRefresh: boolean): Promise<TransformTaskResult> =>
  runTransformTask('build', { projectDir: f.dir, logger: createMemoryLogger(), env: f.env, fullRefresh, writeArtifacts: false });

const notPassed = (r: TransformTaskResult): string[] => r.results.filter((x) => !['success', 'pass'].includes(x.status)).map((x) => `${x.uniqueId}: ${x.status}`);

/** Lines of fct_orders whose rate or USD amount differ from int_order_items_enriched, and lines still at a fallback rate. */
const drift = async (): Promise<{ differing: number; fallback: number }> => {
  const [row] = await f.query(`SELECT
      (SELECT count(*) FROM marts.fct_orders o JOIN intermediate.int_order_items_enriched i USING (order_item_id)
        WHERE o.fx_rate IS DISTINCT FROM i.fx_rate OR o.line_total_usd IS DISTINCT FROM i.line_total_usd) AS differing,
      (SELECT count(*) FROM intermediate.int_order_items_enriched WHERE fx_is_fallback) AS fallback`);
  return { differing: Number(row!['differing']), fallback: Number(row!['fallback']) };
};

describe('a late fx rate', () => {
  it('converts the lines of its day again, through to fct_orders', async () => {
    // The newest day with a non-USD order loses its exported rate, and the project is rebuilt from scratch.
    const [day] = await f.query(`SELECT CAST(CAST(o.created_at AS DATE) AS VARCHAR) AS d, o.currency AS c FROM raw.shop_db_orders o
      JOIN raw.exports_fx_rates fx ON fx.date = CAST(o.created_at AS DATE) AND upper(fx.quote_currency) = o.currency
      WHERE o.currency <> 'USD' ORDER BY o.created_at DESC LIMIT 1`);
    const where = `date = DATE '${String(day!['d'])}' AND upper(quote_currency) = '${String(day!['c'])}'`;
    await exec(`CREATE TABLE raw.fx_rate_held_back AS SELECT * FROM raw.exports_fx_rates WHERE ${where}`);
    await exec(`DELETE FROM raw.exports_fx_rates WHERE ${where}`);
    const rebuilt = await build(true);
    expect(notPassed(rebuilt)).toEqual([]);
    const before = await drift();
    expect(before.fallback).toBeGreaterThan(0);
    expect(before.differing).toBe(0);

    // The rate arrives; an incremental build converts those lines again, and fct_orders follows.
    await exec(`INSERT INTO raw.exports_fx_rates SELECT * FROM raw.fx_rate_held_back`);
    const next = await build(false);
    expect(notPassed(next)).toEqual([]);
    expect(await drift()).toEqual({ differing: 0, fallback: 0 });
  }, 120_000);
});
