import { describe, expect, it } from 'vitest';
import { closestNames, editDistance } from './closest-name.js';

describe('closestNames', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('matreialized', 'materialized')).toBe(1);
  });

  it('orders by distance and drops far names', () => {
    expect(closestNames('stg_order', ['stg_orders', 'stg_customers', 'fct_orders', 'orders', 'stg_ordes'])).toEqual(['stg_orders', 'stg_ordes']);
  });

  it('is case-insensitive', () => {
    expect(closestNames('STG_ORDERS', ['stg_orders'])).toEqual(['stg_orders']);
  });
});
