// Does: measures the demo shop generator at scale 10 (1 M orders): rows per second and peak memory.
// Does not: touch PostgreSQL; rows are streamed in COPY text / Stripe JSON form to /dev/null.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DAY_MS, fileSink, generateShop, LandingWriter, populationFrame, shopCatalogue } from '../src/demo/index.js';
import { generateDayOrders } from '../src/demo/generate-orders.js';
import { initialSampler } from '../src/demo/generate-shop.js';
import type { BenchResult } from './bench-result.js';

const SCALE = 10;
const AS_OF = Date.UTC(2026, 10, 23);

/** Generates the scale-10 shop to /dev/null (COPY lines and Stripe JSON), then one day of clickstream to a temp folder. */
export async function runDemoBench(): Promise<BenchResult> {
  const spec = { seed: 42, scale: SCALE, asOfMs: AS_OF };
  const sink = () => fileSink('/dev/null');
  const sinks = { products: sink(), customers: sink(), orders: sink(), orderItems: sink(), charges: sink(), refunds: sink(), paymentIntents: sink() };
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const totals = await generateShop(spec, sinks);
  await Promise.all(Object.values(sinks).map((s) => s.end()));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  // CPU seconds of this process: steadier than wall time on a shared machine.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rows = totals.products + totals.customers + totals.orders + totals.orderItems + totals.charges + totals.refunds + totals.orders; // + one payment intent per order

  // Clickstream: one busy day (Black Friday week) at 500,000 events, written as hourly JSONL files.
  const dir = mkdtempSync(join(tmpdir(), 'demo-bench-'));
  const day = AS_OF - 1 * DAY_MS;
  const landing = new LandingWriter({ dir, seed: 42, eventsPerDay: 50_000 * SCALE, fromMs: day, catalogue: shopCatalogue(spec), customerCount: populationFrame(spec).initialCount });
  const orders = generateDayOrders(42, day, Math.round(1600 * SCALE), { nextOrderId: 1, nextItemId: 1 }, shopCatalogue(spec), initialSampler(populationFrame(spec)), AS_OF);
  const e0 = performance.now();
  await landing.writeDay(day, orders);
  const eventSeconds = (performance.now() - e0) / 1000;
  landing.close();
  rmSync(dir, { recursive: true, force: true });
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);

  return {
    bench: 'demo',
    params: { scale: SCALE, sink: '/dev/null (no PostgreSQL)', orders: totals.orders, rows, eventsPerDay: 50_000 * SCALE },
    metrics: [
      { name: 'generation throughput (customers, orders, items, charges, refunds, payment intents)', value: rows / seconds, unit: 'rows/s', target: { op: '>=', value: 100_000 } },
      { name: 'generation throughput per CPU second', value: rows / cpuSeconds, unit: 'rows/cpu-s' },
      { name: 'generation time at scale 10', value: seconds, unit: 's' },
      { name: 'peak memory (RSS)', value: peak / 1e6, unit: 'MB', target: { op: '<=', value: 1024 } },
      { name: 'clickstream throughput (hourly JSONL files)', value: (50_000 * SCALE) / eventSeconds, unit: 'events/s' },
    ],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runDemoBench();
  for (const m of result.metrics) process.stdout.write(`${m.name}: ${m.value.toFixed(m.value >= 100 ? 0 : 2)} ${m.unit}\n`);
}
