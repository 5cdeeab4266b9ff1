import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MercatorError } from '../errors/index.js';
import type { Logger } from '../log/index.js';
import { DAY_MS, isoDay, utcMidnight } from './calendar-shape.js';
import { hashUnit } from './prng.js';
import { BASE_VOLUMES, generateShop, populationFrame, shopCatalogue } from './generate-shop.js';
import { checkFaults, demoPaths, readDemoState, writeDemoState, type DemoState, type StripeFaults } from './demo-state.js';
import { startLocalPostgres, stopLocalPostgres } from './embedded-postgres-server.js';
import { recreateDatabase, seedPostgres } from './seed-postgres.js';
import { fileSink } from './row-sink.js';
import { LandingWriter } from './landing-folder.js';
import { writeSpreadsheetExports } from './spreadsheet-exports.js';
import { startStripeInBackground, stopStripeInBackground } from './stripe-server/stripe-background.js';
import { stopDemo } from './demo-stop.js';
import { describeDemo } from './describe-demo.js';
import { stopOnInterrupt, type StartedServers } from './stop-on-interrupt.js';

/** Options of `mercator demo init`. */
export interface DemoInitOptions {
  dir: string;
  scale?: number;
  seed?: number;
  pgUrl?: string;
  /** Database created on the server for the shop (default `shop`). */
  database?: string;
  /** The shop's "now" (UTC midnight); defaults to today 00:00 UTC. */
  asOf?: Date;
  force?: boolean;
  /** Days of clickstream written to the landing folder (default 14). */
  eventDays?: number;
  badRowFraction?: number;
  faults?: Partial<StripeFaults>;
  /** Start the Stripe stand-in as a background process (default true). */
  startStripe?: boolean;
  /**
   * Ends the process after Ctrl-C or SIGTERM during init has stopped what init started (the CLI passes
   * `process.exit`). Without it init installs no signal handlers.
   */
  exitOnInterrupt?: (status: number) => void;
}

/** What init did and how long each step took (seconds). */
export interface DemoInitResult {
  state: DemoState;
  timings: { postgresStart: number; generateAndLoad: number; constraints: number; exports: number; stripeStart: number };
}

/** Validates a scale (0.01..100). */
export function checkScale(scale: number): number {
  if (!(scale >= 0.01 && scale <= 100)) throw new MercatorError('DEMO_SCALE_RANGE', { scale });
  return scale;
}

/** Creates the demo shop: Postgres OLTP, Stripe data and server, CSV exports, landing folder, and `.mercator/demo.json`. */
export async function demoInit(options: DemoInitOptions, logger: Logger): Promise<DemoInitResult> {
  const scale = checkScale(options.scale ?? 1);
  const seed = options.seed ?? 42;
  const faults = checkFaults({ ...options.faults });
  const asOfMs = utcMidnight(options.asOf ?? new Date()).getTime();
  const paths = demoPaths(options.dir);
  if (existsSync(paths.stateFile)) {
    if (!options.force) throw new MercatorError('DEMO_ALREADY_EXISTS', { dir: paths.root });
    await stopDemo(readDemoState(paths.root), logger);
  }
  for (const d of [paths.stripeDir, paths.exportsDir, paths.landingDir]) rmSync(d, { recursive: true, force: true });
  if (options.force && !options.pgUrl) rmSync(paths.pgData, { recursive: true, force: true });
  for (const d of [paths.stripeDir, paths.exportsDir, paths.landingDir]) mkdirSync(d, { recursive: true });

  const started: StartedServers = {};
  const interrupt = options.exitOnInterrupt ? stopOnInterrupt(options, paths, started, logger, options.exitOnInterrupt) : { remove: () => undefined, happened: () => false };
  try {
    return await createShop(options, { scale, seed, faults, asOfMs, paths }, started, logger);
  } catch (err) {
    // Failures caused by the shutdown (connections closed under the generation) are not reported: the handler exits.
    if (interrupt.happened()) await new Promise(() => undefined);
    throw err;
  } finally {
    interrupt.remove();
  }
}

/** The checked settings demoInit hands to createShop. */
interface ShopSettings {
  scale: number;
  seed: number;
  faults: StripeFaults;
  asOfMs: number;
  paths: ReturnType<typeof demoPaths>;
}

