import { Prng, hashUnit } from './prng.js';
import { DAY_MS } from './calendar-shape.js';
import { COUNTRIES, NAMES, SEGMENTS } from './shop-reference-data.js';

/** The fixed frame of the initial customer population (ids 1..initialCount). */
export interface PopulationFrame {
  seed: number;
  startMs: number;
  initAsOfMs: number;
  initialCount: number;
}

/** A customer as the OLTP row holds it at a given time. */
export interface CustomerProfile {
  customerId: number;
  email: string;
  firstName: string;
  lastName: string;
  country: string;
  segment: string;
  createdAtMs: number;
  updatedAtMs: number;
  deletedAtMs: number | null;
}

const SEGMENT_SHARE = [0.7, 0.18, 0.05, 0.07];
const PRE_WINDOW_SHARE = 0.55;
const PRE_WINDOW_DAYS = 730;

function pickShare(u: number, shares: readonly number[]): number {
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]!;
    if (u < acc) return i;
  }
  return shares.length - 1;
}

/** Index into COUNTRIES of a customer's first country. */
export function customerCountryIndex(seed: number, id: number): number {
  return pickShare(hashUnit(seed, 'cc', id), COUNTRIES.map((c) => c.share));
}

/** Purchase propensity: Pareto-distributed so a minority of customers places most orders. */
export function customerWeight(seed: number, id: number): number {
  const u = hashUnit(seed, 'cw', id);
  return Math.min(40, Math.pow(1 - u, -1 / 1.15)) - 0.6;
}

/** Sign-up time of an initial customer: ids are in sign-up order, 55% before the window. */
export function signupMs(frame: PopulationFrame, id: number): number {
  const f = (id - 0.5) / frame.initialCount;
  const jitter = hashUnit(frame.seed, 'sj', id) * 600_000;
  if (f < PRE_WINDOW_SHARE) return frame.startMs - PRE_WINDOW_DAYS * DAY_MS + (f / PRE_WINDOW_SHARE) * PRE_WINDOW_DAYS * DAY_MS + jitter;
  return frame.startMs + ((f - PRE_WINDOW_SHARE) / (1 - PRE_WINDOW_SHARE)) * (frame.initAsOfMs - frame.startMs - 600_000) + jitter;
}

/** How many initial customers have signed up by time `ms` (inverse of signupMs, conservative). */
export function signedUpCount(frame: PopulationFrame, ms: number): number {
  const pre = frame.startMs - PRE_WINDOW_DAYS * DAY_MS;
  let f: number;
  if (ms < pre) f = 0;
  else if (ms < frame.startMs) f = ((ms - pre - 600_000) / (PRE_WINDOW_DAYS * DAY_MS)) * PRE_WINDOW_SHARE;
  else f = PRE_WINDOW_SHARE + ((ms - frame.startMs - 600_000) / (frame.initAsOfMs - frame.startMs - 600_000)) * (1 - PRE_WINDOW_SHARE);
  return Math.max(0, Math.min(frame.initialCount, Math.floor(f * frame.initialCount + 0.5)));
}

/** Planned history of an initial customer: one optional segment/country change and an optional soft delete. */
export function customerPlan(frame: PopulationFrame, id: number): { changeMs: number | null; moves: boolean; deletedMs: number | null } {
  const created = signupMs(frame, id);
  const span = frame.initAsOfMs - created;
  const changes = hashUnit(frame.seed, 'chg', id) < 0.14;
  const deleted = hashUnit(frame.seed, 'del', id) < 0.02;
  return {
    changeMs: changes ? created + Math.floor(hashUnit(frame.seed, 'chgt', id) * span) : null,
    moves: changes && hashUnit(frame.seed, 'mv', id) < 0.25,
    deletedMs: deleted ? created + Math.floor((0.3 + 0.7 * hashUnit(frame.seed, 'delt', id)) * span) : null,
  };
}

/** Country index of a customer at time `ms`, following a planned move. */
export function countryIndexAt(frame: PopulationFrame, id: number, ms: number): number {
  const first = customerCountryIndex(frame.seed, id);
  if (id > frame.initialCount) return first;
  const plan = customerPlan(frame, id);
  if (plan.moves && plan.changeMs !== null && ms >= plan.changeMs) return (first + 1 + Math.floor(hashUnit(frame.seed, 'mvto', id) * (COUNTRIES.length - 1))) % COUNTRIES.length;
  return first;
}

// Email local parts are plain ASCII; computed once per name rather than once per charge.
const ASCII = new Map([...NAMES.first, ...NAMES.last].map((n) => [n, n.normalize('NFD').replace(/[^a-zA-Z]/g, '').toLowerCase()]));
const ascii = (s: string): string => ASCII.get(s) ?? s;

/** A new customer's identity fields (names, email, first segment), a pure function of seed and id. */
export function customerIdentity(seed: number, id: number): { firstName: string; lastName: string; email: string; segment: string } {
  const rng = Prng.for(seed, 'cust', id);
  const firstName = rng.pick(NAMES.first);
  const lastName = rng.pick(NAMES.last);
  const segment = SEGMENTS[pickShare(rng.next(), SEGMENT_SHARE)]!;
  return { firstName, lastName, email: `${ascii(firstName)}.${ascii(lastName)}.${id}@example.com`, segment };
}

/** The OLTP row of an initial customer as of `frame.initAsOfMs`. */
export function initialCustomer(frame: PopulationFrame, id: number): CustomerProfile {
  const identity = customerIdentity(frame.seed, id);
  const plan = customerPlan(frame, id);
  const created = Math.floor(signupMs(frame, id));
  let segment = identity.segment;
  if (plan.changeMs !== null && !plan.moves) {
    const idx = SEGMENTS.indexOf(segment as (typeof SEGMENTS)[number]);
    segment = SEGMENTS[(idx + 1 + Math.floor(hashUnit(frame.seed, 'sgto', id) * 3)) % SEGMENTS.length]!;
  }
  const updated = Math.max(created, plan.changeMs ?? 0, plan.deletedMs ?? 0);
  return {
    customerId: id,
    ...identity,
    segment,
    country: COUNTRIES[countryIndexAt(frame, id, frame.initAsOfMs)]!.code,
    createdAtMs: created,
    updatedAtMs: Math.floor(updated),
    deletedAtMs: plan.deletedMs === null ? null : Math.floor(plan.deletedMs),
  };
}
