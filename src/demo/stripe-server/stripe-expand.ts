// Expansion of ids into objects for `expand[]`, as far as the stand-in knows the objects.
import type { StripeStore } from './stripe-store.js';

/** The stores expansions read from. */
export interface ExpandStores {
  charges: StripeStore;
  payment_intents: StripeStore;
}

/** Fields that may be expanded per object kind. */
const EXPANDABLE: Record<string, readonly string[]> = {
  charge: ['payment_intent', 'balance_transaction', 'customer'],
  refund: ['charge', 'payment_intent', 'balance_transaction'],
  payment_intent: ['latest_charge', 'customer'],
};

/** The expansion paths a list or retrieve request may ask for; returns the offending path when one is unsupported. */
export function checkExpand(kind: string, paths: readonly string[], list: boolean): string | undefined {
  for (const p of paths) {
    const field = list ? p.replace(/^data\./, '') : p;
    if ((list && !p.startsWith('data.')) || !EXPANDABLE[kind]!.includes(field)) return p;
  }
  return undefined;
}

function lookup(store: StripeStore, id: unknown): Record<string, unknown> | undefined {
  const text = typeof id === 'string' ? store.get(id) : undefined;
  return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
}

/** Replaces expandable id fields of `obj` by objects, in place. */
export function expandObject(obj: Record<string, unknown>, fields: readonly string[], stores: ExpandStores): void {
  for (const field of fields) {
    const value = obj[field];
    if (typeof value !== 'string') continue;
    if (field === 'charge' || field === 'latest_charge') {
      obj[field] = lookup(stores.charges, value) ?? value;
    } else if (field === 'payment_intent') {
      obj.payment_intent = lookup(stores.payment_intents, value) ?? value;
    } else if (field === 'balance_transaction') {
      const refund = obj.object === 'refund';
      obj.balance_transaction = { id: value, object: 'balance_transaction', amount: refund ? -Number(obj.amount) : obj.amount, currency: obj.currency, created: obj.created, status: 'available', type: refund ? 'refund' : 'charge', fee: refund ? 0 : Math.round(Number(obj.amount) * 0.029 + 30) };
    } else if (field === 'customer') {
      const billing = obj.billing_details as { email?: string; name?: string } | undefined;
      obj.customer = { id: value, object: 'customer', email: billing?.email ?? null, name: billing?.name ?? null, livemode: false, metadata: {} };
    }
  }
}
