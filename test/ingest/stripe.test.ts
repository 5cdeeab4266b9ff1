import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStripeServer, listenStripeServer } from '../../src/demo/stripe-server/stripe-server.js';
import { StripeRequester, flattenStripeObject, ingestStripeSource, resolveStripeSource, stripeSourceSchema } from '../../src/ingest/stripe/index.js';
import type { Warehouse } from '../../src/warehouse/index.js';
import { countOf, rowsOf, tempWarehouse } from './support/temp-warehouse.js';

const KEY = 'sk_test_mercator';
let wh: Warehouse;
let dispose: () => Promise<void>;
let dataDir: string;
let server: Server | undefined;

function charge(i: number, created: number): Record<string, unknown> {
  const refunds = i % 5 === 0 ? [{ id: `re_${i}`, object: 'refund', amount: 100, charge: `ch_${i}`, created: created + 10, status: 'succeeded' }] : [];
  return {
    id: `ch_${i}`, object: 'charge', amount: 1000 + i, currency: 'eur', created, paid: true, status: 'succeeded',
    billing_details: { address: { city: 'Lyon', country: 'FR' }, email: `c${i}@x.io` },
    metadata: { order_id: String(i) },
    refunds: { object: 'list', data: refunds, has_more: false, url: `/v1/charges/ch_${i}/refunds` },
  };
}

function writeShop(from: number, to: number, baseCreated: number): void {
  const charges: string[] = [];
  const refunds: string[] = [];
  for (let i = from; i < to; i++) {
    const c = charge(i, baseCreated + i * 60);
    charges.push(JSON.stringify(c));
    for (const r of (c['refunds'] as { data: unknown[] }).data) refunds.push(JSON.stringify(r));
  }
  appendFileSync(join(dataDir, 'charges.jsonl'), charges.map((l) => l + '\n').join(''));
  appendFileSync(join(dataDir, 'refunds.jsonl'), refunds.map((l) => l + '\n').join(''));
  const intents = Array.from({ length: to - from }, (_, k) => ({ id: `pi_${from + k}`, object: 'payment_intent', amount: 1000 + from + k, created: baseCreated + (from + k) * 60, status: 'succeeded', latest_charge: `ch_${from + k}` }));
  appendFileSync(join(dataDir, 'payment_intents.jsonl'), intents.map((p) => JSON.stringify(p) + '\n').join(''));
}

async function start(faults?: { rateLimited: number; serverErrors: number }): Promise<number> {
  server = createStripeServer({ dataDir, apiKey: KEY, ...(faults ? { faults: { ...faults, slow: 0, slowMs: 0, dropped: 0 } } : {}), seed: 7 });
  return (await listenStripeServer(server)).port;
}

async function ingest(port: number, extra: Record<string, unknown> = {}): Promise<void> {
  const config = stripeSourceSchema.parse({ type: 'stripe', api_key: '${STRIPE_KEY}', host: '127.0.0.1', port, protocol: 'http', page_size: 10, max_requests_per_second: 200, ...extra });
  const outcome = await ingestStripeSource(wh, resolveStripeSource('stripe', config, { STRIPE_KEY: KEY }));
  if (outcome.failures[0]) throw outcome.failures[0].error;
}

beforeEach(async () => {
  ({ warehouse: wh, dispose } = await tempWarehouse());
  dataDir = mkdtempSync(join(tmpdir(), 'mercator-stripe-'));
  writeFileSync(join(dataDir, 'charges.jsonl'), '');
  writeFileSync(join(dataDir, 'refunds.jsonl'), '');
  writeFileSync(join(dataDir, 'payment_intents.jsonl'), '');
});
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
  await dispose();
});

