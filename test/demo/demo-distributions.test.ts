import { beforeAll, describe, expect, it } from 'vitest';
import { blackFriday, DAY_MS, generateShop, HashSink } from '../../src/demo/index.js';
import type { OrderRow } from '../../src/demo/generate-orders.js';

const ASOF = Date.UTC(2026, 10, 30); // a week after Black Friday 2026 (Nov 27)
const orders: Omit<OrderRow, 'items'>[] = [];
let totals: Awaited<ReturnType<typeof generateShop>>;

beforeAll(async () => {
  const s = new HashSink();
  totals = await generateShop({ seed: 3, scale: 0.25, asOfMs: ASOF }, { products: s, customers: s, orders: s, orderItems: s, charges: s, refunds: s, onDay: (_d, day) => void orders.push(...day) });
});

describe('demo shop distributions (scale 0.25: 25,000 orders)', () => {
  it('has the stated volumes', () => {
    expect(totals.orders).toBe(25_000);
    expect(totals.customers).toBe(12_500);
    expect(totals.orderItems / totals.orders).toBeGreaterThan(2.3);
    expect(totals.orderItems / totals.orders).toBeLessThan(2.7);
    expect(totals.charges / totals.orders).toBeGreaterThan(1.0);
    expect(totals.charges / totals.orders).toBeLessThan(1.06);
  });

  it('sells more per weekday than per weekend day: ratio 1.1..1.4', () => {
    let weekday = 0;
    let weekend = 0;
    for (const o of orders) {
      const dow = new Date(o.createdAtMs).getUTCDay();
      if (dow === 0 || dow === 6) weekend++;
      else weekday++;
    }
    const ratio = weekday / 5 / (weekend / 2);
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.4);
  });

  it('peaks in November, with Black Friday the busiest day (at least 2.5x an average day)', () => {
    const perDay = new Map<number, number>();
    for (const o of orders) {
      const d = Math.floor(o.createdAtMs / DAY_MS);
      perDay.set(d, (perDay.get(d) ?? 0) + 1);
    }
    const avg = orders.length / perDay.size;
    const bf = blackFriday(2026) / DAY_MS;
    expect(perDay.get(bf)! / avg).toBeGreaterThan(2.5);
    expect(Math.max(...perDay.values())).toBe(perDay.get(bf));
    const monthly = new Map<number, number>();
    for (const o of orders) {
      const m = new Date(o.createdAtMs).getUTCMonth();
      monthly.set(m, (monthly.get(m) ?? 0) + 1);
    }
    const novPerDay = monthly.get(10)! / 30;
    const otherPerDay = (orders.length - monthly.get(10)!) / (perDay.size - 30);
    expect(novPerDay / otherPerDay).toBeGreaterThan(1.25);
  });

  it('has repeat customers: 40-75% of buyers order again, and the top 20% of buyers place over half the orders', () => {
    const per = new Map<number, number>();
    for (const o of orders) per.set(o.customerId, (per.get(o.customerId) ?? 0) + 1);
    const counts = [...per.values()].sort((a, b) => b - a);
    const repeat = counts.filter((n) => n >= 2).length / counts.length;
    expect(repeat).toBeGreaterThan(0.4);
    expect(repeat).toBeLessThan(0.75);
    const top = counts.slice(0, Math.ceil(counts.length * 0.2)).reduce((a, b) => a + b, 0);
    expect(top / orders.length).toBeGreaterThan(0.5);
  });

  it('refunds 4-6.5% of orders (~5,000 at scale 1)', () => {
    expect(totals.refunds / totals.orders).toBeGreaterThan(0.04);
    expect(totals.refunds / totals.orders).toBeLessThan(0.065);
  });

  it('has the stated status mix for settled orders (older than 45 days)', () => {
    const old = orders.filter((o) => o.createdAtMs < ASOF - 45 * DAY_MS);
    const share = (s: string): number => old.filter((o) => o.status === s).length / old.length;
    expect(share('delivered')).toBeGreaterThan(0.9);
    expect(share('delivered')).toBeLessThan(0.96);
    expect(share('cancelled')).toBeGreaterThan(0.02);
    expect(share('cancelled')).toBeLessThan(0.04);
    expect(share('returned')).toBeGreaterThan(0.018);
    expect(share('returned')).toBeLessThan(0.032);
    expect(old.filter((o) => ['pending', 'paid', 'shipped'].includes(o.status))).toEqual([]);
    const recent = orders.filter((o) => o.createdAtMs >= ASOF - 2 * DAY_MS);
    expect(recent.some((o) => o.status === 'shipped' || o.status === 'paid')).toBe(true);
  });

  it('fails ~3% of first payment attempts that are then retried (2-4%)', () => {
    const retried = orders.filter((o) => o.plan.charges.length === 2 && !o.plan.charges[0]!.succeeded && o.plan.charges[1]!.succeeded).length;
    expect(retried / orders.length).toBeGreaterThan(0.02);
    expect(retried / orders.length).toBeLessThan(0.04);
  });

  it('updates orders days after creation', () => {
    const old = orders.filter((o) => o.createdAtMs < ASOF - 45 * DAY_MS);
    const late = old.filter((o) => o.updatedAtMs - o.createdAtMs > 2 * DAY_MS).length / old.length;
    expect(late).toBeGreaterThan(0.8);
  });

  it('sells in three currencies', () => {
    const cur = new Set(orders.map((o) => o.currency));
    expect([...cur].sort()).toEqual(['EUR', 'GBP', 'USD']);
  });
});
