import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, writeSpreadsheetExports } from '../../src/demo/index.js';
import { parseCsv } from '../../src/transform/run/parse-csv.js';

const dir = mkdtempSync(join(tmpdir(), 'demo-exports-'));
const ASOF = Date.UTC(2026, 10, 23);
let files: Record<string, string>;

/** Rows of fields, through the engine's RFC 4180 reader (the one seeds use). */
const csvRows = (text: string): string[][] => parseCsv(text).rows;

beforeAll(async () => {
  files = await writeSpreadsheetExports({ dir, seed: 4, scale: 1, startMs: ASOF - 365 * DAY_MS, asOfMs: ASOF, badRowFraction: 0.05 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spreadsheet exports', () => {
  it('writes marketing spend as UTF-8 with a BOM, CRLF lines, one row per channel and day', () => {
    const bytes = readFileSync(files.marketingSpend!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['date', 'channel', 'spend', 'impressions', 'clicks', 'currency', 'notes']);
    expect(rows.length - 1).toBe(365 * 4);
  });

  it('writes campaign performance in latin-1 (accented names are single bytes), ~1,200 rows', () => {
    const bytes = readFileSync(files.campaignPerformance!);
    expect(bytes.includes(Buffer.from('été', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('été', 'utf8'))).toBe(false);
    const rows = csvRows(bytes.toString('latin1'));
    expect(rows.length - 1).toBeGreaterThan(900);
    expect(rows.length - 1).toBeLessThan(1500);
  });

  it('damages about the configured fraction of rows in each of the documented ways', () => {
    const rows = csvRows(readFileSync(files.marketingSpend!, 'utf8').slice(1)).slice(1);
    const badDate = rows.filter((r) => !/^\d{4}-\d{2}-\d{2}$/.test(r[0] ?? '')).length;
    const badAmount = rows.filter((r) => r.length === 7 && !/^\d+\.\d{2}$/.test(r[2] ?? '')).length;
    const wrongWidth = rows.filter((r) => r.length !== 7).length;
    const newline = rows.filter((r) => (r[6] ?? '').includes('\n')).length;
    const bad = badDate + badAmount + wrongWidth + newline;
    expect(bad / rows.length).toBeGreaterThan(0.025);
    expect(bad / rows.length).toBeLessThan(0.08);
    for (const n of [badDate, badAmount, wrongWidth, newline]) expect(n).toBeGreaterThan(0);
  });

  it('writes a clean daily FX table for EUR and GBP', () => {
    const rows = csvRows(readFileSync(files.fxRates!, 'utf8')).slice(1);
    expect(rows.length).toBe(365 * 2);
    for (const r of rows) expect(Number(r[3])).toBeGreaterThan(0.6);
  });

  it('leaves no temporary files behind', () => {
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
