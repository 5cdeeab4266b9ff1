import { Prng } from './prng.js';
import { customerIdentity } from './generate-customers.js';
import { COUNTRIES, CARD_BRANDS } from './shop-reference-data.js';
import type { OrderRow } from './generate-orders.js';
import type { ChargeAttempt, PlannedRefund } from './order-lifecycle.js';

/** A Stripe object as JSON (charge, refund, payment intent). */
export type StripeObject = Record<string, unknown> & { id: string; object: string; created: number };

const MESSAGES: Record<string, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
};

/** Stable Stripe-style id such as `ch_3Q…` for a kind and key. */
export function stripeId(seed: number, prefix: string, ...key: (string | number)[]): string {
  return `${prefix}_3${Prng.for(seed, prefix, ...key).token(23)}`;
}

function methodDetails(seed: number, order: OrderRow): { payment_method_details: Record<string, unknown> } {
  const rng = Prng.for(seed, 'pm', order.customerId);
  const last4 = String(rng.int(0, 9999)).padStart(4, '0');
  const fingerprint = rng.token(16);
  const kind = order.plan.method;
  if (kind === 'bank_transfer') {
    if (order.currency === 'EUR') return { payment_method_details: { type: 'sepa_debit', sepa_debit: { bank_code: String(rng.int(10000000, 99999999)), country: order.country, fingerprint, last4, mandate: `mandate_${rng.token(20)}` } } };
    if (order.currency === 'GBP') return { payment_method_details: { type: 'bacs_debit', bacs_debit: { fingerprint, last4, mandate: `mandate_${rng.token(20)}`, sort_code: `${rng.int(10, 99)}${rng.int(10, 99)}${rng.int(10, 99)}` } } };
    return { payment_method_details: { type: 'us_bank_account', us_bank_account: { account_holder_type: 'individual', account_type: 'checking', bank_name: 'STRIPE TEST BANK', fingerprint, last4, routing_number: '110000000' } } };
  }
  const u = rng.next();
  let acc = 0;
  let brand = 'visa';
  for (const b of CARD_BRANDS) {
    acc += b.share;
    if (u < acc) {
      brand = b.brand;
      break;
    }
  }
  const wallet = kind === 'apple_pay' || kind === 'google_pay' ? { type: kind, dynamic_last4: String(rng.int(1000, 9999)), [kind]: {} } : null;
  return {
    payment_method_details: {
      type: 'card',
      card: {
        amount_authorized: null,
        brand,
        checks: { address_line1_check: 'pass', address_postal_code_check: 'pass', cvc_check: wallet ? null : 'pass' },
        country: order.country,
        exp_month: rng.int(1, 12),
        exp_year: 2027 + rng.int(0, 5),
        fingerprint,
        funding: rng.chance(0.8) ? 'credit' : 'debit',
        last4,
        network: brand,
        three_d_secure: null,
        wallet,
      },
    },
  };
}

/** The charge object of one attempt as of a time, including refunds made by then. */
export function buildCharge(seed: number, order: OrderRow, attempt: ChargeAttempt, refundedAmount: number): StripeObject {
  const who = customerIdentity(seed, order.customerId);
  const country = COUNTRIES.find((c) => c.code === order.country)!;
  const rng = Prng.for(seed, 'addr', order.customerId);
  const riskScore = attempt.succeeded ? rng.int(2, 60) : rng.int(40, 90);
  const id = stripeId(seed, 'ch', order.orderId, attempt.attempt);
  return {
    id,
    object: 'charge',
    amount: order.total,
    amount_captured: attempt.succeeded ? order.total : 0,
    amount_refunded: refundedAmount,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: attempt.succeeded ? stripeId(seed, 'txn', order.orderId, attempt.attempt) : null,
    billing_details: {
      address: { city: rng.pick(country.cities), country: country.code, line1: `${rng.int(1, 300)} ${rng.pick(['High Street', 'Main St', 'Market Road', 'Rue Lafayette', 'Hauptstraße', 'Canal Street'])}`, line2: null, postal_code: String(rng.int(10000, 99999)), state: null },
      email: who.email,
      name: `${who.firstName} ${who.lastName}`,
      phone: null,
    },
    calculated_statement_descriptor: 'MERCATOR SHOP',
    captured: attempt.succeeded,
    created: Math.floor(attempt.atMs / 1000),
    currency: order.currency.toLowerCase(),
    customer: stripeId(seed, 'cus', order.customerId),
    description: `Order ${order.orderId}`,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: attempt.failureCode,
    failure_message: attempt.failureCode ? MESSAGES[attempt.failureCode] ?? 'Your card was declined.' : null,
    fraud_details: {},
    livemode: false,
    metadata: { order_id: String(order.orderId), customer_id: String(order.customerId) },
    on_behalf_of: null,
    outcome: attempt.succeeded
      ? { network_status: 'approved_by_network', reason: null, risk_level: riskScore > 65 ? 'elevated' : 'normal', risk_score: riskScore, seller_message: 'Payment complete.', type: 'authorized' }
      : { network_status: 'declined_by_network', reason: attempt.failureCode === 'card_declined' ? 'generic_decline' : attempt.failureCode, risk_level: 'normal', risk_score: riskScore, seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' },
    paid: attempt.succeeded,
    payment_intent: stripeId(seed, 'pi', order.orderId),
    payment_method: stripeId(seed, 'pm', order.customerId),
    ...methodDetails(seed, order),
    receipt_email: who.email,
    receipt_url: null,
    refunded: refundedAmount >= order.total && refundedAmount > 0,
    review: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: attempt.succeeded ? 'succeeded' : 'failed',
    transfer_data: null,
    transfer_group: null,
  };
}

/** The refund object of a planned refund against the order's successful charge. */
export function buildRefund(seed: number, order: OrderRow, index: number, refund: PlannedRefund): StripeObject {
  const paid = order.plan.charges.find((c) => c.succeeded)!;
  return {
    id: stripeId(seed, 're', order.orderId, index),
    object: 'refund',
    amount: refund.amount,
    balance_transaction: stripeId(seed, 'txn', order.orderId, `r${index}`),
    charge: stripeId(seed, 'ch', order.orderId, paid.attempt),
    created: Math.floor(refund.atMs / 1000),
    currency: order.currency.toLowerCase(),
    destination_details: { type: 'card', card: { reference_status: 'available', reference_type: 'acquirer_reference_number', type: 'refund' } },
    metadata: { order_id: String(order.orderId) },
    payment_intent: stripeId(seed, 'pi', order.orderId),
    reason: refund.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
}

/** Sum of refunds of an order made at or before `ms`. */
export function refundedBy(order: OrderRow, ms: number): number {
  return order.plan.refunds.filter((r) => r.atMs <= ms).reduce((a, r) => a + r.amount, 0);
}
