import { DAY_MS, dailyCounts, isoDay } from './calendar-shape.js';
import { customerWeight, initialCustomer, signedUpCount, countryIndexAt, customerPlan, type PopulationFrame } from './generate-customers.js';
import { generateProducts, type Catalogue } from './generate-products.js';
import { generateDayOrders, type CustomerSampler, type OrderRow } from './generate-orders.js';
import { customerLine, orderItemLine, orderLine, productLine } from './oltp-rows.js';
import { buildCharge, buildPaymentIntent, buildRefund, refundedBy, type StripeLine } from './stripe-objects.js';
import { ProgressMeter } from './progress-meter.js';
import type { RowSink } from './row-sink.js';
import type { Logger } from '../log/index.js';

/** What the initial history is generated from. */
export interface ShopSpec {
  seed: number;
  scale: number;
  /** The "now" of the shop: UTC midnight; the history covers the `days` before it. */
  asOfMs: number;
  days?: number;
}

/** Where each kind of generated line goes. */
export interface ShopSinks {
  products: RowSink;
  customers: RowSink;
  orders: RowSink;
  orderItems: RowSink;
  charges: RowSink;
  refunds: RowSink;
  /** Stripe payment intents, one per order (optional). */
  paymentIntents?: RowSink;
  /** Called after each day with that day's orders (events, shipments drops). */
  onDay?: (dayMs: number, orders: OrderRow[]) => Promise<void> | void;
}

/** Counts of what was generated, and the next free ids. */
export interface ShopTotals {
  customers: number;
  products: number;
  orders: number;
  orderItems: number;
  charges: number;
  failedCharges: number;
  refunds: number;
  nextOrderId: number;
  nextItemId: number;
}

/** Default volumes at scale 1. */
export const BASE_VOLUMES = { customers: 50_000, orders: 100_000, days: 365 } as const;

/** The fixed frame of the initial population for a spec. */
export function populationFrame(spec: ShopSpec): PopulationFrame {
  const days = spec.days ?? BASE_VOLUMES.days;
  return { seed: spec.seed, startMs: spec.asOfMs - days * DAY_MS, initAsOfMs: spec.asOfMs, initialCount: Math.max(10, Math.round(BASE_VOLUMES.customers * spec.scale)) };
}

/** The catalogue for a spec. */
export function shopCatalogue(spec: ShopSpec): Catalogue {
  return generateProducts(spec.seed, populationFrame(spec).startMs);
}

/** The customer sampler over the initial population, following planned moves and deletions. */
export function initialSampler(frame: PopulationFrame): CustomerSampler {
  const cumulative = new Float64Array(frame.initialCount);
  let sum = 0;
  for (let id = 1; id <= frame.initialCount; id++) {
    sum += customerWeight(frame.seed, id);
    cumulative[id - 1] = sum;
  }
  return {
    cumulative,
    eligibleCount: (ms) => signedUpCount(frame, ms),
    isDeleted: (id, ms) => {
      const d = customerPlan(frame, id).deletedMs;
      return d !== null && d <= ms;
    },
    countryIndex: (id, ms) => countryIndexAt(frame, id, ms),
  };
}

/** Buffers objects by UTC day and releases complete days in (created, id) order, keeping memory to a few weeks. */
class DayBuckets {
  private readonly days = new Map<number, StripeLine[]>();
  add(obj: StripeLine): void {
    const day = Math.floor(obj.created / 86_400);
    let list = this.days.get(day);
    if (!list) this.days.set(day, (list = []));
    list.push(obj);
  }
  async flushThrough(dayMs: number, sink: RowSink): Promise<void> {
    const last = Math.floor(dayMs / DAY_MS);
    for (const day of [...this.days.keys()].sort((a, b) => a - b)) {
      if (day > last) break;
      const list = this.days.get(day)!;
      this.days.delete(day);
      list.sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (const obj of list) {
        const pending = sink.write(obj.json + '\n');
        if (pending) await pending;
      }
    }
  }
}

