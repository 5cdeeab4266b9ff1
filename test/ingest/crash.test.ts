// Kills the ingest process with SIGKILL at random points; after one more normal run every table must
// equal its source exactly: nothing lost, nothing duplicated.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWarehouse } from '../../src/warehouse/index.js';
import { createTestDatabase } from '../support/test-postgres.js';

const child = join(import.meta.dirname, 'support/ingest-child.ts');
let dbUrl: string;
let dropDb: () => Promise<void>;
let client: pg.Client;
let dir: string;

beforeAll(async () => {
  ({ url: dbUrl, drop: dropDb } = await createTestDatabase(inject('pgUrl'), 'ingest_crash'));
  client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  await client.query(`CREATE TABLE orders (order_id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL DEFAULT clock_timestamp());
    INSERT INTO orders (order_id, total) SELECT g, g % 1000 + 0.25 FROM generate_series(1, 200000) g`);
  dir = mkdtempSync(join(tmpdir(), 'mercator-crash-'));
  mkdirSync(join(dir, 'landing'));
  writeFileSync(join(dir, 'mercator.yml'), `name: shop
sources:
  shop_db:
    type: postgres
    url: ${dbUrl}
    tables:
      orders: { cursor: updated_at, lookback: '1 minute' }
  events:
    type: files
    streams:
      clicks: { path: landing, landing: true, stable_seconds: 0 }
`);
});
afterAll(async () => {
  await client.end();
  await dropDb();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the ingest process; kills it after `killAfterMs` when given. Resolves to its exit code or signal. */
function runIngest(killAfterMs?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // The tsx loader runs in-process, so the signal reaches the process that holds the warehouse.
    const proc = spawn(process.execPath, ['--import', 'tsx', child, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== null && code !== 0) reject(new Error(`ingest exited ${code}: ${err}`));
      else resolve(signal ?? `exit ${code}`);
    });
  });
}

let fileNo = 0;
let clicks = 0;
/** Source changes between trials: new and updated orders, and new files landing. */
async function changeSources(trial: number): Promise<void> {
  await client.query(`UPDATE orders SET total = total + 1, updated_at = clock_timestamp() WHERE order_id % 97 = $1`, [trial]);
  await client.query(`INSERT INTO orders (order_id, total) SELECT g, 7.5 FROM generate_series($1::bigint, $1::bigint + 999) g`, [300000 + trial * 1000]);
  for (let i = 0; i < 3; i++) {
    const rows = Array.from({ length: 500 }, (_, j) => `${fileNo * 1000 + j},page${j % 7}`).join('\n');
    writeFileSync(join(dir, 'landing', `clicks-${String(fileNo++).padStart(3, '0')}.csv`), `click_id,page\n${rows}\n`);
    clicks += 500;
  }
}

describe('crash safety', () => {
  it('SIGKILL at random points in 10 trials, then one normal run: raw equals the source', async () => {
    // Kill points are spread over the length of a normal run on this machine (process start included),
    // so they land before, during and between loads whatever the machine's speed.
    const started = Date.now();
    await runIngest();
    const normalMs = Date.now() - started;
    const outcomes: string[] = [];
    for (let trial = 0; trial < 10; trial++) {
      await changeSources(trial);
      outcomes.push(await runIngest(50 + Math.floor(Math.random() * normalMs * 0.9)));
    }
    await runIngest();
    const source = await client.query<{ n: string; total: string; keys: string }>(
      `SELECT count(*) AS n, sum(total)::text AS total, md5(string_agg(order_id::text, ',' ORDER BY order_id)) AS keys FROM orders`,
    );
    const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
    try {
      const raw = await wh.queryJson(`SELECT count(*) AS n, CAST(sum(total) AS VARCHAR) AS total, md5(string_agg(CAST(order_id AS VARCHAR), ',' ORDER BY order_id)) AS keys FROM raw.shop_db_orders`);
      expect(raw.rows[0]).toEqual({ n: source.rows[0]!.n, total: source.rows[0]!.total, keys: source.rows[0]!.keys });
      const landed = await wh.queryJson(`SELECT count(*) AS n, count(DISTINCT click_id) AS ids, count(DISTINCT _mercator_file) AS files FROM raw.events_clicks`);
      expect(landed.rows[0]).toEqual({ n: String(clicks), ids: String(clicks), files: String(fileNo) });
    } finally {
      await wh.close();
    }
    // At least some trials must really have been killed, or the test proves nothing.
    expect(outcomes.filter((o) => o === 'SIGKILL').length).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
