import { Prng } from './prng.js';
import { DAY_MS, dayWeight } from './calendar-shape.js';
import { customerCountryIndex, customerIdentity, customerWeight, type CustomerProfile } from './generate-customers.js';
import { COUNTRIES, SEGMENTS } from './shop-reference-data.js';
import type { CustomerSampler } from './generate-orders.js';

/** The customer base as the database holds it, kept in memory while days are simulated. */
export class LiveCustomers implements CustomerSampler {
  cumulative: Float64Array;
  private countries: Uint8Array;
  private segments: Uint8Array;
  private deleted: Uint8Array;
  private signups: number[] = [];
  /** Customers existing before the simulated days. */
  private readonly base: number;
  count: number;

  constructor(
    private readonly seed: number,
    rows: { id: number; country: string; segment: string; deleted: boolean }[],
  ) {
    this.count = rows.reduce((m, r) => Math.max(m, r.id), 0);
    this.base = this.count;
    const capacity = this.count + 1024;
    this.cumulative = new Float64Array(capacity);
    this.countries = new Uint8Array(capacity);
    this.segments = new Uint8Array(capacity);
    this.deleted = new Uint8Array(capacity);
    for (const r of rows) {
      this.countries[r.id - 1] = Math.max(0, COUNTRIES.findIndex((c) => c.code === r.country));
      this.segments[r.id - 1] = Math.max(0, SEGMENTS.indexOf(r.segment as (typeof SEGMENTS)[number]));
      this.deleted[r.id - 1] = r.deleted ? 1 : 0;
    }
    let sum = 0;
    for (let id = 1; id <= this.count; id++) {
      sum += this.deleted[id - 1] ? 0 : customerWeight(seed, id);
      this.cumulative[id - 1] = sum;
    }
  }

  private grow(): void {
    const grow = <T extends Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.cumulative = grow(this.cumulative);
    this.countries = grow(this.countries);
    this.segments = grow(this.segments);
    this.deleted = grow(this.deleted);
  }

  eligibleCount(ms: number): number {
    let lo = 0;
    let hi = this.signups.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.signups[mid]! <= ms) lo = mid + 1;
      else hi = mid;
    }
    return this.base + lo;
  }

  isDeleted(id: number): boolean {
    return this.deleted[id - 1] === 1;
  }

  countryIndex(id: number): number {
    return this.countries[id - 1] ?? 0;
  }

  /** Signs up a day's new customers (about a fifth of the day's orders) and returns their rows. */
  signUp(dayMs: number, ordersPerDay: number): CustomerProfile[] {
    const rng = Prng.for(this.seed, 'adv-new', dayMs / DAY_MS);
    const n = Math.max(0, Math.round(ordersPerDay * 0.2 * dayWeight(dayMs) * (0.85 + rng.next() * 0.3)));
    const times = Array.from({ length: n }, () => dayMs + rng.int(0, DAY_MS - 1)).sort((a, b) => a - b);
    return times.map((t) => {
      const id = ++this.count;
      if (id > this.cumulative.length) this.grow();
      const identity = customerIdentity(this.seed, id);
      const country = customerCountryIndex(this.seed, id);
      this.countries[id - 1] = country;
      this.segments[id - 1] = SEGMENTS.indexOf(identity.segment as (typeof SEGMENTS)[number]);
      this.cumulative[id - 1] = (this.cumulative[id - 2] ?? 0) + customerWeight(this.seed, id);
      this.signups.push(t);
      return { customerId: id, ...identity, country: COUNTRIES[country]!.code, createdAtMs: t, updatedAtMs: t, deletedAtMs: null };
    });
  }

  /** A day's changes to existing customers: segment changes, moves to another country, soft deletes. */
  change(dayMs: number): { id: number; segment: string; country: string; updatedAtMs: number; deletedAtMs: number | null }[] {
    const rng = Prng.for(this.seed, 'adv-chg', dayMs / DAY_MS);
    const changes = new Map<number, { id: number; segment: string; country: string; updatedAtMs: number; deletedAtMs: number | null }>();
    const n = Math.max(1, Math.round(this.base * 0.001));
    const deletes = Math.round(this.base * 0.0002);
    for (let k = 0; k < n + deletes; k++) {
      const id = rng.int(1, this.base);
      if (this.deleted[id - 1] || changes.has(id)) continue;
      const at = dayMs + rng.int(0, DAY_MS - 1);
      if (k >= n) {
        this.deleted[id - 1] = 1;
        changes.set(id, { id, segment: SEGMENTS[this.segments[id - 1]!]!, country: COUNTRIES[this.countries[id - 1]!]!.code, updatedAtMs: at, deletedAtMs: at });
        continue;
      }
      if (rng.chance(0.2)) this.countries[id - 1] = (this.countries[id - 1]! + rng.int(1, COUNTRIES.length - 1)) % COUNTRIES.length;
      else this.segments[id - 1] = (this.segments[id - 1]! + rng.int(1, SEGMENTS.length - 1)) % SEGMENTS.length;
      changes.set(id, { id, segment: SEGMENTS[this.segments[id - 1]!]!, country: COUNTRIES[this.countries[id - 1]!]!.code, updatedAtMs: at, deletedAtMs: null });
    }
    return [...changes.values()].sort((a, b) => a.id - b.id);
  }
}