/** Streams the shop's initial history (products, customers, a year of orders, Stripe objects) into sinks. */
export async function generateShop(spec: ShopSpec, sinks: ShopSinks, logger?: Logger): Promise<ShopTotals> {
  const frame = populationFrame(spec);
  const days = spec.days ?? BASE_VOLUMES.days;
  const catalogue = generateProducts(spec.seed, frame.startMs);
  for (const p of catalogue.products) await sinks.products.write(productLine(p));

  const customerMeter = logger ? new ProgressMeter(logger, 'customers', frame.initialCount) : undefined;
  for (let id = 1; id <= frame.initialCount; id++) {
    const pending = sinks.customers.write(customerLine(initialCustomer(frame, id)));
    if (pending) await pending;
    if (id % 5000 === 0) customerMeter?.update(id);
  }
  customerMeter?.done();

  const sampler = initialSampler(frame);
  const totalOrders = Math.max(10, Math.round(BASE_VOLUMES.orders * spec.scale));
  const counts = dailyCounts(frame.startMs, days, totalOrders);
  const ids = { nextOrderId: 1, nextItemId: 1 };
  const totals: ShopTotals = { customers: frame.initialCount, products: catalogue.products.length, orders: 0, orderItems: 0, charges: 0, failedCharges: 0, refunds: 0, nextOrderId: 1, nextItemId: 1 };
  const charges = new DayBuckets();
  const refunds = new DayBuckets();
  const intents = new DayBuckets();
  const meter = logger ? new ProgressMeter(logger, 'orders', totalOrders) : undefined;
  for (let d = 0; d < days; d++) {
    const dayMs = frame.startMs + d * DAY_MS;
    const orders = generateDayOrders(spec.seed, dayMs, counts[d]!, ids, catalogue, sampler, spec.asOfMs);
    for (const order of orders) {
      const pending = sinks.orders.write(orderLine(order));
      if (pending) await pending;
      for (const item of order.items) {
        const p = sinks.orderItems.write(orderItemLine(item));
        if (p) await p;
      }
      totals.orderItems += order.items.length;
      const refunded = refundedBy(order, spec.asOfMs);
      for (const attempt of order.plan.charges) {
        if (attempt.atMs > spec.asOfMs) continue;
        charges.add(buildCharge(spec.seed, order, attempt, attempt.succeeded ? refunded : 0));
        totals.charges++;
        if (!attempt.succeeded) totals.failedCharges++;
      }
      if (sinks.paymentIntents) intents.add(buildPaymentIntent(spec.seed, order, spec.asOfMs));
      order.plan.refunds.forEach((r, i) => {
        if (r.atMs > spec.asOfMs) return;
        refunds.add(buildRefund(spec.seed, order, i, r));
        totals.refunds++;
      });
    }
    totals.orders += orders.length;
    await charges.flushThrough(dayMs, sinks.charges);
    await refunds.flushThrough(dayMs, sinks.refunds);
    if (sinks.paymentIntents) await intents.flushThrough(dayMs, sinks.paymentIntents);
    if (sinks.onDay) await sinks.onDay(dayMs, orders);
    meter?.update(totals.orders, totals.orders + totals.orderItems);
  }
  await charges.flushThrough(spec.asOfMs + 400 * DAY_MS, sinks.charges);
  await refunds.flushThrough(spec.asOfMs + 400 * DAY_MS, sinks.refunds);
  if (sinks.paymentIntents) await intents.flushThrough(spec.asOfMs + 400 * DAY_MS, sinks.paymentIntents);
  meter?.done();
  totals.nextOrderId = ids.nextOrderId;
  totals.nextItemId = ids.nextItemId;
  logger?.emit({ type: 'DemoGenerated', level: 'debug', message: `generated ${totals.orders} orders through ${isoDay(spec.asOfMs - DAY_MS)}`, data: { ...totals } });
  return totals;
}
