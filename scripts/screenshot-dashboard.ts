// Takes the screenshot of the dashboard's overview that the README shows (docs/dashboard-overview.png), at
// 1440×900 in Debian's headless Chromium, once every chart is drawn.
//
//   npx tsx scripts/screenshot-dashboard.ts --url http://127.0.0.1:8501            # a running `mercator serve`
//   npx tsx scripts/screenshot-dashboard.ts --project-dir /tmp/shop-copy           # starts its own server
//   options: --out FILE (default docs/dashboard-overview.png), --path /sales, --dark, --width 1440 --height 900
//
// --project-dir opens the project's DuckDB file: point it at a copy, not at a warehouse another server holds.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createMemoryLogger } from '../src/log/index.js';
import { startServer, type RunningServer } from '../src/serve/index.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'project-dir': { type: 'string' },
    out: { type: 'string', default: join(import.meta.dirname, '../docs/dashboard-overview.png') },
    path: { type: 'string', default: '/' },
    dark: { type: 'boolean', default: false },
    width: { type: 'string', default: '1440' },
    height: { type: 'string', default: '900' },
    chromium: { type: 'string', default: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' },
  },
});

async function main(): Promise<void> {
  let server: RunningServer | undefined;
  let base = values.url;
  if (!base) {
    if (!values['project-dir']) throw new Error('Pass --url of a running `mercator serve` or --project-dir of a built project (a copy).');
    server = await startServer({ projectDir: resolve(values['project-dir']), port: 0, logger: createMemoryLogger() });
    base = server.url;
  }
  const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: Number(values.width), height: Number(values.height) }, colorScheme: values.dark ? 'dark' : 'light', deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(new URL(values.path, base).href);
    await page.waitForFunction(
      `document.querySelectorAll('[data-chart]').length > 0 && [...document.querySelectorAll('[data-chart]')].every((e) => e.dataset.state && e.dataset.state !== 'loading')`,
      undefined,
      { timeout: 60_000 },
    );
    // Chart entry animations last 400 ms.
    await page.waitForTimeout(800);
    const notDrawn = await page.evaluate<string[]>(`[...document.querySelectorAll('[data-chart]')].filter((e) => e.dataset.state !== 'ready').map((e) => e.dataset.chart)`);
    if (notDrawn.length > 0 || errors.length > 0) throw new Error(`The page is not fully drawn: charts ${notDrawn.join(', ') || 'ok'}; console errors: ${errors.join(' | ') || 'none'}`);
    await page.screenshot({ path: values.out });
    console.log(`wrote ${values.out}`);
  } finally {
    await browser.close();
    await server?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
