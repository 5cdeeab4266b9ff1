import { Prng } from './prng.js';
import { ts } from './oltp-rows.js';
import { HOUR_SHARE } from './calendar-shape.js';
import { CHANNELS } from './shop-reference-data.js';
import type { Catalogue } from './generate-products.js';
import type { OrderRow } from './generate-orders.js';

/** One clickstream event as written to the landing folder (one JSON object per line). */
export interface ClickEvent {
  event_id: string;
  event_type: 'session_start' | 'page_view' | 'product_view' | 'add_to_cart' | 'checkout_start' | 'purchase';
  occurred_at: string;
  session_id: string;
  anonymous_id: string;
  customer_id: number | null;
  page: string;
  product_id: number | null;
  order_id: number | null;
  utm_source: string;
  device: 'mobile' | 'desktop' | 'tablet';
  properties: Record<string, string | number>;
}

const CHANNEL_CUMULATIVE = [0.42, 0.73, 0.8, 1];
const SOURCES: Record<string, readonly string[]> = { search: ['google', 'bing'], social: ['instagram', 'facebook', 'tiktok'], email: ['newsletter'], affiliates: ['partner_network'] };
const PAGES = ['/', '/collections/new', '/collections/sale', '/search', '/about', '/help/shipping'];

/** Expected events of a purchase session with n items (used to size the non-buying traffic). */
const purchaseEvents = (items: number): number => 4 + items * 2;

/**
 * The clickstream of one hour: sessions that end in the given orders (purchase events carry the real
 * order id) plus browsing sessions up to about `eventsPerDay` × the hour's share. Returns JSON lines
 * (ClickEvent shape) sorted by time; written as text directly because this is the bulk of the landing data.
 */
export function generateHourEvents(seed: number, dayMs: number, hour: number, orders: readonly OrderRow[], eventsPerDay: number, catalogue: Catalogue, customerCount: number): string[] {
  const rng = Prng.for(seed, 'events', dayMs, hour);
  const events: { t: number; id: string; line: string }[] = [];
  let seq = 0;
  const hourStart = dayMs + hour * 3_600_000;
  const session = (startMs: number, customerId: number | null, order: OrderRow | null): void => {
    const sessionId = `s_${rng.token(16)}`;
    const anonymousId = customerId !== null && rng.chance(0.8) ? `a_${Prng.for(seed, 'anon', customerId).token(16)}` : `a_${rng.token(16)}`;
    const channel = rng.chance(0.35) ? 'direct' : CHANNELS[rng.pickCumulative(CHANNEL_CUMULATIVE)]!.name;
    const source = channel === 'direct' ? 'direct' : rng.pick(SOURCES[channel]!);
    const device = rng.chance(0.62) ? 'mobile' : rng.chance(0.85) ? 'desktop' : 'tablet';
    const views = rng.int(0, 3);
    // A buying session ends at the order's creation time: start early enough that every step fits.
    let t = order ? order.createdAtMs - (3 + views + 2 * order.items.length) * 90_000 + rng.int(0, 60_000) : startMs;
    const head = `","session_id":"${sessionId}","anonymous_id":"${anonymousId}","customer_id":${customerId ?? 'null'},"page":`;
    const tail = `,"utm_source":"${source}","device":"${device}","properties":`;
    const emit = (type: ClickEvent['event_type'], page: string, productId: number | null, orderId: number | null, properties?: ClickEvent['properties']): void => {
      const id = `evt_${dayMs / 1000}_${hour}_${seq++}_${rng.token(6)}`;
      events.push({ t, id, line: `{"event_id":"${id}","event_type":"${type}","occurred_at":"${ts(t)}${head}${JSON.stringify(page)},"product_id":${productId ?? 'null'},"order_id":${orderId ?? 'null'}${tail}${properties ? JSON.stringify(properties) : '{}'}}` });
      t += rng.int(4, 90) * 1000;
    };
    emit('session_start', rng.pick(PAGES), null, null, { referrer: source === 'direct' ? '' : `https://${source}.example/` });
    for (let i = 0; i < views; i++) emit('page_view', rng.pick(PAGES), null, null);
    if (order) {
      for (const item of order.items) {
        const sku = catalogue.products[item.productId - 1]!.sku;
        emit('product_view', `/products/${sku}`, item.productId, null);
        emit('add_to_cart', `/products/${sku}`, item.productId, null, { quantity: item.quantity });
      }
      emit('checkout_start', '/checkout', null, null, { items: order.items.length });
      // The purchase event is stamped with the order's own creation time, so joins on time line up.
      t = order.createdAtMs;
      emit('purchase', '/checkout/thank-you', null, order.orderId, { currency: order.currency, value: order.total / 100 });
      return;
    }
    const products = rng.int(0, 3);
    for (let i = 0; i < products; i++) {
      const p = catalogue.products[rng.pickCumulative(catalogue.cumulative)]!;
      emit('product_view', `/products/${p.sku}`, p.productId, null);
      if (rng.chance(0.12)) emit('add_to_cart', `/products/${p.sku}`, p.productId, null, { quantity: 1 });
    }
    if (rng.chance(0.03)) emit('checkout_start', '/checkout', null, null, { items: 1 });
  };
  let budget = Math.round(eventsPerDay * HOUR_SHARE[hour]!);
  for (const order of orders) {
    session(order.createdAtMs, order.customerId, order);
    budget -= purchaseEvents(order.items.length) + 1;
  }
  while (budget > 0) {
    const before = events.length;
    const known = rng.chance(0.3) && customerCount > 0 ? rng.int(1, customerCount) : null;
    session(hourStart + rng.int(0, 3_599_000), known, null);
    budget -= events.length - before;
  }
  events.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : 1));
  return events.map((e) => e.line);
}
