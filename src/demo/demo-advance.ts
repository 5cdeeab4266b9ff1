import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Logger } from '../log/index.js';
import { DAY_MS, dayWeight, isoDay } from './calendar-shape.js';
import { readDemoState, writeDemoState } from './demo-state.js';
import { startLocalPostgres } from './embedded-postgres-server.js';
import { generateDayOrders, type OrderRow } from './generate-orders.js';
import { shopCatalogue } from './generate-shop.js';
import { LiveCustomers } from './advance-customers.js';
import { loadOpenOrders, orderEvents, type OrderUpdate } from './advance-orders.js';
import { copyLine, customerLine, orderItemLine, orderLine, OLTP_COLUMNS, ts } from './oltp-rows.js';
import { buildCharge, buildPaymentIntent, buildRefund, refundedBy, type StripeLine } from './stripe-objects.js';
import { planSettled } from './order-lifecycle.js';
import { LandingWriter } from './landing-folder.js';
import { writeSpreadsheetExports } from './spreadsheet-exports.js';
import { CHANNELS } from './shop-reference-data.js';
import { MercatorError } from '../errors/index.js';

/** What `demo advance` changed. */
export interface AdvanceSummary {
  from: string;
  to: string;
  newOrders: number;
  newOrderItems: number;
  /** Orders that existed before the advance and changed status during it. */
  updatedOrders: number;
  /** All status changes, including those of orders placed during the advance. */
  statusChanges: number;
  newCustomers: number;
  changedCustomers: number;
  deletedCustomers: number;
  newCharges: number;
  updatedCharges: number;
  newRefunds: number;
  marketingRows: number;
  landingFiles: number;
}

