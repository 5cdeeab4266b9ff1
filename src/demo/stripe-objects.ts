// Stripe objects are written as JSON text directly (not built as objects and stringified):
// at scale 100 there are ten million charges and this is the generator's hottest path.
import { Prng, hashUnit } from './prng.js';
import { customerIdentity } from './generate-customers.js';
import { COUNTRIES, CARD_BRANDS } from './shop-reference-data.js';
import type { OrderRow } from './generate-orders.js';
import type { ChargeAttempt, PlannedRefund } from './order-lifecycle.js';

/** A Stripe object as one line of JSON, with the fields needed to order and index it. */
export interface StripeLine {
  id: string;
  created: number;
  json: string;
}

const MESSAGES: Record<string, string> = {
  card_declined: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
  expired_card: 'Your card has expired.',
  incorrect_cvc: "Your card's security code is incorrect.",
  processing_error: 'An error occurred while processing your card. Try again in a little bit.',
};
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const STREETS = ['High Street', 'Main St', 'Market Road', 'Rue Lafayette', 'Hauptstraße', 'Canal Street'];

/** Stable Stripe-style id such as `ch_3Q…` (24 characters after the prefix) for a kind and key. */
export function stripeId(seed: number, prefix: string, ...key: (string | number)[]): string {
  let out = `${prefix}_3`;
  for (let part = 0; part < 4; part++) {
    let x = Math.floor(hashUnit(seed, prefix, part, ...key) * 4294967296);
    for (let i = 0; i < 6 && out.length < prefix.length + 25; i++) {
      out += ALPHABET[x % 62];
      x = Math.floor(x / 62);
    }
  }
  return out;
}

const q = (s: string | null): string => (s === null ? 'null' : JSON.stringify(s));