describe('stripe connector', () => {
  it('loads charges and refunds with nested fields flattened, lists as child tables and raw JSON kept', async () => {
    writeShop(0, 35, 1_700_000_000);
    await ingest(await start());
    expect(await countOf(wh, 'SELECT count(*) FROM raw.stripe_charges')).toBe(35);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.stripe_refunds')).toBe(7);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.stripe_payment_intents')).toBe(35);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.stripe_charges__refunds')).toBe(7);
    const [row] = await rowsOf(wh, `SELECT amount, billing_details__address__city AS city, metadata__order_id AS order_id, json_extract_string(_raw, '$.billing_details.email') AS email FROM raw.stripe_charges WHERE id = 'ch_5'`);
    expect(row).toEqual({ amount: '1005', city: 'Lyon', order_id: '5', email: 'c5@x.io' });
    expect(await rowsOf(wh, `SELECT _mercator_parent_id AS parent, amount FROM raw.stripe_charges__refunds WHERE id = 're_5'`)).toEqual([{ parent: 'ch_5', amount: '100' }]);
  });

  it('still loads every record when 20% of responses are 429 or 500', async () => {
    writeShop(0, 60, 1_700_000_000);
    await ingest(await start({ rateLimited: 0.1, serverErrors: 0.1 }));
    expect(await countOf(wh, 'SELECT count(DISTINCT id) FROM raw.stripe_charges')).toBe(60);
    expect(await countOf(wh, 'SELECT sum(amount) FROM raw.stripe_charges')).toBe(Array.from({ length: 60 }, (_, i) => 1000 + i).reduce((a, b) => a + b));
    expect(await countOf(wh, 'SELECT count(*) FROM raw.stripe_refunds')).toBe(12);
  }, 120_000);

  it('picks up new objects incrementally; reruns inside the lookback add no rows', async () => {
    writeShop(0, 20, 1_700_000_000);
    const port = await start();
    await ingest(port);
    writeShop(20, 30, 1_700_000_000);
    for (let i = 0; i < 3; i++) await ingest(port);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.stripe_charges')).toBe(30);
    expect(await countOf(wh, 'SELECT count(DISTINCT id) FROM raw.stripe_charges')).toBe(30);
    expect(await rowsOf(wh, "SELECT value FROM _mercator.state WHERE stream = 'charges' AND kind = 'cursor'")).toEqual([{ value: String(1_700_000_000 + 29 * 60) }]);
  });

  it('lands exactly the rows of the row-object flattening (nested objects, lists, child tables), with 429s mid-listing', async () => {
    const charges = Array.from({ length: 240 }, (_, i) => {
      const c = charge(i, 1_700_000_000 + i * 60);
      return {
        ...c,
        description: i % 11 === 0 ? null : `Order "${i}" \\ é`,
        outcome: i % 4 === 0 ? null : { risk_score: i % 90, seller_message: 'ok', rule: i % 8 === 1 ? { id: `r_${i}` } : null },
        payment_method_details: i % 3 === 0 ? { type: 'sepa_debit', sepa_debit: { last4: '1234', mandate: null } } : { type: 'card', card: { brand: 'visa', exp_year: 2030, wallet: i % 5 === 1 ? { type: 'apple_pay' } : null } },
        tags: i % 2 === 0 ? [] : ['a', i],
        lines: i % 7 === 0 ? [] : [{ sku: `s${i}`, qty: 1 + (i % 3), price: { amount: i, currency: 'eur' } }, { sku: 'fee', qty: 1 }],
      };
    });
    writeFileSync(join(dataDir, 'charges.jsonl'), charges.map((c) => JSON.stringify(c) + '\n').join(''));
    await ingest(await start({ rateLimited: 0.15, serverErrors: 0.05 }), { streams: ['charges'] });

    // The reference: each object flattened to a row object and written with JSON.stringify, newest first as the API lists them.
    const tables: Record<string, string[]> = { stripe_charges: [] };
    for (const c of [...charges].reverse()) {
      const flat = flattenStripeObject(c);
      tables['stripe_charges']!.push(JSON.stringify(flat.row));
      for (const [name, rows] of Object.entries(flat.children)) (tables[`stripe_charges__${name}`] ??= []).push(...rows.map((r) => JSON.stringify(r)));
    }
    const landed = (await rowsOf(wh, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'raw' ORDER BY 1")).map((r) => r['t']);
    expect(landed).toEqual(Object.keys(tables).sort());
    for (const [table, lines] of Object.entries(tables)) {
      const file = join(dataDir, `${table}.reference.jsonl`);
      writeFileSync(file, lines.join('\n') + '\n');
      const reference = `read_json(['${file}'], format = 'newline_delimited')`;
      const expected = (await wh.query(`DESCRIBE SELECT * FROM ${reference}`)).rows.map((r) => `${String(r['column_name'])} ${String(r['column_type'])}`);
      const actual = (await wh.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = '${table}' AND column_name NOT LIKE '_mercator_load%' ORDER BY ordinal_position`)).rows
        .map((r) => `${String(r['column_name'])} ${String(r['data_type'])}`);
      expect(actual, table).toEqual(expected);
      const columns = expected.map((c) => `"${c.split(' ')[0]!}"`).join(', ');
      for (const [a, b] of [[`raw.${table}`, reference], [reference, `raw.${table}`]]) {
        expect(await countOf(wh, `SELECT count(*) FROM (SELECT ${columns} FROM ${a} EXCEPT ALL SELECT ${columns} FROM ${b})`), `${table}: ${a} minus ${b}`).toBe(0);
      }
      expect(await countOf(wh, `SELECT count(*) FROM raw.${table}`)).toBe(lines.length);
    }
  }, 120_000);

  it('gives a field its column and type when it first appears after 20,480 objects (past a reader\'s sample)', async () => {
    const charges = Array.from({ length: 20_600 }, (_, i) => ({
      id: `ch_${i}`, object: 'charge', amount: 1000 + i, created: 1_700_000_000 + i, metadata: { order_id: String(i) },
      // The API lists newest first: the oldest charge is the last one written to the file.
      ...(i === 0 ? { late_flag: true, outcome: { risk_score: 2.5 }, metadata: { order_id: '0', late_note: 'only here' } } : {}),
    }));
    writeFileSync(join(dataDir, 'charges.jsonl'), charges.map((c) => JSON.stringify(c) + '\n').join(''));
    await ingest(await start(), { streams: ['charges'], page_size: 100, max_requests_per_second: 1000 });
    const types = await rowsOf(wh, "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_schema = 'raw' AND table_name = 'stripe_charges' AND column_name IN ('late_flag', 'outcome__risk_score', 'metadata__late_note') ORDER BY 1");
    expect(types).toEqual([{ c: 'late_flag', t: 'BOOLEAN' }, { c: 'metadata__late_note', t: 'VARCHAR' }, { c: 'outcome__risk_score', t: 'DOUBLE' }]);
    expect(await rowsOf(wh, "SELECT late_flag, metadata__late_note AS note, outcome__risk_score AS risk FROM raw.stripe_charges WHERE id = 'ch_0'")).toEqual([{ late_flag: true, note: 'only here', risk: 2.5 }]);
    expect(await countOf(wh, 'SELECT count(*) FROM raw.stripe_charges WHERE late_flag IS NULL')).toBe(20_599);
  }, 120_000);

  it('reports a wrong API key as bad credentials', async () => {
    const port = await start();
    const config = stripeSourceSchema.parse({ type: 'stripe', api_key: 'sk_test_wrong', host: '127.0.0.1', port, protocol: 'http' });
    const outcome = await ingestStripeSource(wh, resolveStripeSource('stripe', config, {}));
    expect(outcome.failures[0]!.error).toMatchObject({ code: 'INGEST_AUTH_FAILED' });
  });
});

describe('StripeRequester', () => {
  const failing = (status: number, headers: Record<string, string>) => Object.assign(new Error(`HTTP ${status}`), { statusCode: status, headers });

  it('retries a plain 429 honouring Retry-After, and stops when Stripe-Should-Retry says false', async () => {
    const waits: number[] = [];
    const requester = new StripeRequester({ maxRetries: 5, maxRequestsPerSecond: 1000, sleep: async (ms) => void waits.push(ms), random: () => 0.5 });
    let calls = 0;
    const result = await requester.request(async () => {
      calls++;
      if (calls === 1) throw failing(429, { 'retry-after': '2' });
      if (calls === 2) throw failing(500, {});
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(waits.filter((w) => w >= 100)).toEqual([2000, 250]); // Retry-After floor, then jittered backoff 0.5 × 500 ms (rate-limit spacing waits are shorter)
    await expect(requester.request(async () => { throw failing(503, { 'stripe-should-retry': 'false' }); })).rejects.toThrow('HTTP 503');
    await expect(requester.request(async () => { throw failing(400, {}); })).rejects.toThrow('HTTP 400');
  });

  it('gives up after max retries', async () => {
    const requester = new StripeRequester({ maxRetries: 2, maxRequestsPerSecond: 1000, sleep: async () => {} });
    let calls = 0;
    await expect(requester.request(async () => { calls++; throw failing(429, {}); })).rejects.toThrow('HTTP 429');
    expect(calls).toBe(3);
  });
});
