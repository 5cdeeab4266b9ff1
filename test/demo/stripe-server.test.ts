import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { createStripeServer, fileSink, generateShop, HashSink, listenStripeServer, type StripeFaults } from '../../src/demo/index.js';

const KEY = 'sk_test_unit';
const dir = mkdtempSync(join(tmpdir(), 'stripe-standin-'));
const servers: Server[] = [];
let lines: { id: string; created: number }[];

async function serve(faults?: Partial<StripeFaults>): Promise<{ url: string; port: number }> {
  const full = faults ? { rateLimited: 0, serverErrors: 0, slow: 0, slowMs: 50, dropped: 0, ...faults } : undefined;
  const server = createStripeServer({ dataDir: dir, apiKey: KEY, faults: full, seed: 1 });
  servers.push(server);
  return listenStripeServer(server);
}

const client = (port: number, extra: Partial<Stripe.StripeConfig> = {}): Stripe => new Stripe(KEY, { host: '127.0.0.1', port, protocol: 'http', ...extra });

beforeAll(async () => {
  const charges = fileSink(join(dir, 'charges.jsonl'));
  const refunds = fileSink(join(dir, 'refunds.jsonl'));
  const paymentIntents = fileSink(join(dir, 'payment_intents.jsonl'));
  const s = new HashSink();
  await generateShop({ seed: 9, scale: 0.01, asOfMs: Date.UTC(2026, 10, 23) }, { products: s, customers: s, orders: s, orderItems: s, charges, refunds, paymentIntents });
  await Promise.all([charges.end(), refunds.end(), paymentIntents.end()]);
  lines = readFileSync(join(dir, 'charges.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; created: number });
});
afterAll(() => {
  for (const s of servers) {
    s.close();
    s.closeAllConnections();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('Stripe stand-in: list semantics', () => {
  it('lists newest first with has_more, and starting_after / ending_before move through the list', async () => {
    const { port } = await serve();
    const stripe = client(port);
    const first = await stripe.charges.list({ limit: 3 });
    const newest = [...lines].sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    expect(first.data.map((c) => c.id)).toEqual(newest.slice(0, 3).map((c) => c.id));
    expect(first.has_more).toBe(true);
    const second = await stripe.charges.list({ limit: 3, starting_after: first.data[2]!.id });
    expect(second.data.map((c) => c.id)).toEqual(newest.slice(3, 6).map((c) => c.id));
    const back = await stripe.charges.list({ limit: 2, ending_before: second.data[0]!.id });
    expect(back.data.map((c) => c.id)).toEqual(newest.slice(1, 3).map((c) => c.id));
    expect(back.has_more).toBe(true);
  });

  it('filters by created[gte|lte|gt|lt] and auto-paginates a window exactly', async () => {
    const { port } = await serve();
    const stripe = client(port);
    const sorted = lines.map((l) => l.created).sort((a, b) => a - b);
    const lo = sorted[Math.floor(sorted.length / 3)]!;
    const hi = sorted[Math.floor((2 * sorted.length) / 3)]!;
    const got = await stripe.charges.list({ limit: 7, created: { gte: lo, lt: hi } }).autoPagingToArray({ limit: 10_000 });
    expect(got.length).toBe(lines.filter((l) => l.created >= lo && l.created < hi).length);
    const gtLte = await stripe.charges.list({ limit: 100, created: { gt: lo, lte: hi } }).autoPagingToArray({ limit: 10_000 });
    expect(gtLte.length).toBe(lines.filter((l) => l.created > lo && l.created <= hi).length);
  });

  it('retrieves one object and expands payment_intent, and a refund charge', async () => {
    const { port } = await serve();
    const stripe = client(port);
    const charge = await stripe.charges.retrieve(lines[0]!.id, { expand: ['payment_intent'] });
    expect(charge.id).toBe(lines[0]!.id);
    expect((charge.payment_intent as Stripe.PaymentIntent).object).toBe('payment_intent');
    expect(charge.billing_details.address?.country).toMatch(/^[A-Z]{2}$/);
    expect(charge.payment_method_details?.type).toBeDefined();
    expect(charge.outcome?.type).toBeDefined();
    expect((charge.payment_intent as Stripe.PaymentIntent).latest_charge).toBe(charge.id === lines[0]!.id ? (charge.payment_intent as Stripe.PaymentIntent).latest_charge : '');
    const refunds = await stripe.refunds.list({ limit: 2, expand: ['data.charge'] });
    expect((refunds.data[0]!.charge as Stripe.Charge).object).toBe('charge');
    const intents = await stripe.paymentIntents.list({ limit: 5, expand: ['data.latest_charge'] });
    expect(intents.data.length).toBe(5);
    for (const pi of intents.data) if (pi.latest_charge) expect((pi.latest_charge as Stripe.Charge).payment_intent).toBe(pi.id);
  });
});

describe('Stripe stand-in: errors and headers as Stripe sends them', () => {
  it('answers a wrong key with 401 and an authentication error', async () => {
    const { port } = await serve();
    await expect(new Stripe('sk_test_wrong', { host: '127.0.0.1', port, protocol: 'http' }).charges.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('answers an unknown id with 404 resource_missing and a bad limit with 400', async () => {
    const { url, port } = await serve();
    const err = await client(port).charges.retrieve('ch_nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((err as Stripe.errors.StripeError).code).toBe('resource_missing');
    expect((err as Stripe.errors.StripeError).statusCode).toBe(404);
    const res = await fetch(`${url}/v1/charges?limit=101`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(400);
    expect(res.headers.get('request-id')).toMatch(/^req_/);
    const body = (await res.json()) as { error: { type: string; param: string } };
    expect(body.error).toMatchObject({ type: 'invalid_request_error', param: 'limit' });
  });

  it('surfaces a plain 429 to the caller as StripeRateLimitError, with Retry-After', async () => {
    const { url, port } = await serve({ rateLimited: 1 });
    const res = await fetch(`${url}/v1/charges`, { headers: { Authorization: `Bearer ${KEY}` } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('stripe-should-retry')).toBeNull();
    await expect(client(port, { maxNetworkRetries: 2 }).charges.list()).rejects.toBeInstanceOf(Stripe.errors.StripeRateLimitError);
  });

  it('lets the official client retry 500s (Stripe-Should-Retry: true) and dropped connections until it succeeds', async () => {
    const { port } = await serve({ serverErrors: 0.3, dropped: 0.1, slow: 0.2 });
    const stripe = client(port, { maxNetworkRetries: 8 });
    const all = await stripe.refunds.list({ limit: 20 }).autoPagingToArray({ limit: 10_000 });
    expect(all.length).toBe(readFileSync(join(dir, 'refunds.jsonl'), 'utf8').trim().split('\n').length);
  });

  it('reaches the caller as StripeAPIError when retries run out', async () => {
    const { port } = await serve({ serverErrors: 1 });
    await expect(client(port, { maxNetworkRetries: 0 }).charges.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAPIError);
  });
});
