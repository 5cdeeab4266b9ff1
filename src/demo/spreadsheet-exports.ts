import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.js';
import { DAY_MS, isoDay } from './calendar-shape.js';
import { Prng } from './prng.js';
import { fxRate } from './fx-rates.js';
import { campaignRows, spendRows } from './generate-marketing.js';
import { money } from './oltp-rows.js';

/** Settings of the spreadsheet exports. */
export interface ExportOptions {
  dir: string;
  seed: number;
  scale: number;
  startMs: number;
  /** Exports cover days before this UTC midnight. */
  asOfMs: number;
  /** Fraction of rows (0..1) made bad on purpose. */
  badRowFraction: number;
}

/** The kinds of damage a bad row can have. */
export type BadRowKind = 'bad_date' | 'bad_amount' | 'missing_column' | 'extra_column' | 'quoted_newline';
const BAD_KINDS: readonly BadRowKind[] = ['bad_date', 'bad_amount', 'missing_column', 'extra_column', 'quoted_newline'];
const BAD_DATES = ['31/02/2026', 'TBD', '2026-13-01', 'yesterday', '#N/A'];
const BAD_AMOUNTS = ['n/a', '#REF!', '1.234,5x', 'twelve', '--'];

/** Quotes a CSV field the way Google Sheets does: only when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Applies one deterministic kind of damage to a row (fields as strings). */
function damage(fields: string[], kind: BadRowKind, rng: Prng, dateIdx: number, amountIdx: number, textIdx: number): string[] {
  const out = [...fields];
  if (kind === 'bad_date') out[dateIdx] = rng.pick(BAD_DATES);
  else if (kind === 'bad_amount') out[amountIdx] = rng.pick(BAD_AMOUNTS);
  else if (kind === 'missing_column') out.pop();
  else if (kind === 'extra_column') out.push('unexpected');
  else out[textIdx] = `${out[textIdx] ?? ''}\nsee comment`;
  return out;
}

/** Writes one CSV with CRLF lines (as Sheets does), optional BOM and encoding; returns the bad-row count. */
function writeSheet(path: string, header: string[], rows: Iterable<string[]>, options: { bom?: boolean; latin1?: boolean }): void {
  const lines = [header.map(csvField).join(',')];
  for (const r of rows) lines.push(r.map(csvField).join(','));
  const text = (options.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
  writeFileAtomic(path, options.latin1 ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8'));
}

/**
 * Writes the spreadsheet exports for [startMs, asOfMs): `marketing_spend.csv` (UTF-8 with BOM),
 * `campaign_performance.csv` (latin-1) and `fx_rates.csv` (clean); returns name → path.
 */
export async function writeSpreadsheetExports(options: ExportOptions): Promise<Record<string, string>> {
  const days: number[] = [];
  for (let d = options.startMs; d < options.asOfMs; d += DAY_MS) days.push(d);
  const bad = (rng: Prng): BadRowKind | undefined => (rng.next() < options.badRowFraction ? rng.pick(BAD_KINDS) : undefined);

  function* spend(): Generator<string[]> {
    for (const d of days) {
      for (const r of spendRows(options.seed, options.scale, d)) {
        const rng = Prng.for(options.seed, 'bad-spend', r.channel, d);
        const fields = [r.date, r.channel, money(r.spendCents), String(r.impressions), String(r.clicks), 'USD', ''];
        const kind = bad(rng);
        yield kind ? damage(fields, kind, rng, 0, 2, 6) : fields;
      }
    }
  }
  function* campaigns(): Generator<string[]> {
    for (const d of days) {
      for (const r of campaignRows(options.seed, options.scale, options.startMs, d)) {
        const rng = Prng.for(options.seed, 'bad-camp', r.campaignId, d);
        const fields = [r.date, r.campaignId, r.campaignName, r.channel, String(r.impressions), String(r.clicks), money(r.spendCents), String(r.conversions), money(r.revenueCents)];
        const kind = bad(rng);
        yield kind ? damage(fields, kind, rng, 0, 6, 2) : fields;
      }
    }
  }
  function* rates(): Generator<string[]> {
    for (const d of days) for (const c of ['EUR', 'GBP'] as const) yield [isoDay(d), 'USD', c, fxRate(options.seed, c, d).toFixed(6)];
  }
  const files = {
    marketingSpend: join(options.dir, 'marketing_spend.csv'),
    campaignPerformance: join(options.dir, 'campaign_performance.csv'),
    fxRates: join(options.dir, 'fx_rates.csv'),
  };
  writeSheet(files.marketingSpend, ['date', 'channel', 'spend', 'impressions', 'clicks', 'currency', 'notes'], spend(), { bom: true });
  writeSheet(files.campaignPerformance, ['date', 'campaign_id', 'campaign_name', 'channel', 'impressions', 'clicks', 'spend', 'conversions', 'revenue'], campaigns(), { latin1: true });
  writeSheet(files.fxRates, ['date', 'base_currency', 'quote_currency', 'rate'], rates(), {});
  return files;
}
