import { Prng } from './prng.js';
import { DAY_MS } from './calendar-shape.js';
import { PAYMENT_METHODS } from './shop-reference-data.js';

/** Order statuses: pending → paid → shipped → delivered, or cancelled, or returned after delivery. */
export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

/** Statuses that can still change. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'shipped'];

/** How a payment method is paid. */
export type PaymentKind = (typeof PAYMENT_METHODS)[number]['kind'];

/** One charge attempt planned for an order. */
export interface ChargeAttempt {
  attempt: number;
  atMs: number;
  succeeded: boolean;
  failureCode: string | null;
}

/** One refund planned for an order. */
export interface PlannedRefund {
  atMs: number;
  amount: number;
  reason: 'requested_by_customer' | 'duplicate' | 'fraudulent';
}

/** The whole future of an order, fixed when it is placed (a pure function of seed, id, time and total). */
export interface OrderPlan {
  method: PaymentKind;
  transitions: { status: OrderStatus; atMs: number }[];
  charges: ChargeAttempt[];
  refunds: PlannedRefund[];
  shippedAtMs: number | null;
}

const FAILURES = ['card_declined', 'insufficient_funds', 'expired_card', 'incorrect_cvc', 'processing_error'];

/** Plans an order's lifecycle: payment attempts (~3% failed then retried), shipping, cancellations, returns, refunds. */
export function planOrder(seed: number, orderId: number, createdMs: number, total: number): OrderPlan {
  const rng = Prng.for(seed, 'plan', orderId);
  const u = rng.next();
  let acc = 0;
  let method: PaymentKind = 'card';
  for (const m of PAYMENT_METHODS) {
    acc += m.share;
    if (u < acc) {
      method = m.kind;
      break;
    }
  }
  const transitions: OrderPlan['transitions'] = [{ status: 'pending', atMs: createdMs }];
  const charges: ChargeAttempt[] = [];
  const refunds: PlannedRefund[] = [];
  const fate = rng.next();
  const hours = (a: number, b: number): number => Math.floor((a + rng.next() * (b - a)) * 3_600_000);
  if (fate < 0.012) {
    // Abandoned: half never try to pay, half fail and give up.
    if (rng.chance(0.5)) charges.push({ attempt: 1, atMs: createdMs + rng.int(20, 90) * 1000, succeeded: false, failureCode: rng.pick(FAILURES) });
    transitions.push({ status: 'cancelled', atMs: createdMs + hours(2, 72) });
    return { method, transitions, charges, refunds, shippedAtMs: null };
  }
  let paidMs = method === 'bank_transfer' ? createdMs + hours(6, 72) : createdMs + rng.int(5, 120) * 1000;
  if (method !== 'bank_transfer' && rng.chance(0.03)) {
    charges.push({ attempt: 1, atMs: paidMs, succeeded: false, failureCode: rng.pick(FAILURES) });
    paidMs += rng.int(120, 900) * 1000;
    charges.push({ attempt: 2, atMs: paidMs, succeeded: true, failureCode: null });
  } else {
    charges.push({ attempt: 1, atMs: paidMs, succeeded: true, failureCode: null });
  }
  transitions.push({ status: 'paid', atMs: paidMs });
  if (fate < 0.03) {
    const at = paidMs + hours(1, 40);
    transitions.push({ status: 'cancelled', atMs: at });
    refunds.push({ atMs: at + rng.int(60, 3600) * 1000, amount: total, reason: 'requested_by_customer' });
    return { method, transitions, charges, refunds, shippedAtMs: null };
  }
  const shippedMs = paidMs + hours(8, 72);
  const deliveredMs = shippedMs + hours(24, 160);
  transitions.push({ status: 'shipped', atMs: shippedMs }, { status: 'delivered', atMs: deliveredMs });
  if (fate < 0.055) {
    const at = deliveredMs + Math.floor((3 + rng.next() * 22) * DAY_MS);
    transitions.push({ status: 'returned', atMs: at });
    refunds.push({ atMs: at + hours(2, 48), amount: total, reason: rng.chance(0.97) ? 'requested_by_customer' : 'fraudulent' });
  } else if (fate < 0.066) {
    const share = 0.1 + rng.next() * 0.4;
    refunds.push({ atMs: deliveredMs + Math.floor((2 + rng.next() * 18) * DAY_MS), amount: Math.max(1, Math.floor(total * share)), reason: rng.chance(0.9) ? 'requested_by_customer' : 'duplicate' });
  }
  return { method, transitions, charges, refunds, shippedAtMs: shippedMs };
}

/** The status and last-change time of a planned order at time `ms`. */
export function statusAt(plan: OrderPlan, ms: number): { status: OrderStatus; updatedAtMs: number } {
  let current = plan.transitions[0]!;
  for (const t of plan.transitions) if (t.atMs <= ms) current = t;
  let updated = current.atMs;
  for (const r of plan.refunds) if (r.atMs <= ms && r.atMs > updated) updated = r.atMs;
  return { status: current.status, updatedAtMs: updated };
}

/** True when nothing in the plan happens after `ms` (the order can no longer change). */
export function planSettled(plan: OrderPlan, ms: number): boolean {
  const last = Math.max(...plan.transitions.map((t) => t.atMs), ...plan.refunds.map((r) => r.atMs), ...plan.charges.map((c) => c.atMs));
  return last <= ms;
}
