import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Stripe from 'stripe';
import { demoFixture, type DemoFixture } from './demo-fixture.js';

let f: DemoFixture;
let stripe: Stripe;
let charges: Stripe.Charge[];
let refunds: Stripe.Refund[];

beforeAll(async () => {
  f = await demoFixture(inject('pgUrl'), 'integrity');
  stripe = new Stripe(f.state.stripe.apiKey, { host: '127.0.0.1', port: f.port, protocol: 'http' });
  charges = await stripe.charges.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
  refunds = await stripe.refunds.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
});
afterAll(async () => f?.close());

const one = async (sql: string): Promise<Record<string, string>> => (await f.db.query(sql)).rows[0] as Record<string, string>;

describe('demo shop: referential integrity across PostgreSQL and Stripe', () => {
  it('loads the OLTP tables with keys and foreign keys', async () => {
    expect(await one('select count(*)::int as n from orders')).toEqual({ n: 2000 });
    expect(await one('select count(*)::int as n from customers')).toEqual({ n: 1000 });
    const fks = await f.db.query("select conname from pg_constraint where contype = 'f' order by 1");
    expect(fks.rows.map((r: { conname: string }) => r.conname)).toEqual(['order_items_order_fk', 'order_items_product_fk', 'orders_customer_fk']);
  });

  it('every item references an order and a product; every order has items', async () => {
    expect(await one('select count(*)::int as n from order_items i left join orders o using (order_id) left join products p using (product_id) where o.order_id is null or p.product_id is null')).toEqual({ n: 0 });
    expect(await one('select count(*)::int as n from orders o where not exists (select 1 from order_items i where i.order_id = o.order_id)')).toEqual({ n: 0 });
  });

  it('order amounts reconcile: items sum to subtotal - discount; total = subtotal - discount + shipping + tax', async () => {
    expect(await one(`select count(*)::int as n from orders o join (select order_id, sum(line_total) s, sum(discount) d, sum(unit_price * quantity) g from order_items group by 1) i using (order_id)
      where i.s <> o.subtotal - o.discount or i.d <> o.discount or i.g <> o.subtotal or o.total <> o.subtotal - o.discount + o.shipping + o.tax`)).toEqual({ n: 0 });
  });

  it('the official stripe client pages through every charge and refund (auto-pagination)', () => {
    expect(charges.length).toBe(f.state.counters.charges);
    expect(refunds.length).toBe(f.state.counters.refunds);
    expect(new Set(charges.map((c) => c.id)).size).toBe(charges.length);
    for (let i = 1; i < charges.length; i++) expect(charges[i - 1]!.created).toBeGreaterThanOrEqual(charges[i]!.created);
  });

  it('every Stripe charge belongs to an order and a succeeded charge equals the order total', async () => {
    const rows = (await f.db.query('select order_id::int as id, (total * 100)::int as cents, lower(currency) as currency, customer_id::int as customer from orders')).rows as { id: number; cents: number; currency: string; customer: number }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const c of charges) {
      const order = byId.get(Number(c.metadata.order_id));
      expect(order, c.id).toBeDefined();
      expect(c.amount).toBe(order!.cents);
      expect(c.currency).toBe(order!.currency);
      expect(Number(c.metadata.customer_id)).toBe(order!.customer);
    }
    const paidStatuses = (await f.db.query("select order_id::int as id from orders where status in ('paid','shipped','delivered','returned')")).rows as { id: number }[];
    const succeeded = new Set(charges.filter((c) => c.status === 'succeeded').map((c) => Number(c.metadata.order_id)));
    for (const r of paidStatuses) expect(succeeded.has(r.id), `order ${r.id}`).toBe(true);
  });

  it('refunds never exceed their charge, and charges carry the refunded amount', () => {
    const byCharge = new Map<string, number>();
    for (const r of refunds) byCharge.set(r.charge as string, (byCharge.get(r.charge as string) ?? 0) + r.amount);
    const chargeById = new Map(charges.map((c) => [c.id, c]));
    for (const [id, amount] of byCharge) {
      const charge = chargeById.get(id)!;
      expect(charge.status).toBe('succeeded');
      expect(amount).toBeLessThanOrEqual(charge.amount);
      expect(charge.amount_refunded).toBe(amount);
    }
  });

  it('every order has one payment intent whose status matches the order', async () => {
    const intents = await stripe.paymentIntents.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 });
    const rows = (await f.db.query('select order_id::int as id, status from orders')).rows as { id: number; status: string }[];
    expect(intents.length).toBe(rows.length);
    const byOrder = new Map(intents.map((pi) => [Number(pi.metadata.order_id), pi]));
    for (const r of rows) {
      const pi = byOrder.get(r.id)!;
      if (['paid', 'shipped', 'delivered', 'returned'].includes(r.status)) expect(pi.status, `order ${r.id}`).toBe('succeeded');
      if (pi.status === 'succeeded') expect(charges.find((c) => c.id === pi.latest_charge)?.status).toBe('succeeded');
    }
  });

  it('returned orders are fully refunded', async () => {
    const returned = (await f.db.query("select order_id::int as id, (total*100)::int as cents from orders where status = 'returned'")).rows as { id: number; cents: number }[];
    const refunded = new Map<number, number>();
    for (const r of refunds) refunded.set(Number(r.metadata!.order_id), (refunded.get(Number(r.metadata!.order_id)) ?? 0) + r.amount);
    for (const r of returned) expect(refunded.get(r.id), `order ${r.id}`).toBe(r.cents);
  });
});
