// A small demo shop (scale 0.02) in the test PostgreSQL, with its Stripe stand-in served in-process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import pg from 'pg';
import { createMemoryLogger } from '../../src/log/index.js';
import { createStripeServer, demoInit, listenStripeServer, type DemoState, type StripeFaults } from '../../src/demo/index.js';

/** A demo shop for one test file; `close` stops the server and drops the folder and database. */
export interface DemoFixture {
  state: DemoState;
  dir: string;
  db: pg.Client;
  stripeUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Initialises a demo shop in its own database of the test server. */
export async function demoFixture(serverUrl: string, name: string, options: { scale?: number; faults?: StripeFaults } = {}): Promise<DemoFixture> {
  const dir = mkdtempSync(join(tmpdir(), `demo-${name}-`));
  const database = `${name}_${process.pid}`;
  const { state } = await demoInit({ dir, scale: options.scale ?? 0.02, seed: 5, pgUrl: serverUrl, database, asOf: new Date('2026-11-23T00:00:00Z'), eventDays: 2, startStripe: false }, createMemoryLogger());
  const server: Server = createStripeServer({ dataDir: state.stripe.dataDir, apiKey: state.stripe.apiKey, faults: options.faults });
  const { url, port } = await listenStripeServer(server);
  const db = new pg.Client({ connectionString: state.postgres.url });
  await db.connect();
  return {
    state,
    dir,
    db,
    stripeUrl: url,
    port,
    async close() {
      await db.end();
      await new Promise((r) => server.close(r));
      server.closeAllConnections();
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
