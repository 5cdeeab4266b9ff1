import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Stripe from 'stripe';
import { createMemoryLogger } from '../../src/log/index.js';
import { demoAdvance, readDemoState, type AdvanceSummary } from '../../src/demo/index.js';
import { demoFixture, type DemoFixture } from './demo-fixture.js';

let f: DemoFixture;
let summary: AdvanceSummary;
const before: Record<string, number> = {};
const FROM = '2026-11-23T00:00:00.000Z';
const TO = '2026-11-26T00:00:00.000Z';

const count = async (sql: string, params: unknown[] = []): Promise<number> => Number(((await f.db.query(sql, params)).rows[0] as { n: string }).n);

beforeAll(async () => {
  f = await demoFixture(inject('pgUrl'), 'advance');
  before.orders = await count('select count(*) as n from orders');
  before.customers = await count('select count(*) as n from customers');
  before.items = await count('select count(*) as n from order_items');
  summary = await demoAdvance(f.dir, 3, createMemoryLogger());
});
afterAll(async () => f?.close());

describe('demo advance --days 3', () => {
  it('adds the new orders it reports, all inside the three days, at ~1,600 a day × scale', async () => {
    expect(summary.newOrders).toBeGreaterThan(3 * 1600 * 0.02 * 0.7);
    expect(await count('select count(*) as n from orders')).toBe(before.orders! + summary.newOrders);
    expect(await count('select count(*) as n from orders where created_at >= $1', [FROM])).toBe(summary.newOrders);
    expect(await count('select count(*) as n from orders where created_at >= $1', [TO])).toBe(0);
    expect(await count('select count(*) as n from order_items')).toBe(before.items! + summary.newOrderItems);
  });

  it('moves open orders along their lifecycle and reports each change', async () => {
    expect(summary.updatedOrders).toBeGreaterThan(0);
    expect(await count('select count(*) as n from orders where created_at < $1 and updated_at >= $1', [FROM])).toBe(summary.updatedOrders);
  });

  it('adds, changes and soft-deletes customers as reported', async () => {
    expect(summary.newCustomers).toBeGreaterThan(0);
    expect(summary.changedCustomers).toBeGreaterThan(0);
    expect(await count('select count(*) as n from customers')).toBe(before.customers! + summary.newCustomers);
    expect(await count('select count(*) as n from customers where created_at < $1 and updated_at >= $1', [FROM])).toBe(summary.changedCustomers + summary.deletedCustomers);
    expect(await count('select count(*) as n from customers where deleted_at >= $1', [FROM])).toBe(summary.deletedCustomers);
  });

  it('keeps referential integrity and reconciled amounts', async () => {
    expect(await count('select count(*) as n from order_items i left join orders o using (order_id) where o.order_id is null')).toBe(0);
    expect(await count(`select count(*) as n from orders o join (select order_id, sum(line_total) s from order_items group by 1) i using (order_id) where i.s <> o.subtotal - o.discount`)).toBe(0);
  });

  it('serves the new charges and refunds through the Stripe API, with refunded charges updated in place', async () => {
    const state = readDemoState(f.dir);
    const stripe = new Stripe(state.stripe.apiKey, { host: '127.0.0.1', port: f.port, protocol: 'http' });
    const since = Date.parse(FROM) / 1000;
    const fresh = await stripe.charges.list({ limit: 100, created: { gte: since } }).autoPagingToArray({ limit: 10_000 });
    expect(fresh.length).toBe(summary.newCharges);
    const all = await stripe.charges.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
    expect(all.length).toBe(state.counters.charges);
    const refunds = await stripe.refunds.list({ limit: 100, created: { gte: since } }).autoPagingToArray({ limit: 10_000 });
    expect(refunds.length).toBe(summary.newRefunds);
    const byId = new Map(all.map((c) => [c.id, c]));
    for (const r of refunds) expect(byId.get(r.charge as string)!.amount_refunded).toBeGreaterThanOrEqual(r.amount);
    const intents = await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
    expect(intents.length).toBe(await count('select count(*) as n from orders'));
    // Paid orders (and orders cancelled after payment) have a succeeded intent, updated in place by advance.
    const paidOrders = new Set(all.filter((c) => c.status === 'succeeded').map((c) => c.metadata.order_id));
    expect(intents.filter((pi) => pi.status === 'succeeded').length).toBe(paidOrders.size);
    expect(paidOrders.size).toBeGreaterThanOrEqual(await count("select count(*) as n from orders where status in ('paid','shipped','delivered','returned')"));
    const orderIds = new Set(((await f.db.query('select order_id::int as id from orders')).rows as { id: number }[]).map((r) => r.id));
    for (const c of fresh) expect(orderIds.has(Number(c.metadata.order_id))).toBe(true);
  });

  it('moves the state forward and writes the marketing rows and landing files of the new days', () => {
    const state = readDemoState(f.dir);
    expect(state.asOf).toBe(TO);
    const spend = readFileSync(state.exports.files.marketingSpend!, 'utf8');
    expect(spend).toContain('2026-11-25,search');
    expect(spend).not.toContain('2026-11-26,');
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-25']) {
      expect(existsSync(join(state.landing.dir, 'events', day, `events-${day}T12.jsonl`))).toBe(true);
      expect(existsSync(join(state.landing.dir, 'shipments', `shipments-${day}.parquet`))).toBe(true);
    }
    expect(summary.landingFiles).toBe(3 * 26);
  });

  it('links purchase events to the new orders', async () => {
    const state = readDemoState(f.dir);
    const day = '2026-11-24';
    const purchases: number[] = [];
    const sessions = new Map<string, { purchaseAt?: string; last: string }>();
    for (let h = 0; h < 24; h++) {
      const file = join(state.landing.dir, 'events', day, `events-${day}T${String(h).padStart(2, '0')}.jsonl`);
      for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
        const e = JSON.parse(line) as { event_type: string; order_id: number | null; session_id: string; occurred_at: string };
        if (e.event_type === 'purchase') purchases.push(e.order_id!);
        const s = sessions.get(e.session_id) ?? { last: '' };
        if (e.event_type === 'purchase') s.purchaseAt = e.occurred_at;
        else if (e.occurred_at > s.last) s.last = e.occurred_at;
        sessions.set(e.session_id, s);
      }
    }
    expect(purchases.length).toBe(await count("select count(*) as n from orders where created_at >= '2026-11-24' and created_at < '2026-11-25'"));
    expect(await count('select count(*) as n from orders where order_id = any($1::bigint[])', [purchases])).toBe(purchases.length);
    // In a buying session the purchase comes last, at the order's creation time.
    for (const s of sessions.values()) if (s.purchaseAt) expect(s.last < s.purchaseAt).toBe(true);
    const times = (await f.db.query("select order_id::int as id, created_at from orders where created_at >= '2026-11-24' and created_at < '2026-11-25'")).rows as { id: number; created_at: Date }[];
    expect(times.length).toBeGreaterThan(0);
  });
});
