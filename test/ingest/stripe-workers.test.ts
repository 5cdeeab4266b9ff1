// The Stripe connector as built (dist/), where each object type is extracted in its own worker thread:
// the raw tables equal those of the in-thread path (src/) row for row, with 429s and 500s mid-listing, and a
// failure inside a worker comes back as the same coded error. `npm test` builds dist/ before running this.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeServer, listenStripeServer } from '../../src/demo/stripe-server/stripe-server.js';
import * as inThread from '../../src/ingest/stripe/index.js';
import { openWarehouse as openSrcWarehouse } from '../../src/warehouse/index.js';

type StripeModule = typeof import('../../src/ingest/stripe/index.js');
type WorkerModule = typeof import('../../src/ingest/stripe/extract-in-worker.js');
type WarehouseModule = typeof import('../../src/warehouse/index.js');
const built = (path: string): Promise<unknown> => import(new URL(`../../dist/${path}`, import.meta.url).href);
const KEY = 'sk_test_mercator';
let dir: string;
let server: Server;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mercator-stripe-workers-'));
  const data = join(dir, 'stripe');
  mkdirSync(data);
  const charges: string[] = [];
  const refunds: string[] = [];
  const intents: string[] = [];
  for (let i = 0; i < 400; i++) {
    const created = 1_760_000_000 + i * 60;
    const refund = i % 4 === 0 ? [{ id: `re_${i}`, object: 'refund', amount: 50 + i, charge: `ch_${i}`, created: created + 5, status: i % 8 === 0 ? 'failed' : 'succeeded' }] : [];
    charges.push(JSON.stringify({
      id: `ch_${i}`, object: 'charge', amount: 1000 + i, currency: i % 3 ? 'eur' : 'usd', created, status: i % 10 ? 'succeeded' : 'failed',
      billing_details: { address: { city: i % 2 ? 'Lyon' : null, country: 'FR' } }, metadata: i % 5 ? { order_id: String(i) } : {},
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: String(1000 + i) } },
      refunds: { object: 'list', data: refund, has_more: false, url: `/v1/charges/ch_${i}/refunds` },
    }));
    for (const r of refund) refunds.push(JSON.stringify(r));
    intents.push(JSON.stringify({ id: `pi_${i}`, object: 'payment_intent', amount: 1000 + i, created, status: 'succeeded', latest_charge: `ch_${i}` }));
  }
  appendFileSync(join(data, 'charges.jsonl'), charges.join('\n') + '\n');
  appendFileSync(join(data, 'refunds.jsonl'), refunds.join('\n') + '\n');
  appendFileSync(join(data, 'payment_intents.jsonl'), intents.join('\n') + '\n');
  server = createStripeServer({ dataDir: data, apiKey: KEY, faults: { rateLimited: 0.1, serverErrors: 0.1, slow: 0, slowMs: 0, dropped: 0 }, seed: 11 });
  port = (await listenStripeServer(server)).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const config = (m: StripeModule, apiKey = '${STRIPE_KEY}') =>
  m.resolveStripeSource('stripe', m.stripeSourceSchema.parse({ type: 'stripe', api_key: apiKey, host: '127.0.0.1', port, protocol: 'http', page_size: 25, max_requests_per_second: 300, max_retries: 8 }), { STRIPE_KEY: KEY });

describe('stripe connector in worker threads (built)', () => {
  it('extracts in workers and lands the same raw tables as the in-thread path', async () => {
    const workers = (await built('ingest/stripe/extract-in-worker.js')) as WorkerModule;
    expect(workers.extractWorkerAvailable()).toBe(true);
    const stripe = (await built('ingest/stripe/index.js')) as StripeModule;
    const { openWarehouse } = (await built('warehouse/index.js')) as WarehouseModule;
    const a = await openWarehouse({ type: 'duckdb', path: join(dir, 'workers.duckdb'), threads: 3 });
    // While the workers list, the warehouse leaves them the cores (down to one thread), then gets its threads back.
    const limits: number[] = [];
    const limitThreads = a.limitThreads.bind(a);
    a.limitThreads = async (n) => {
      limits.push(n);
      return limitThreads(n);
    };
    const viaWorkers = await stripe.ingestStripeSource(a, config(stripe));
    expect(viaWorkers.failures).toEqual([]);
    expect(limits).toEqual([Math.max(1, availableParallelism() - 3)]);
    expect((await a.query(`SELECT current_setting('threads') AS t`)).rows[0]?.['t']).toBe(3n);
    await a.close();

    const b = await openSrcWarehouse({ type: 'duckdb', path: join(dir, 'thread.duckdb') });
    try {
      const viaThread = await inThread.ingestStripeSource(b, config(inThread));
      expect(viaThread.failures).toEqual([]);
      expect(viaWorkers.results.map((r) => [r.target.name, r.rows])).toEqual(viaThread.results.map((r) => [r.target.name, r.rows]));
      await b.run(`ATTACH '${join(dir, 'workers.duckdb')}' AS w (READ_ONLY)`);
      const tables = (await b.queryJson(`SELECT table_name FROM information_schema.tables WHERE table_catalog = 'thread' AND table_schema = 'raw' ORDER BY 1`)).rows.map((r) => String(r['table_name']));
      expect(tables).toEqual(expect.arrayContaining(['stripe_charges', 'stripe_charges__refunds', 'stripe_payment_intents', 'stripe_refunds']));
      for (const t of tables) {
        const cols = (await b.getColumns({ schema: 'raw', name: t })).map((c) => `"${c.name}"`).filter((c) => !c.startsWith('"_mercator_load'));
        const list = cols.join(', ');
        const [diff] = (await b.queryJson(`SELECT
          (SELECT count(*) FROM (SELECT ${list} FROM raw."${t}" EXCEPT ALL SELECT ${list} FROM w.raw."${t}")) AS only_thread,
          (SELECT count(*) FROM (SELECT ${list} FROM w.raw."${t}" EXCEPT ALL SELECT ${list} FROM raw."${t}")) AS only_workers,
          (SELECT count(*) FROM raw."${t}") AS n`)).rows;
        expect(diff, t).toMatchObject({ only_thread: '0', only_workers: '0' });
        expect(Number(diff?.['n']), t).toBeGreaterThan(0);
      }
    } finally {
      await b.close();
    }
  });

  it('reports a failure inside a worker with the same code, per stream', async () => {
    const stripe = (await built('ingest/stripe/index.js')) as StripeModule;
    const { openWarehouse } = (await built('warehouse/index.js')) as WarehouseModule;
    const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'bad-key.duckdb') });
    try {
      const outcome = await stripe.ingestStripeSource(wh, config(stripe, 'sk_test_wrong'));
      expect(outcome.failures.map((f) => f.stream)).toEqual(['charges', 'payment_intents', 'refunds']);
      for (const f of outcome.failures) expect(f.error).toMatchObject({ code: 'INGEST_AUTH_FAILED', message: expect.stringContaining('stripe') });
    } finally {
      await wh.close();
    }
  });
});
