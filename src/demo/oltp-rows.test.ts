import { describe, expect, it } from 'vitest';
import { copyLine, money, orderItemLine, ts } from './oltp-rows.js';

describe('OLTP row text', () => {
  it('formats timestamps exactly as Date#toISOString', () => {
    for (const ms of [0, 1, 999, 86_399_999, 1_795_385_829_123, Date.UTC(2026, 1, 28, 23, 59, 59, 5)]) expect(ts(ms)).toBe(new Date(ms).toISOString());
  });

  it('formats minor units as decimals', () => {
    expect([money(0), money(5), money(1234), money(-250)]).toEqual(['0.00', '0.05', '12.34', '-2.50']);
  });

  it('writes item lines the way copyLine would', () => {
    const item = { orderItemId: 7, orderId: 3, productId: 12, quantity: 2, unitPrice: 1999, discount: 400, lineTotal: 3598, createdAtMs: 1_795_385_829_000, updatedAtMs: 1_795_385_829_000 };
    expect(orderItemLine(item)).toBe(copyLine([7, 3, 12, 2, '19.99', '4.00', '35.98', ts(item.createdAtMs), ts(item.updatedAtMs)]));
  });

  it('escapes COPY text and writes NULL as \\N', () => {
    expect(copyLine([1, 'a\tb', null, 'x\\y', 'l1\nl2'])).toBe('1\ta\\tb\t\\N\tx\\\\y\tl1\\nl2\n');
  });
});