async function createShop(options: DemoInitOptions, { scale, seed, faults, asOfMs, paths }: ShopSettings, started: StartedServers, logger: Logger): Promise<DemoInitResult> {
  const t0 = performance.now();
  let serverUrl = options.pgUrl;
  if (!serverUrl) {
    logger.status('starting PostgreSQL…');
    const starting = startLocalPostgres(paths.pgData);
    started.postgres = starting;
    serverUrl = (await starting).url;
  }
  try {
    const database = options.database ?? 'shop';
    const url = await recreateDatabase(serverUrl, database);
    const t1 = performance.now();

    const spec = { seed, scale, asOfMs };
    const eventDays = options.eventDays ?? 14;
    const eventsPerDay = Math.round(50_000 * scale);
    const landing = new LandingWriter({ dir: paths.landingDir, seed, eventsPerDay, fromMs: asOfMs - eventDays * DAY_MS, catalogue: shopCatalogue(spec), customerCount: populationFrame(spec).initialCount, eventsInWorker: true });
    const charges = fileSink(join(paths.stripeDir, 'charges.jsonl'));
    const refunds = fileSink(join(paths.stripeDir, 'refunds.jsonl'));
    const paymentIntents = fileSink(join(paths.stripeDir, 'payment_intents.jsonl'));
    let t2 = 0;
    let state: DemoState | undefined;
    let t4 = 0;
    let t5 = 0;
    const startMs = asOfMs - BASE_VOLUMES.days * DAY_MS;
    const totals = await seedPostgres(url, async (sinks) => {
      const result = await generateShop(spec, { products: sinks.products, customers: sinks.customers, orders: sinks.orders, orderItems: sinks.order_items, charges, refunds, paymentIntents, onDay: async (day, orders) => {
        landing.addShipments(orders);
        await landing.writeDay(day, orders);
      } }, logger);
      await Promise.all([charges.end(), refunds.end(), paymentIntents.end()]);
      logger.status('adding keys, foreign keys and indexes…');
      t2 = performance.now();
      return result;
    }, async (generated) => {
      // While PostgreSQL builds keys and indexes: the exports, the state file, and the Stripe stand-in (its data
      // is written), while the worker finishes the last clickstream batches.
      const badRowFraction = options.badRowFraction ?? 0.02;
      const files = await writeSpreadsheetExports({ dir: paths.exportsDir, seed, scale, startMs, asOfMs, badRowFraction });
      t4 = performance.now();
      const apiKey = `sk_test_mercator${Math.floor(hashUnit(seed, 'key') * 1e12).toString(36)}${Math.floor(hashUnit(seed, 'key2') * 1e12).toString(36)}`;
      state = {
        version: 1,
        seed,
        scale,
        startDate: new Date(startMs).toISOString(),
        initAsOf: new Date(asOfMs).toISOString(),
        asOf: new Date(asOfMs).toISOString(),
        dir: paths.root,
        postgres: { url, serverUrl, database, embedded: !options.pgUrl, ...(options.pgUrl ? {} : { dataDir: paths.pgData }) },
        stripe: { url: '', apiKey, port: 0, dataDir: paths.stripeDir, log: join(paths.stripeDir, 'server.log'), faults },
        exports: { dir: paths.exportsDir, files, badRowFraction },
        landing: { dir: paths.landingDir, eventDays, eventsPerDay },
        ordersPerDay: Math.max(1, Math.round(1600 * scale)),
        counters: {
          customers: generated.customers,
          products: generated.products,
          orders: generated.orders,
          orderItems: generated.orderItems,
          charges: generated.charges,
          refunds: generated.refunds,
          nextOrderId: generated.nextOrderId,
          nextItemId: generated.nextItemId,
        },
      };
      writeDemoState(state);
      const written = state;
      const [server, batches] = await Promise.allSettled([options.startStripe === false ? undefined : startStripeInBackground(written, undefined, (pid) => {
        // Recorded at once, so a failed start or an interrupt stops this process too.
        written.stripe = { ...written.stripe, pid };
        writeDemoState(written);
      }), landing.close()]);
      if (server.status === 'fulfilled' && server.value) {
        // Recorded before a failure is raised, so the cleanup below stops this stand-in.
        written.stripe = { ...written.stripe, url: server.value.url, port: server.value.port, pid: server.value.pid };
        writeDemoState(written);
      }
      if (server.status === 'rejected') throw server.reason;
      if (batches.status === 'rejected') throw batches.reason;
      t5 = performance.now();
    }).catch(async (err: unknown) => {
      await landing.close().catch(() => undefined); // stops the batch thread, which would keep the process alive
      // A state file is written only for a shop that is complete: a failed init leaves none, and no stand-in running.
      if (state) {
        await stopStripeInBackground(state.stripe.pid).catch(() => false);
        rmSync(paths.stateFile, { force: true });
      }
      throw err;
    });
    const t3 = performance.now();
    if (!state) throw new Error('demo init: the shop was generated but its state was not written');
    logger.clearStatus();
    // Exports and the Stripe start overlap the indexes: `constraints` is that whole step.
    const timings = { postgresStart: (t1 - t0) / 1000, generateAndLoad: (t2 - t1) / 1000, constraints: (t3 - t2) / 1000, exports: (t4 - t2) / 1000, stripeStart: (t5 - t4) / 1000 };
    logger.emit({ type: 'DemoInitialised', level: 'info', message: `Demo shop ready: ${totals.orders.toLocaleString('en-US')} orders from ${isoDay(startMs)} to ${isoDay(asOfMs - DAY_MS)} (seed ${seed}, scale ${scale}); generated and loaded in ${timings.generateAndLoad.toFixed(1)} s, indexes with the last clickstream batches and the Stripe start ${timings.constraints.toFixed(1)} s, PostgreSQL start ${timings.postgresStart.toFixed(1)} s\n${describeDemo(state).join('\n')}`, data: { totals, timings, state } });
    return { state, timings };
  } catch (err) {
    // Do not leave a server running that no state file points to.
    if (!options.pgUrl) await stopLocalPostgres(paths.pgData).catch(() => false);
    throw err;
  }
}