function methodDetailsJson(seed: number, order: OrderRow): string {
  const rng = Prng.for(seed, 'pm', order.customerId);
  const last4 = String(rng.int(0, 9999)).padStart(4, '0');
  const fingerprint = rng.token(16);
  const kind = order.plan.method;
  if (kind === 'bank_transfer') {
    if (order.currency === 'EUR') return `{"sepa_debit":{"bank_code":"${rng.int(10000000, 99999999)}","country":"${order.country}","fingerprint":"${fingerprint}","last4":"${last4}","mandate":"mandate_${rng.token(20)}"},"type":"sepa_debit"}`;
    if (order.currency === 'GBP') return `{"bacs_debit":{"fingerprint":"${fingerprint}","last4":"${last4}","mandate":"mandate_${rng.token(20)}","sort_code":"${rng.int(10, 99)}${rng.int(10, 99)}${rng.int(10, 99)}"},"type":"bacs_debit"}`;
    return `{"type":"us_bank_account","us_bank_account":{"account_holder_type":"individual","account_type":"checking","bank_name":"STRIPE TEST BANK","fingerprint":"${fingerprint}","last4":"${last4}","routing_number":"110000000"}}`;
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
  const wallet = kind === 'apple_pay' || kind === 'google_pay' ? `{"${kind}":{},"dynamic_last4":"${rng.int(1000, 9999)}","type":"${kind}"}` : 'null';
  const expMonth = rng.int(1, 12);
  const expYear = 2027 + rng.int(0, 5);
  const funding = rng.chance(0.8) ? 'credit' : 'debit';
  return `{"card":{"amount_authorized":null,"brand":"${brand}","checks":{"address_line1_check":"pass","address_postal_code_check":"pass","cvc_check":${wallet === 'null' ? '"pass"' : 'null'}},"country":"${order.country}","exp_month":${expMonth},"exp_year":${expYear},"fingerprint":"${fingerprint}","funding":"${funding}","last4":"${last4}","network":"${brand}","three_d_secure":null,"wallet":${wallet}},"type":"card"}`;
}

/** The charge of one attempt as of a time, including refunds made by then (Stripe API shape). */
export function buildCharge(seed: number, order: OrderRow, attempt: ChargeAttempt, refundedAmount: number): StripeLine {
  const who = customerIdentity(seed, order.customerId);
  const country = COUNTRIES.find((c) => c.code === order.country)!;
  const rng = Prng.for(seed, 'addr', order.customerId);
  const city = rng.pick(country.cities);
  const line1 = `${rng.int(1, 300)} ${rng.pick(STREETS)}`;
  const postal = String(rng.int(10000, 99999));
  const riskScore = attempt.succeeded ? rng.int(2, 60) : rng.int(40, 90);
  const id = stripeId(seed, 'ch', order.orderId, attempt.attempt);
  const created = Math.floor(attempt.atMs / 1000);
  const ok = attempt.succeeded;
  const failure = attempt.failureCode;
  const outcome = ok
    ? `{"network_status":"approved_by_network","reason":null,"risk_level":"${riskScore > 65 ? 'elevated' : 'normal'}","risk_score":${riskScore},"seller_message":"Payment complete.","type":"authorized"}`
    : `{"network_status":"declined_by_network","reason":${q(failure === 'card_declined' ? 'generic_decline' : failure)},"risk_level":"normal","risk_score":${riskScore},"seller_message":"The bank did not return any further details with this decline.","type":"issuer_declined"}`;
  const name = q(`${who.firstName} ${who.lastName}`);
  const json =
    `{"id":"${id}","object":"charge","amount":${order.total},"amount_captured":${ok ? order.total : 0},"amount_refunded":${refundedAmount},` +
    `"application":null,"application_fee":null,"application_fee_amount":null,"balance_transaction":${ok ? `"${stripeId(seed, 'txn', order.orderId, attempt.attempt)}"` : 'null'},` +
    `"billing_details":{"address":{"city":${q(city)},"country":"${country.code}","line1":${q(line1)},"line2":null,"postal_code":"${postal}","state":null},"email":${q(who.email)},"name":${name},"phone":null},` +
    `"calculated_statement_descriptor":"MERCATOR SHOP","captured":${ok},"created":${created},"currency":"${order.currency.toLowerCase()}","customer":"${stripeId(seed, 'cus', order.customerId)}",` +
    `"description":"Order ${order.orderId}","disputed":false,"failure_balance_transaction":null,"failure_code":${q(failure)},"failure_message":${failure ? q(MESSAGES[failure] ?? 'Your card was declined.') : 'null'},` +
    `"fraud_details":{},"livemode":false,"metadata":{"customer_id":"${order.customerId}","order_id":"${order.orderId}"},"on_behalf_of":null,"outcome":${outcome},` +
    `"paid":${ok},"payment_intent":"${stripeId(seed, 'pi', order.orderId)}","payment_method":"${stripeId(seed, 'pm', order.customerId)}","payment_method_details":${methodDetailsJson(seed, order)},` +
    `"receipt_email":${q(who.email)},"receipt_url":null,"refunded":${refundedAmount >= order.total && refundedAmount > 0},"review":null,"shipping":null,` +
    `"statement_descriptor":null,"statement_descriptor_suffix":null,"status":"${ok ? 'succeeded' : 'failed'}","transfer_data":null,"transfer_group":null}`;
  return { id, created, json };
}

/** The refund of a planned refund against the order's successful charge (Stripe API shape). */
export function buildRefund(seed: number, order: OrderRow, index: number, refund: PlannedRefund): StripeLine {
  const paid = order.plan.charges.find((c) => c.succeeded)!;
  const id = stripeId(seed, 're', order.orderId, index);
  const created = Math.floor(refund.atMs / 1000);
  const json =
    `{"id":"${id}","object":"refund","amount":${refund.amount},"balance_transaction":"${stripeId(seed, 'txn', order.orderId, `r${index}`)}","charge":"${stripeId(seed, 'ch', order.orderId, paid.attempt)}",` +
    `"created":${created},"currency":"${order.currency.toLowerCase()}","destination_details":{"card":{"reference_status":"available","reference_type":"acquirer_reference_number","type":"refund"},"type":"card"},` +
    `"metadata":{"order_id":"${order.orderId}"},"payment_intent":"${stripeId(seed, 'pi', order.orderId)}","reason":"${refund.reason}","receipt_number":null,"source_transfer_reversal":null,"status":"succeeded","transfer_reversal":null}`;
  return { id, created, json };
}

/** Sum of refunds of an order made at or before `ms`. */
export function refundedBy(order: OrderRow, ms: number): number {
  let sum = 0;
  for (const r of order.plan.refunds) if (r.atMs <= ms) sum += r.amount;
  return sum;
}

/** The payment intent of an order as of `ms` (one per order; its charges are the payment attempts). */
export function buildPaymentIntent(seed: number, order: OrderRow, ms: number): StripeLine {
  const id = stripeId(seed, 'pi', order.orderId);
  const created = Math.floor(order.createdAtMs / 1000);
  const attempts = order.plan.charges.filter((c) => c.atMs <= ms);
  const latest = attempts[attempts.length - 1];
  const paid = attempts.find((c) => c.succeeded);
  const cancel = order.plan.transitions.find((t) => t.status === 'cancelled' && t.atMs <= ms);
  let status = order.plan.method === 'bank_transfer' ? 'processing' : 'requires_payment_method';
  if (paid) status = 'succeeded';
  else if (cancel) status = 'canceled';
  const failed = !paid && latest && !latest.succeeded ? latest : undefined;
  const lastError = failed
    ? `{"charge":"${stripeId(seed, 'ch', order.orderId, failed.attempt)}","code":"${failed.failureCode}","message":${q(MESSAGES[failed.failureCode ?? ''] ?? 'Your card was declined.')},"type":"card_error"}`
    : 'null';
  const types = order.plan.method === 'bank_transfer' ? (order.currency === 'EUR' ? '["sepa_debit"]' : order.currency === 'GBP' ? '["bacs_debit"]' : '["us_bank_account"]') : '["card"]';
  const json =
    `{"id":"${id}","object":"payment_intent","amount":${order.total},"amount_capturable":0,"amount_received":${paid ? order.total : 0},"canceled_at":${cancel && !paid ? Math.floor(cancel.atMs / 1000) : 'null'},` +
    `"cancellation_reason":${cancel && !paid ? '"abandoned"' : 'null'},"capture_method":"automatic","client_secret":null,"confirmation_method":"automatic","created":${created},"currency":"${order.currency.toLowerCase()}",` +
    `"customer":"${stripeId(seed, 'cus', order.customerId)}","description":"Order ${order.orderId}","last_payment_error":${lastError},"latest_charge":${latest ? `"${stripeId(seed, 'ch', order.orderId, latest.attempt)}"` : 'null'},` +
    `"livemode":false,"metadata":{"customer_id":"${order.customerId}","order_id":"${order.orderId}"},"payment_method":${latest ? `"${stripeId(seed, 'pm', order.customerId)}"` : 'null'},"payment_method_types":${types},` +
    `"receipt_email":null,"status":"${status}"}`;
  return { id, created, json };
}

/** True when the payment intent of an order changes in (fromMs, toMs]: a payment attempt or a cancellation. */
export function paymentIntentChanges(order: OrderRow, fromMs: number, toMs: number): boolean {
  const inWindow = (ms: number): boolean => ms > fromMs && ms <= toMs;
  return order.plan.charges.some((c) => inWindow(c.atMs)) || order.plan.transitions.some((t) => t.status === 'cancelled' && inWindow(t.atMs));
}