async function copyRows(db: pg.Client, table: string, columns: readonly string[], lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  await pipeline(Readable.from([lines.join('')]), db.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

const byCreated = (a: StripeLine, b: StripeLine): number => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `mercator demo advance --days N`: simulates the next N days of the shop, one committed day at a time:
 * new and changed customers, new orders, status changes of open orders, charges and refunds (appended
 * to the Stripe stand-in's data), landing files; then rewrites the spreadsheet exports.
 */
export async function demoAdvance(dir: string, days: number, logger: Logger): Promise<AdvanceSummary> {
  if (!(Number.isInteger(days) && days >= 1 && days <= 366)) throw new MercatorError('CLI_USAGE', { detail: `--days must be a whole number from 1 to 366, got ${days}` });
  const state = readDemoState(dir);
  if (state.postgres.embedded && state.postgres.dataDir) {
    const port = Number(new URL(state.postgres.serverUrl).port);
    await startLocalPostgres(state.postgres.dataDir, { port });
  }
  const seed = state.seed;
  const fromMs = Date.parse(state.asOf);
  const db = new pg.Client({ connectionString: state.postgres.url });
  await db.connect();
  const summary: AdvanceSummary = { from: isoDay(fromMs), to: isoDay(fromMs + days * DAY_MS), newOrders: 0, newOrderItems: 0, updatedOrders: 0, statusChanges: 0, newCustomers: 0, changedCustomers: 0, deletedCustomers: 0, newCharges: 0, updatedCharges: 0, newRefunds: 0, marketingRows: 0, landingFiles: 0 };
  try {
    const rows = (await db.query('select customer_id::float8 as id, country, segment, deleted_at is not null as deleted from customers')).rows as { id: number; country: string; segment: string; deleted: boolean }[];
    const customers = new LiveCustomers(seed, rows.map((r) => ({ ...r, country: r.country.trim() })));
    let open = await loadOpenOrders(db, seed, fromMs);
    const catalogue = shopCatalogue({ seed, scale: state.scale, asOfMs: Date.parse(state.initAsOf) });
    const landing = new LandingWriter({ dir: state.landing.dir, seed, eventsPerDay: state.landing.eventsPerDay, fromMs, catalogue, customerCount: customers.count });
    landing.addShipments(open);
    const ids = { nextOrderId: state.counters.nextOrderId, nextItemId: state.counters.nextItemId };
    const firstNewOrderId = ids.nextOrderId;
    const updatedExisting = new Set<number>();
    for (let d = 0; d < days; d++) {
      const dayMs = fromMs + d * DAY_MS;
      const endMs = dayMs + DAY_MS;
      logger.status(`advancing ${isoDay(dayMs)} (${d + 1}/${days})`);
      const signups = customers.signUp(dayMs, state.ordersPerDay);
      const changes = customers.change(dayMs);
      const count = Math.round(state.ordersPerDay * dayWeight(dayMs));
      const orders: OrderRow[] = generateDayOrders(seed, dayMs, count, ids, catalogue, customers, endMs);
      const updates: OrderUpdate[] = [];
      const charges: StripeLine[] = [];
      const refunds: StripeLine[] = [];
      const intents: StripeLine[] = [];
      let newChargeCount = 0;
      for (const order of open) {
        const ev = orderEvents(seed, order, dayMs, endMs);
        if (ev.update) {
          updates.push(ev.update);
          if (order.orderId < firstNewOrderId) updatedExisting.add(order.orderId);
        }
        charges.push(...ev.charges, ...ev.updatedCharges);
        summary.updatedCharges += ev.updatedCharges.length;
        newChargeCount += ev.charges.length;
        refunds.push(...ev.refunds);
        if (ev.paymentIntent) intents.push(ev.paymentIntent);
      }
      for (const order of orders) {
        const refunded = refundedBy(order, endMs);
        for (const attempt of order.plan.charges) {
          if (attempt.atMs > endMs) continue;
          charges.push(buildCharge(seed, order, attempt, attempt.succeeded ? refunded : 0));
          newChargeCount++;
        }
        intents.push(buildPaymentIntent(seed, order, endMs));
        order.plan.refunds.forEach((r, i) => r.atMs <= endMs && refunds.push(buildRefund(seed, order, i, r)));
      }
      await db.query('BEGIN');
      await copyRows(db, 'customers', OLTP_COLUMNS.customers, signups.map(customerLine));
      if (changes.length) {
        await db.query('CREATE TEMP TABLE customer_changes (customer_id bigint, segment text, country char(2), updated_at timestamptz, deleted_at timestamptz) ON COMMIT DROP');
        await copyRows(db, 'customer_changes', ['customer_id', 'segment', 'country', 'updated_at', 'deleted_at'], changes.map((c) => copyLine([c.id, c.segment, c.country, ts(c.updatedAtMs), c.deletedAtMs === null ? null : ts(c.deletedAtMs)])));
        await db.query('UPDATE customers c SET segment = x.segment, country = x.country, updated_at = x.updated_at, deleted_at = coalesce(x.deleted_at, c.deleted_at) FROM customer_changes x WHERE c.customer_id = x.customer_id');
      }
      await copyRows(db, 'orders', OLTP_COLUMNS.orders, orders.map(orderLine));
      await copyRows(db, 'order_items', OLTP_COLUMNS.order_items, orders.flatMap((o) => o.items.map(orderItemLine)));
      if (updates.length) {
        await db.query('CREATE TEMP TABLE order_updates (order_id bigint, status text, updated_at timestamptz) ON COMMIT DROP');
        await copyRows(db, 'order_updates', ['order_id', 'status', 'updated_at'], updates.map((u) => copyLine([u.orderId, u.status, ts(u.updatedAtMs)])));
        await db.query('UPDATE orders o SET status = u.status, updated_at = u.updated_at FROM order_updates u WHERE o.order_id = u.order_id');
        await db.query("UPDATE order_items i SET updated_at = u.updated_at FROM order_updates u WHERE i.order_id = u.order_id AND u.status = 'returned'");
      }
      await db.query('COMMIT');
      charges.sort(byCreated);
      refunds.sort(byCreated);
      if (charges.length) appendFileSync(join(state.stripe.dataDir, 'charges.jsonl'), charges.map((c) => c.json + '\n').join(''));
      intents.sort(byCreated);
      if (intents.length) appendFileSync(join(state.stripe.dataDir, 'payment_intents.jsonl'), intents.map((p) => p.json + '\n').join(''));
      if (refunds.length) appendFileSync(join(state.stripe.dataDir, 'refunds.jsonl'), refunds.map((r) => r.json + '\n').join(''));
      landing.addShipments(orders);
      const before = landing.written.length;
      await landing.writeDay(dayMs, orders);
      summary.landingFiles += landing.written.length - before;
      open = [...open, ...orders].filter((o) => !planSettled(o.plan, endMs));
      summary.newOrders += orders.length;
      summary.newOrderItems += orders.reduce((a, o) => a + o.items.length, 0);
      summary.statusChanges += updates.length;
      summary.updatedOrders = updatedExisting.size;
      summary.newCustomers += signups.length;
      summary.changedCustomers += changes.filter((c) => c.deletedAtMs === null).length;
      summary.deletedCustomers += changes.filter((c) => c.deletedAtMs !== null).length;
      summary.newRefunds += refunds.length;
      summary.newCharges += newChargeCount;
      summary.marketingRows += CHANNELS.length;
      state.asOf = new Date(endMs).toISOString();
      state.counters = { ...state.counters, customers: customers.count, orders: state.counters.orders + orders.length, orderItems: state.counters.orderItems + orders.reduce((a, o) => a + o.items.length, 0), charges: state.counters.charges + newChargeCount, refunds: state.counters.refunds + refunds.length, nextOrderId: ids.nextOrderId, nextItemId: ids.nextItemId };
      writeDemoState(state);
    }
    await landing.close();
    await writeSpreadsheetExports({ dir: state.exports.dir, seed, scale: state.scale, startMs: Date.parse(state.startDate), asOfMs: Date.parse(state.asOf), badRowFraction: state.exports.badRowFraction });
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err instanceof MercatorError ? err : new MercatorError('DEMO_POSTGRES_LOAD', { detail: err instanceof Error ? err.message : String(err), url: state.postgres.url.replace(/:[^:@/]*@/, ':***@') }, { cause: err });
  } finally {
    await db.end().catch(() => undefined);
    logger.clearStatus();
  }
  logger.emit({
    type: 'DemoAdvanced',
    level: 'info',
    message: [
      `Advanced the demo shop from ${summary.from} to ${summary.to}:`,
      `  orders        +${summary.newOrders.toLocaleString('en-US')} new (${summary.newOrderItems.toLocaleString('en-US')} items), ${summary.statusChanges.toLocaleString('en-US')} status changes (${summary.updatedOrders.toLocaleString('en-US')} of earlier orders)`,
      `  customers     +${summary.newCustomers.toLocaleString('en-US')} new, ${summary.changedCustomers} changed segment or country, ${summary.deletedCustomers} soft-deleted`,
      `  Stripe        +${summary.newCharges.toLocaleString('en-US')} charges, +${summary.newRefunds} refunds, ${summary.updatedCharges} charges updated by refunds`,
      `  exports       +${summary.marketingRows} marketing spend rows (files rewritten)`,
      `  landing       +${summary.landingFiles} files`,
    ].join('\n'),
    data: { ...summary },
  });
  return summary;
}
