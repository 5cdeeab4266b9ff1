import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, writeSpreadsheetExports } from '../../src/demo/index.js';

const dir = mkdtempSync(join(tmpdir(), 'demo-exports-'));
const ASOF = Date.UTC(2026, 10, 23);
let files: Record<string, string>;

/** A small RFC 4180 parser (quotes, doubled quotes, CRLF, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

beforeAll(async () => {
  files = await writeSpreadsheetExports({ dir, seed: 4, scale: 1, startMs: ASOF - 365 * DAY_MS, asOfMs: ASOF, badRowFraction: 0.05 });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('spreadsheet exports', () => {
  it('writes marketing spend as UTF-8 with a BOM, CRLF lines, one row per channel and day', () => {
    const bytes = readFileSync(files.marketingSpend!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['date', 'channel', 'spend', 'impressions', 'clicks', 'currency', 'notes']);
    expect(rows.length - 1).toBe(365 * 4);
  });

  it('writes campaign performance in latin-1 (accented names are single bytes), ~1,200 rows', () => {
    const bytes = readFileSync(files.campaignPerformance!);
    expect(bytes.includes(Buffer.from('été', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from('été', 'utf8'))).toBe(false);
    const rows = parseCsv(bytes.toString('latin1'));
    expect(rows.length - 1).toBeGreaterThan(900);
    expect(rows.length - 1).toBeLessThan(1500);
  });

  it('damages about the configured fraction of rows in each of the documented ways', () => {
    const rows = parseCsv(readFileSync(files.marketingSpend!, 'utf8').slice(1)).slice(1);
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
    const rows = parseCsv(readFileSync(files.fxRates!, 'utf8')).slice(1);
    expect(rows.length).toBe(365 * 2);
    for (const r of rows) expect(Number(r[3])).toBeGreaterThan(0.6);
  });

  it('leaves no temporary files behind', () => {
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
