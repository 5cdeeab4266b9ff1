import { Prng, hashUnit } from './prng.js';
import { DAY_MS, dayWeight, isoDay } from './calendar-shape.js';
import { CHANNELS } from './shop-reference-data.js';

/** Marketing spend of one channel on one day (USD cents). */
export interface SpendRow {
  date: string;
  channel: string;
  spendCents: number;
  impressions: number;
  clicks: number;
}

/** One day of one campaign's performance. */
export interface CampaignRow {
  date: string;
  campaignId: string;
  campaignName: string;
  channel: string;
  impressions: number;
  clicks: number;
  spendCents: number;
  conversions: number;
  revenueCents: number;
}

/** Daily marketing budget at scale 1, USD cents, before the demand curve. */
const DAILY_BUDGET_CENTS = 260_000;

/** Spend rows (one per channel) for a day; a pure function of seed, scale and day. */
export function spendRows(seed: number, scale: number, dayMs: number): SpendRow[] {
  return CHANNELS.map((c) => {
    const rng = Prng.for(seed, 'spend', c.name, dayMs);
    const spendCents = Math.round(DAILY_BUDGET_CENTS * scale * c.share * dayWeight(dayMs) * (0.8 + rng.next() * 0.4));
    const cpm = c.name === 'email' ? 40 : c.name === 'search' ? 900 : 600;
    const impressions = Math.round((spendCents / cpm) * 1000 * (0.9 + rng.next() * 0.2) / 100);
    const ctr = c.name === 'search' ? 0.045 : c.name === 'email' ? 0.03 : 0.012;
    return { date: isoDay(dayMs), channel: c.name, spendCents, impressions, clicks: Math.round(impressions * ctr * (0.8 + rng.next() * 0.4)) };
  });
}

const NAME_PARTS = ['Spring Sale', "Soldes d'été", 'Sommer-Aktion Größen', 'Rentrée', 'Navidad y Año Nuevo', 'Black Friday', 'Cyber Monday', 'Winter Warmers', 'Back to School', 'Fête des mères', 'Brand Awareness', 'Retargeting', 'Newsletter Weekly', 'Partner Push'];
const SLOTS = 4;

/** The campaign a slot runs on a day, if any: slots run campaigns of 14–60 days with gaps, from `epochMs`. */
function campaignOn(seed: number, slot: number, epochMs: number, dayMs: number): { index: number; channel: string; name: string } | undefined {
  let cursor = epochMs + Math.floor(hashUnit(seed, 'slot', slot) * 20) * DAY_MS;
  for (let k = 0; cursor <= dayMs; k++) {
    const length = (14 + Math.floor(hashUnit(seed, 'camp-len', slot, k) * 47)) * DAY_MS;
    const gap = Math.floor(hashUnit(seed, 'camp-gap', slot, k) * 14) * DAY_MS;
    if (dayMs < cursor + length) {
      const channel = CHANNELS[Math.floor(hashUnit(seed, 'camp-ch', slot, k) * CHANNELS.length)]!.name;
      return { index: slot * 10_000 + k, channel, name: `${NAME_PARTS[Math.floor(hashUnit(seed, 'camp-name', slot, k) * NAME_PARTS.length)]!} ${k + 1}` };
    }
    cursor += length + gap;
  }
  return undefined;
}

/** Campaign performance rows of a day (about 3 active campaigns a day, ~1,200 rows a year). */
export function campaignRows(seed: number, scale: number, epochMs: number, dayMs: number): CampaignRow[] {
  const rows: CampaignRow[] = [];
  for (let slot = 0; slot < SLOTS; slot++) {
    const c = campaignOn(seed, slot, epochMs, dayMs);
    if (!c) continue;
    const rng = Prng.for(seed, 'camp-day', c.index, dayMs);
    const spendCents = Math.round(30_000 * scale * dayWeight(dayMs) * (0.6 + rng.next() * 0.8));
    const impressions = Math.round(spendCents * (5 + rng.next() * 4) / 10);
    const clicks = Math.round(impressions * (0.01 + rng.next() * 0.03));
    const conversions = Math.round(clicks * (0.01 + rng.next() * 0.04));
    rows.push({ date: isoDay(dayMs), campaignId: `cmp_${String(c.index).padStart(5, '0')}`, campaignName: c.name, channel: c.channel, impressions, clicks, spendCents, conversions, revenueCents: conversions * rng.int(4_000, 16_000) });
  }
  return rows;
}
