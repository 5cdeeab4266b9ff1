// The dashboard at a realistic scale: the overview's largest contentful paint in headless Chromium and
// the API's warm p95 latency, each against a baseline measured in the same run (first byte of the page;
// the same requests answered cold, before the cache holds them).
// Scale: MERCATOR_BENCH_DASHBOARD_SCALE (default 10 = 1 M orders). The built shop is kept in
// bench/.work/dashboard-scale-<n> so a second run measures without rebuilding it. Alone: npx tsx bench/dashboard-bench.ts
import { chmodSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runDemoPipeline } from '../src/cli/commands/demo-pipeline-run.js';
import { demoStop } from '../src/demo/index.js';
import { createMemoryLogger } from '../src/log/index.js';
import { startServer } from '../src/serve/index.js';
import type { BenchResult } from './bench-result.js';

const PROJECT = fileURLToPath(new URL('../projects/shop/', import.meta.url));
const WORK = fileURLToPath(new URL('./.work/', import.meta.url));
const GENERATED = new Set(['demo', '.mercator', 'target', 'logs', 'warehouse.duckdb', 'warehouse.duckdb.wal']);
const CHROMIUM = process.env.MERCATOR_CHROMIUM ?? '/usr/bin/chromium';

/** Requests the overview and the other pages make, measured warm for the p95. */
const API_REQUESTS = [
  '/api/kpis',
  '/api/metrics?metrics=revenue&dimensions=date:day',
  '/api/metrics?metrics=orders&dimensions=date:day',
  '/api/metrics?metrics=revenue&dimensions=product&sort=-revenue&limit=10',
  '/api/metrics?metrics=revenue&dimensions=category',
  '/api/metrics?metrics=revenue,orders&dimensions=date:month',
  '/api/metrics?metrics=revenue,orders,average_order_value&dimensions=country',
  '/api/metrics?metrics=payment_success_rate,refund_rate&dimensions=payment_method',
  '/api/metrics?metrics=spend,roas&dimensions=channel',
  '/api/analysis/ltv_histogram',
  '/api/analysis/cohort_retention',
  '/api/analysis/funnel',
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A built shop at the scale, reused from an earlier run when present. */
async function builtShop(scale: number): Promise<string> {
  const dir = join(WORK, `dashboard-scale-${scale}`);
  if (existsSync(join(dir, 'warehouse.duckdb')) && existsSync(join(dir, 'target', 'manifest.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755); // as root, the embedded PostgreSQL runs as `postgres` and must reach its data folder
  cpSync(PROJECT, dir, { recursive: true, filter: (src) => !GENERATED.has(src.slice(PROJECT.length).split('/')[0] ?? '') });
  const logger = createMemoryLogger();
  try {
    const result = await runDemoPipeline({ dir, scale, seed: 42, eventDays: 14 }, logger);
    if (!result.success) throw new Error(`building the scale-${scale} shop failed: ${result.tests.failed} tests failed, ${result.ingest.failures.length} streams failed`);
  } finally {
    await demoStop(dir, logger).catch(() => undefined); // the systems are not needed to serve; stopping them is best effort
  }
  return dir;
}

async function timeRequest(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

/** Largest contentful paint and first byte of one page load, in ms. */
async function pageLoad(url: string): Promise<{ lcp: number; ttfb: number }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url, { waitUntil: 'networkidle' });
    // Evaluated in the page (DOM types are not in this Node project's lib, hence the string).
    return (await page.evaluate(`new Promise((done) => {
      const nav = performance.getEntriesByType('navigation')[0];
      new PerformanceObserver((list) => {
        const entries = list.getEntries();
        done({ lcp: entries.length ? entries[entries.length - 1].startTime : NaN, ttfb: nav ? nav.responseStart : NaN });
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    })`)) as { lcp: number; ttfb: number };
  } finally {
    await browser.close();
  }
}

/** Builds (or reuses) the shop at the scale, serves it, and measures the overview and the API. */
export async function runDashboardBench(scale = Number(process.env.MERCATOR_BENCH_DASHBOARD_SCALE ?? 10)): Promise<BenchResult> {
  const dir = await builtShop(scale);
  const server = await startServer({ projectDir: dir, port: 0, host: '127.0.0.1', logger: createMemoryLogger() });
  try {
    const cold = [];
    for (const path of API_REQUESTS) cold.push(await timeRequest(server.url + path));
    const warm = [];
    for (let round = 0; round < 20; round++) for (const path of API_REQUESTS) warm.push(await timeRequest(server.url + path));
    const loads = [];
    for (let i = 0; i < 3; i++) loads.push(await pageLoad(server.url + '/'));
    const lcp = percentile(loads.map((l) => l.lcp), 50);
    return {
      bench: 'dashboard',
      params: { scale, pageLoads: loads.length, apiRequests: warm.length },
      metrics: [
        { name: 'overview largest contentful paint (median of 3)', value: lcp, unit: 'ms', target: { op: '<=', value: 1000 }, baseline: { name: 'first byte of the page', value: percentile(loads.map((l) => l.ttfb), 50), unit: 'ms' } },
        { name: 'API p95 latency, warm', value: percentile(warm, 95), unit: 'ms', target: { op: '<=', value: 100 }, baseline: { name: 'p95 cold (first request of each)', value: percentile(cold, 95), unit: 'ms' } },
        { name: 'API p50 latency, warm', value: percentile(warm, 50), unit: 'ms' },
      ],
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await runDashboardBench(), null, 2));
}
