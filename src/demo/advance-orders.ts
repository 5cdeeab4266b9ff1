import pg from 'pg';
import { planOrder, statusAt, planSettled } from './order-lifecycle.js';
import { buildCharge, buildPaymentIntent, buildRefund, paymentIntentChanges, refundedBy, type StripeLine } from './stripe-objects.js';
import type { OrderRow } from './generate-orders.js';
import type { Currency } from './shop-reference-data.js';

/** A status change of an existing order. */
export interface OrderUpdate {
  orderId: number;
  status: string;
  updatedAtMs: number;
}

/** Orders that can still change (open, or delivered recently enough to be returned or refunded), re-planned from their seed. */
export async function loadOpenOrders(db: pg.Client, seed: number, asOfMs: number): Promise<OrderRow[]> {
  const since = new Date(asOfMs - 60 * 86_400_000).toISOString();
  const res = await db.query(
    `select order_id::float8 as id, customer_id::float8 as customer, status, currency, country, (total * 100)::float8 as total, (extract(epoch from created_at) * 1000)::float8 as created
       from orders where status in ('pending','paid','shipped') or (status = 'delivered' and created_at >= $1) order by order_id`,
    [since],
  );
  const orders: OrderRow[] = [];
  for (const r of res.rows as { id: number; customer: number; status: string; currency: string; country: string; total: number; created: number }[]) {
    const created = Math.round(r.created);
    const plan = planOrder(seed, r.id, created, Math.round(r.total));
    if (planSettled(plan, asOfMs)) continue;
    const now = statusAt(plan, asOfMs);
    orders.push({ orderId: r.id, customerId: r.customer, status: now.status, currency: r.currency as Currency, country: r.country.trim(), subtotal: 0, discount: 0, shipping: 0, tax: 0, total: Math.round(r.total), createdAtMs: created, updatedAtMs: now.updatedAtMs, items: [], plan });
  }
  return orders;
}

/** What happens to an order in (fromMs, toMs]: its status change, and the charges and refunds (with the updated charge) created then. */
export function orderEvents(seed: number, order: OrderRow, fromMs: number, toMs: number): { update?: OrderUpdate; charges: StripeLine[]; updatedCharges: StripeLine[]; refunds: StripeLine[]; paymentIntent?: StripeLine } {
  const before = statusAt(order.plan, fromMs);
  const after = statusAt(order.plan, toMs);
  const charges: StripeLine[] = [];
  const refunds: StripeLine[] = [];
  const updatedCharges: StripeLine[] = [];
  const refunded = refundedBy(order, toMs);
  for (const attempt of order.plan.charges) {
    if (attempt.atMs > fromMs && attempt.atMs <= toMs) charges.push(buildCharge(seed, order, attempt, attempt.succeeded ? refunded : 0));
  }
  let refundedNow = false;
  order.plan.refunds.forEach((r, i) => {
    if (r.atMs > fromMs && r.atMs <= toMs) {
      refunds.push(buildRefund(seed, order, i, r));
      refundedNow = true;
    }
  });
  const paid = order.plan.charges.find((c) => c.succeeded);
  // A refund changes amount_refunded of a charge created earlier: append its new version.
  if (refundedNow && paid && paid.atMs <= fromMs) updatedCharges.push(buildCharge(seed, order, paid, refunded));
  const changed = before.status !== after.status || before.updatedAtMs !== after.updatedAtMs;
  return { ...(changed ? { update: { orderId: order.orderId, status: after.status, updatedAtMs: after.updatedAtMs } } : {}), ...(paymentIntentChanges(order, fromMs, toMs) ? { paymentIntent: buildPaymentIntent(seed, order, toMs) } : {}), charges, updatedCharges, refunds };
}
