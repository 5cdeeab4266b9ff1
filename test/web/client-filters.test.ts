// The dashboard client's URL filters and number formats, without a browser: what a link holds is what the
// page shows, presets end on the last day with data, and numbers read like the server's KPI cards.
import { describe, expect, it } from 'vitest';
import { activePreset, addMonths, effectiveRange, filtersToSearch, parseFilters, presetRange, withValues } from '../../web/src/filters.js';
import { formatChange, formatCompact, formatValue } from '../../web/src/format.js';

const bounds = { min: '2025-11-23', max: '2026-11-22' };

describe('filters in the URL', () => {
  it('reads repeated and comma-separated values, drops bad dates and unknown parameters, and writes them back canonically', () => {
    const f = parseFilters('?category=Toys&category=Books,Pet&from=2026-13-45&to=2026-11-22&utm_source=x&country=');
    expect(f.values.category).toEqual(['Toys', 'Books', 'Pet']);
    expect(f.values.country).toEqual([]);
    expect(f.from).toBeUndefined();
    expect(f.to).toBe('2026-11-22');
    expect(filtersToSearch(f)).toBe('?to=2026-11-22&category=Toys%2CBooks%2CPet');
    expect(parseFilters(filtersToSearch(f))).toEqual(f);
    expect(filtersToSearch(parseFilters('?from=2026-11-01&to=2026-10-01'))).toBe('');
  });

  it('ends every preset on the last day with data and recognises it back from the dates', () => {
    expect(presetRange('7d', bounds)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetRange('90d', bounds)).toEqual({ from: '2026-08-25', to: '2026-11-22' });
    expect(presetRange('12m', bounds)).toEqual({ from: '2025-11-23', to: '2026-11-22' });
    expect(presetRange('all', bounds)).toEqual({ from: '2025-11-23', to: '2026-11-22' });
    const thirty = { ...parseFilters(''), ...presetRange('30d', bounds) };
    expect(activePreset(thirty, bounds)).toBe('30d');
    expect(activePreset(parseFilters(''), bounds)).toBe('90d');
    expect(activePreset(parseFilters('?from=2026-01-01&to=2026-01-31'), bounds)).toBeUndefined();
  });

  it('fills missing dates the way the server does: 90 days up to the last day, or 89 days before `to`', () => {
    expect(effectiveRange(parseFilters(''), bounds)).toEqual({ from: '2026-08-25', to: '2026-11-22' });
    expect(effectiveRange(parseFilters('?to=2026-03-31'), bounds)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('sets one dimension without touching the others', () => {
    const f = withValues(parseFilters('?country=US&from=2026-10-01&to=2026-10-31'), 'category', ['Toys']);
    expect(filtersToSearch(f)).toBe('?from=2026-10-01&to=2026-10-31&category=Toys&country=US');
  });
});

describe('number formats', () => {
  it('writes card values as the server renders them and axis values short', () => {
    expect(formatValue(14554773.99, 'usd')).toBe('$14,554,773.99');
    expect(formatValue(13281, 'count')).toBe('13,281');
    expect(formatValue(0.9654, 'percent')).toBe('96.5%');
    expect(formatValue(null, 'usd')).toBe('–');
    expect(formatCompact(14_554_773.99, 'usd')).toBe('$14.6M');
    expect(formatCompact(523_412, 'usd')).toBe('$523.4K');
    expect(formatCompact(0.32, 'percent')).toBe('32%');
    // Ticks of a narrow percent axis stay distinct.
    expect([0.9625, 0.965, 0.9675].map((v) => formatCompact(v, 'percent'))).toEqual(['96.3%', '96.5%', '96.8%']);
    expect(formatChange(0.032)).toEqual({ text: '+3.2% vs previous period', direction: 'up' });
    expect(formatChange(-0.0704, 'the day before')).toEqual({ text: '−7.0% vs the day before', direction: 'down' });
    expect(formatChange(0.0004)).toEqual({ text: '±0.0% vs previous period', direction: 'flat' });
    expect(formatChange(null)).toEqual({ text: 'no data for the previous period', direction: 'flat' });
  });
});
