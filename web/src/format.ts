// Number and date formats: full precision on cards and in tooltips, compact ($14.6M) on axes and labels.
import type { ValueFormat } from './api-types.js';

const usdFull = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdCompact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const countFull = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const countCompact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const ratioFull = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
// One decimal at most: an axis over a narrow range (success rates of 96–97%) needs it to tell its ticks apart.
const percentCompact = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

/** A value written in full: `$14,554,773.99`, `12,345`, `3.2%`, `2.41`; `–` when missing. */
export function formatValue(value: unknown, format: ValueFormat | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  switch (format) {
    case 'usd':
      return usdFull.format(n);
    case 'count':
      return countFull.format(n);
    case 'percent':
      return `${(n * 100).toFixed(1)}%`;
    case 'ratio':
      return `${ratioFull.format(n)}×`;
    default:
      return Number.isInteger(n) ? countFull.format(n) : ratioFull.format(n);
  }
}

/** A value written short for axes and labels: `$14.6M`, `12.3K`, `32%`, `96.5%`. */
export function formatCompact(value: unknown, format: ValueFormat | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return String(value);
  switch (format) {
    case 'usd':
      return Math.abs(n) < 1000 ? usdWhole.format(n) : usdCompact.format(n);
    case 'percent':
      return percentCompact.format(n);
    case 'ratio':
      return `${ratioFull.format(n)}×`;
    default:
      return countCompact.format(n);
  }
}

/** The change line of a KPI card, written as the server writes it: `+3.2% vs previous period`. */
export function formatChange(change: number | null, versus = 'previous period'): { text: string; direction: 'up' | 'down' | 'flat' } {
  if (change === null || !Number.isFinite(change)) return { text: `no data for the ${versus}`, direction: 'flat' };
  const pct = change * 100;
  const shown = Math.abs(pct) < 0.05 ? '0.0' : Math.abs(pct).toFixed(1);
  if (shown === '0.0') return { text: `±0.0% vs ${versus}`, direction: 'flat' };
  return { text: `${pct > 0 ? '+' : '−'}${shown}% vs ${versus}`, direction: pct > 0 ? 'up' : 'down' };
}

const dayFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const dayYearFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `Nov 22` for a `YYYY-MM-DD` date (with the year when `withYear`). */
export function formatDay(date: string, withYear = false): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return (withYear ? dayYearFormat : dayFormat).format(d);
}

/** `Nov 2026` for a date in that month. */
export function formatMonth(date: string): string {
  const d = new Date(`${date.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : monthFormat.format(d);
}

/** A timestamp in the reader's time zone, with the zone named: `Nov 22, 2026, 23:59 UTC`. */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(d);
}

/** A timestamp without its year, for table cells: `Nov 22, 11:59 PM`. */
export function formatShortTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** An age in seconds, coarse: `45 s`, `37 min`, `5 h 12 min`, `3 d 4 h`. */
export function formatAge(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** A duration in milliseconds as `850 ms`, `12.4 s` or `3 min 05 s`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  const sec = Math.round((ms % 60_000) / 1000);
  return `${min} min ${String(sec).padStart(2, '0')} s`;
}
