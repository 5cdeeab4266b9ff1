// Does: the day arithmetic (UTC) and the demand curve of the shop: weekly and yearly seasonality
// with a Black Friday / Cyber Monday peak. Does not: draw random numbers.

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** The UTC midnight at or before the given time. */
export function utcMidnight(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** `YYYY-MM-DD` of a UTC time. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Friday after the fourth Thursday of November (Black Friday) of a year, as UTC ms. */
export function blackFriday(year: number): number {
  const nov1 = new Date(Date.UTC(year, 10, 1));
  const firstThursday = 1 + ((4 - nov1.getUTCDay() + 7) % 7);
  return Date.UTC(year, 10, firstThursday + 21 + 1);
}

/** Relative demand of a day (mean about 1 over a year): weekday, season, November peak, holidays. */
export function dayWeight(dayMs: number): number {
  const d = new Date(dayMs);
  const dow = d.getUTCDay();
  // Shoppers buy more on weekdays evenings; Saturdays are the quietest.
  const weekly = dow === 6 ? 0.78 : dow === 0 ? 0.9 : dow === 1 ? 1.1 : 1.05;
  const doy = (dayMs - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  // Yearly wave: low in late winter, rising through autumn.
  const yearly = 1 + 0.12 * Math.sin(((doy - 120) / 365) * 2 * Math.PI);
  const bf = blackFriday(d.getUTCFullYear());
  const fromBf = Math.round((dayMs - bf) / DAY_MS);
  let peak = 1;
  if (fromBf === 0) peak = 3.4;
  else if (fromBf === 3) peak = 2.8; // Cyber Monday
  else if (fromBf > 0 && fromBf < 3) peak = 1.9;
  else if (fromBf >= -7 && fromBf < 0) peak = 1.35;
  else if (d.getUTCMonth() === 10) peak = 1.25;
  else if (d.getUTCMonth() === 11 && d.getUTCDate() <= 20) peak = 1.3;
  else if (d.getUTCMonth() === 11 && d.getUTCDate() >= 24) peak = 0.8;
  else if (d.getUTCMonth() === 0) peak = 0.85;
  return weekly * yearly * peak;
}

/** Splits `total` into integer counts per day proportional to dayWeight (largest remainder, deterministic). */
export function dailyCounts(startMs: number, days: number, total: number): number[] {
  const weights = Array.from({ length: days }, (_, i) => dayWeight(startMs + i * DAY_MS));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let rest = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0 && days > 0; k = (k + 1) % days, rest--) counts[order[k]![1]]! += 1;
  return counts;
}

/** Share of a day's orders by hour (UTC), evening-heavy; sums to 1. */
export const HOUR_SHARE: readonly number[] = (() => {
  const raw = [2, 1.2, 0.8, 0.6, 0.6, 0.9, 1.6, 2.8, 3.9, 4.6, 5, 5.2, 5.6, 5.2, 5, 5, 5.2, 5.6, 6.2, 7, 7.4, 7, 5.6, 3.8];
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((x) => x / sum);
})();
