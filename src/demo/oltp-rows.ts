import type { CustomerProfile } from './generate-customers.js';
import type { Product } from './generate-products.js';
import type { OrderItemRow, OrderRow } from './generate-orders.js';

/** Escapes one value for PostgreSQL COPY text format; null becomes \N. */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  const s = String(value);
  return /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;
}

/** One COPY text line from values. */
export function copyLine(values: (string | number | null)[]): string {
  return values.map(copyValue).join('\t') + '\n';
}

/** Minor units as a decimal string with two places (`1234` → `12.34`). */
export function money(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const dayPrefix = new Map<number, string>();
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** ISO timestamp of epoch ms (same text as Date#toISOString, with the date part cached per day: it is hot). */
export function ts(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (dayPrefix.size > 4096) dayPrefix.clear();
    dayPrefix.set(day, prefix);
  }
  const rest = ms - day * 86_400_000;
  const msPart = rest % 1000;
  const secs = (rest - msPart) / 1000;
  return `${prefix}${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}.${msPart < 10 ? '00' : msPart < 100 ? '0' : ''}${msPart}Z`;
}

/** Column lists of the OLTP tables in COPY order. */
export const OLTP_COLUMNS = {
  products: ['product_id', 'sku', 'name', 'category', 'price', 'cost', 'currency', 'is_active', 'created_at', 'updated_at'],
  customers: ['customer_id', 'email', 'first_name', 'last_name', 'country', 'segment', 'created_at', 'updated_at', 'deleted_at'],
  orders: ['order_id', 'customer_id', 'status', 'currency', 'country', 'subtotal', 'discount', 'shipping', 'tax', 'total', 'created_at', 'updated_at'],
  order_items: ['order_item_id', 'order_id', 'product_id', 'quantity', 'unit_price', 'discount', 'line_total', 'created_at', 'updated_at'],
} as const;

/** COPY line of a product. */
export function productLine(p: Product): string {
  return copyLine([p.productId, p.sku, p.name, p.category, money(p.priceCents), money(p.costCents), 'USD', 't', ts(p.createdAtMs), ts(p.createdAtMs)]);
}

/** COPY line of a customer. */
export function customerLine(c: CustomerProfile): string {
  return copyLine([c.customerId, c.email, c.firstName, c.lastName, c.country, c.segment, ts(c.createdAtMs), ts(c.updatedAtMs), c.deletedAtMs === null ? null : ts(c.deletedAtMs)]);
}

// Orders and items are the bulk rows; every field is a number, a timestamp or a fixed code that
// needs no COPY escaping, so their lines are written directly.

/** COPY line of an order. */
export function orderLine(o: OrderRow): string {
  return `${o.orderId}\t${o.customerId}\t${o.status}\t${o.currency}\t${o.country}\t${money(o.subtotal)}\t${money(o.discount)}\t${money(o.shipping)}\t${money(o.tax)}\t${money(o.total)}\t${ts(o.createdAtMs)}\t${ts(o.updatedAtMs)}\n`;
}

/** COPY line of an order item. */
export function orderItemLine(i: OrderItemRow): string {
  return `${i.orderItemId}\t${i.orderId}\t${i.productId}\t${i.quantity}\t${money(i.unitPrice)}\t${money(i.discount)}\t${money(i.lineTotal)}\t${ts(i.createdAtMs)}\t${ts(i.updatedAtMs)}\n`;
}
