import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateShop, HashSink, LandingWriter, populationFrame, shopCatalogue, writeSpreadsheetExports, DAY_MS, type ShopSpec } from '../../src/demo/index.js';

const ASOF = Date.UTC(2026, 10, 23);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function digests(spec: ShopSpec): Promise<Record<string, string>> {
  const sinks = { products: new HashSink(), customers: new HashSink(), orders: new HashSink(), orderItems: new HashSink(), charges: new HashSink(), refunds: new HashSink() };
  await generateShop(spec, sinks);
  return Object.fromEntries(Object.entries(sinks).map(([k, s]) => [k, s.digest()]));
}

function filesOf(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length)] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

/** Writes the files with the src/ landing writer in-thread, or with the built one's event-batch worker thread. */
async function writeFiles(seed: number, eventsInWorker = false): Promise<Record<string, Buffer>> {
  const Landing = eventsInWorker
    ? ((await import(new URL('../../dist/demo/landing-folder.js', import.meta.url).href)) as { LandingWriter: typeof LandingWriter }).LandingWriter
    : LandingWriter;
  const dir = mkdtempSync(join(tmpdir(), 'demo-det-'));
  dirs.push(dir);
  const spec = { seed, scale: 0.02, asOfMs: ASOF };
  await writeSpreadsheetExports({ dir: join(dir, 'exports'), seed, scale: 0.02, startMs: ASOF - 365 * DAY_MS, asOfMs: ASOF, badRowFraction: 0.05 });
  const landing = new Landing({ dir: join(dir, 'landing'), seed, eventsPerDay: 2000, fromMs: ASOF - 3 * DAY_MS, catalogue: shopCatalogue(spec), customerCount: populationFrame(spec).initialCount, eventsInWorker });
  const noop = new HashSink();
  await generateShop(spec, { products: noop, customers: noop, orders: noop, orderItems: noop, charges: noop, refunds: noop, onDay: async (day, orders) => {
    landing.addShipments(orders);
    await landing.writeDay(day, orders);
  } });
  await landing.close();
  // Parquet files embed the writer's version string but no time; they are compared too.
  return filesOf(dir);
}

describe('demo generator determinism', () => {
  it('gives byte-identical rows for the same seed, and different rows for another seed', async () => {
    const a = await digests({ seed: 7, scale: 0.03, asOfMs: ASOF });
    const b = await digests({ seed: 7, scale: 0.03, asOfMs: ASOF });
    const c = await digests({ seed: 8, scale: 0.03, asOfMs: ASOF });
    expect(a).toEqual(b);
    expect(a.orders).not.toBe(c.orders);
    expect(a.charges).not.toBe(c.charges);
  });

  it('writes byte-identical CSV exports, event batches and drops for the same seed', async () => {
    const a = await writeFiles(11);
    const b = await writeFiles(11);
    expect(Object.keys(a).length).toBeGreaterThan(70);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const name of Object.keys(a)) expect(b[name]!.equals(a[name]!), name).toBe(true);
    const c = await writeFiles(12);
    expect(c['/exports/marketing_spend.csv']!.equals(a['/exports/marketing_spend.csv']!)).toBe(false);
  });

  it('writes the same event batches from the worker thread `demo init` uses (as built) as in-thread', async () => {
    const inThread = await writeFiles(11);
    const inWorker = await writeFiles(11, true);
    const batches = Object.keys(inThread).filter((name) => name.includes('/events/'));
    expect(batches.length).toBe(72);
    expect(Object.keys(inWorker)).toEqual(Object.keys(inThread));
    for (const name of Object.keys(inThread)) expect(inWorker[name]!.equals(inThread[name]!), name).toBe(true);
  });
});
