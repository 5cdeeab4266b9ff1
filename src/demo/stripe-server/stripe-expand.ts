// Expansion of ids into objects for `expand[]`, as far as the stand-in knows the objects.
import type { StripeStore } from './stripe-store.js';

/** Fields that may be expanded per object kind. */
const EXPANDABLE: Record<string, readonly string[]> = {
  charge: ['payment_intent', 'balance_transaction', 'customer'],
  refund: ['charge', 'payment_intent', 'balance_transaction'],
};

/** The expansion paths a list or retrieve request may ask for; returns the offending path when one is unsupported. */
export function checkExpand(kind: string, paths: readonly string[], list: boolean): string | undefined {
  for (const p of paths) {
    const field = list ? p.replace(/^data\./, '') : p;
    if ((list && !p.startsWith('data.')) || !EXPANDABLE[kind]!.includes(field)) return p;
  }
  return undefined;
}

function paymentIntentFor(charge: Record<string, unknown>): Record<string, unknown> {
  return {
    id: charge.payment_intent,
    object: 'payment_intent',
    amount: charge.amount,
    amount_received: charge.status === 'succeeded' ? charge.amount : 0,
    created: charge.created,
    currency: charge.currency,
    customer: charge.customer,
    latest_charge: charge.id,
    livemode: false,
    metadata: charge.metadata,
    payment_method: charge.payment_method,
    payment_method_types: ['card'],
    status: charge.status === 'succeeded' ? 'succeeded' : 'requires_payment_method',
  };
}

/** Replaces expandable id fields of `obj` by objects, in place. */
export function expandObject(obj: Record<string, unknown>, fields: readonly string[], charges: StripeStore): void {
  for (const field of fields) {
    const value = obj[field];
    if (typeof value !== 'string') continue;
    if (field === 'charge') {
      const text = charges.get(value);
      if (text) obj.charge = JSON.parse(text) as unknown;
    } else if (field === 'payment_intent') {
      const charge = obj.object === 'charge' ? obj : (() => {
        const text = typeof obj.charge === 'string' ? charges.get(obj.charge) : undefined;
        return text ? (JSON.parse(text) as Record<string, unknown>) : (obj.charge as Record<string, unknown> | undefined);
      })();
      if (charge) obj.payment_intent = paymentIntentFor(charge);
    } else if (field === 'balance_transaction') {
      obj.balance_transaction = { id: value, object: 'balance_transaction', amount: obj.object === 'refund' ? -Number(obj.amount) : obj.amount, currency: obj.currency, created: obj.created, status: 'available', type: obj.object === 'refund' ? 'refund' : 'charge', fee: obj.object === 'refund' ? 0 : Math.round(Number(obj.amount) * 0.029 + 30) };
    } else if (field === 'customer') {
      const billing = obj.billing_details as { email?: string; name?: string } | undefined;
      obj.customer = { id: value, object: 'customer', email: billing?.email ?? null, name: billing?.name ?? null, livemode: false, metadata: {} };
    }
  }
}
