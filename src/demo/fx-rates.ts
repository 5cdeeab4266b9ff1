import { hashUnit } from './prng.js';
import { DAY_MS } from './calendar-shape.js';
import type { Currency } from './shop-reference-data.js';

const BASE: Record<Currency, number> = { USD: 1, EUR: 0.92, GBP: 0.79 };

/** Units of `currency` per 1 USD on a day: a smooth drift plus daily noise, a pure function of seed and day. */
export function fxRate(seed: number, currency: Currency, dayMs: number): number {
  if (currency === 'USD') return 1;
  const day = Math.floor(dayMs / DAY_MS);
  const phase = currency === 'EUR' ? 0.7 : 2.1;
  const drift = 0.035 * Math.sin(day / 61 + phase) + 0.015 * Math.sin(day / 17 + phase * 3);
  const noise = (hashUnit(seed, 'fx', currency, day) - 0.5) * 0.008;
  return Math.round(BASE[currency] * (1 + drift + noise) * 1e6) / 1e6;
}

/** Converts USD cents to minor units of `currency` at the day's rate. */
export function convertCents(seed: number, usdCents: number, currency: Currency, dayMs: number): number {
  return currency === 'USD' ? usdCents : Math.round(usdCents * fxRate(seed, currency, dayMs));
}
