import { Prng } from './prng.js';
import { DAY_MS, HOUR_SHARE } from './calendar-shape.js';
import { convertCents } from './fx-rates.js';
import { COUNTRIES, type Currency } from './shop-reference-data.js';
import type { Catalogue } from './generate-products.js';
import { planOrder, statusAt, type OrderPlan, type OrderStatus } from './order-lifecycle.js';

/** Who can order at a time and how likely: the customer side of order generation. */
export interface CustomerSampler {
  /** Cumulative purchase weights by customer id - 1. */
  cumulative: Float64Array;
  /** Number of customers (a prefix of ids) that exist at `ms`. */
  eligibleCount(ms: number): number;
  /** True when the customer is soft-deleted at `ms`. */
  isDeleted(id: number, ms: number): boolean;
  /** COUNTRIES index of the customer at `ms`. */
  countryIndex(id: number, ms: number): number;
}

/** One order line; amounts in minor units of the order currency. */
export interface OrderItemRow {
  orderItemId: number;
  orderId: number;
  productId: number;
  quantity: number;
  unitPrice: number;
  discount: number;
  lineTotal: number;
  createdAtMs: number;
  updatedAtMs: number;
}

/** One order as of a time, with its items and its planned future; amounts in minor units. */
export interface OrderRow {
  orderId: number;
  customerId: number;
  status: OrderStatus;
  currency: Currency;
  country: string;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  createdAtMs: number;
  updatedAtMs: number;
  items: OrderItemRow[];
  plan: OrderPlan;
}

const ITEM_COUNT_SHARE = [0.32, 0.27, 0.18, 0.11, 0.07, 0.05];

/** Generates one day's orders (ids from `firstOrderId`), each with status as of `asOfMs`. */
export function generateDayOrders(
  seed: number,
  dayMs: number,
  count: number,
  ids: { nextOrderId: number; nextItemId: number },
  catalogue: Catalogue,
  customers: CustomerSampler,
  asOfMs: number,
): OrderRow[] {
  const rng = Prng.for(seed, 'orders', dayMs / DAY_MS);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const u = rng.next();
    let acc = 0;
    let hour = 23;
    for (let h = 0; h < 24; h++) {
      acc += HOUR_SHARE[h]!;
      if (u < acc) {
        hour = h;
        break;
      }
    }
    times.push(dayMs + hour * 3_600_000 + rng.int(0, 3_599_999));
  }
  times.sort((a, b) => a - b);
  const orders: OrderRow[] = [];
  for (const createdMs of times) {
    const eligible = Math.max(1, customers.eligibleCount(createdMs));
    let customerId = rng.pickCumulative(customers.cumulative, eligible) + 1;
    for (let tries = 0; tries < 6 && customers.isDeleted(customerId, createdMs); tries++) {
      customerId = rng.pickCumulative(customers.cumulative, eligible) + 1;
    }
    const country = COUNTRIES[customers.countryIndex(customerId, createdMs)]!;
    const orderId = ids.nextOrderId++;
    const coupon = rng.chance(0.15);
    const u = rng.next();
    let nItems = 1;
    for (let acc = 0, k = 0; k < ITEM_COUNT_SHARE.length; k++) {
      acc += ITEM_COUNT_SHARE[k]!;
      if (u < acc) {
        nItems = k + 1;
        break;
      }
    }
    const chosen = new Set<number>();
    const items: OrderItemRow[] = [];
    let subtotal = 0;
    let discount = 0;
    for (let k = 0; k < nItems; k++) {
      let idx = rng.pickCumulative(catalogue.cumulative);
      for (let tries = 0; tries < 4 && chosen.has(idx); tries++) idx = rng.pickCumulative(catalogue.cumulative);
      if (chosen.has(idx)) continue;
      chosen.add(idx);
      const product = catalogue.products[idx]!;
      const q = rng.next();
      const quantity = q < 0.8 ? 1 : q < 0.95 ? 2 : 3;
      const unitPrice = convertCents(seed, product.priceCents, country.currency, dayMs);
      const gross = unitPrice * quantity;
      const lineDiscount = coupon ? Math.round(gross * 0.1) : 0;
      subtotal += gross;
      discount += lineDiscount;
      items.push({
        orderItemId: ids.nextItemId++,
        orderId,
        productId: product.productId,
        quantity,
        unitPrice,
        discount: lineDiscount,
        lineTotal: gross - lineDiscount,
        createdAtMs: createdMs,
        updatedAtMs: createdMs,
      });
    }
    const shipping = subtotal - discount >= 5000 ? 0 : 495;
    const tax = Math.round((subtotal - discount) * country.tax);
    const total = subtotal - discount + shipping + tax;
    const plan = planOrder(seed, orderId, createdMs, total);
    const now = statusAt(plan, asOfMs);
    if (now.status === 'returned') for (const item of items) item.updatedAtMs = now.updatedAtMs;
    orders.push({
      orderId,
      customerId,
      status: now.status,
      currency: country.currency,
      country: country.code,
      subtotal,
      discount,
      shipping,
      tax,
      total,
      createdAtMs: createdMs,
      updatedAtMs: now.updatedAtMs,
      items,
      plan,
    });
  }
  return orders;
}
