// The dashboard in Debian's headless Chromium against the real server on a built shop (scale 0.02, real
// PostgreSQL): every page draws without console errors; the KPI cards equal SQL written directly on the marts,
// before and after a filter; filters change the charts and the URL, survive a reload and back/forward; a CSV
// export holds the chart's rows; clicking a bar filters the page; auto-refresh updates without a reload; the
// layout fits a phone; dark mode follows the system.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { startServer, type RunningServer } from '../../src/serve/index.js';
import { runTransformTask } from '../../src/transform/index.js';
import { parseCsv } from '../../src/transform/run/parse-csv.js';
import { openWarehouse, type JsonRow, type Warehouse } from '../../src/warehouse/index.js';
import { shopFixture, type ShopFixture } from '../shop/shop-fixture.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const REPO = join(import.meta.dirname, '../..');
const PAGES = ['/', '/sales', '/products', '/geography', '/customers', '/payments', '/marketing', '/funnel', '/operations'];

let f: ShopFixture;
let warehouse: Warehouse;
let server: RunningServer;
let browser: Browser;
let webDir: string;

beforeAll(async () => {
  // The client as web/ holds it now, built into a folder of its own (not whatever dist/web holds).
  webDir = mkdtempSync(join(tmpdir(), 'mercator-web-'));
  await build({ configFile: join(REPO, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: webDir, emptyOutDir: true } });
  f = await shopFixture(inject('pgUrl'), 'web_e2e');
  // Pages refetch every 5 s (the shortest the config allows), so the auto-refresh test need not wait minutes.
  const config = join(f.dir, 'mercator.yml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}\nserve:\n  refresh_seconds: 5\n`);
  const built = await f.pipeline();
  expect(built.success).toBe(true);
  warehouse = await openWarehouse({ type: 'duckdb', path: f.warehousePath });
  server = await startServer({ projectDir: f.dir, port: 0, host: '127.0.0.1', logger: createMemoryLogger(), webDir, warehouse });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await warehouse?.close();
  await f?.close();
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

const sql = async (text: string): Promise<JsonRow[]> => (await warehouse.queryJson(text)).rows;
const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;
const money = (n: number): string => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const whole = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** The default period of the API: 90 days up to the newest order date. */
const PERIOD = `(SELECT max(order_date) - 89 AS lo, max(order_date) AS hi FROM marts.fct_orders)`;

/** The four KPI values as the cards write them, computed on the marts for the default period and an optional category. */
async function expectedKpis(category?: string): Promise<Record<string, string>> {
  const where = category ? `AND product_id IN (SELECT product_id FROM marts.dim_products WHERE category = ${literal(category)})` : '';
  const [row] = await sql(`
    SELECT CAST(round(sum(line_total_usd), 2) AS VARCHAR) AS revenue,
           CAST(count(DISTINCT order_id) AS VARCHAR) AS orders,
           CAST(count(DISTINCT customer_id) AS VARCHAR) AS active,
           CAST((SELECT count(DISTINCT order_id) FROM marts.fct_orders, ${PERIOD} p2 WHERE is_revenue AND order_date = p2.hi ${where}) AS VARCHAR) AS today
    FROM marts.fct_orders, ${PERIOD} p
    WHERE is_revenue AND order_date BETWEEN p.lo AND p.hi ${where}`);
  const revenue = Number(row!['revenue']);
  const orders = Number(row!['orders']);
  return {
    revenue: money(revenue),
    orders_today: whole(Number(row!['today'])),
    average_order_value: money(Math.round((revenue / orders) * 100) / 100),
    active_customers: whole(Number(row!['active'])),
  };
}

/** Categories by revenue in the default period, largest first. */
async function categoriesByRevenue(): Promise<string[]> {
  const rows = await sql(`
    SELECT p.category FROM marts.fct_orders o JOIN marts.dim_products p USING (product_id), ${PERIOD} d
    WHERE o.is_revenue AND o.order_date BETWEEN d.lo AND d.hi GROUP BY 1 ORDER BY sum(o.line_total_usd) DESC`);
  return rows.map((r) => String(r['category']));
}

/** A page that records console errors and uncaught exceptions. */
async function openPage(context: BrowserContext, path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(server.url + path);
  await chartsSettled(page);
  return { page, errors };
}

/** Waits until no card is loading any more. */
async function chartsSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    `document.querySelectorAll('[data-chart]').length > 0 && [...document.querySelectorAll('[data-chart]')].every((e) => e.dataset.state && e.dataset.state !== 'loading')`,
    undefined,
    { timeout: 30_000 },
  );
}

/** State of every card: `id:state` (and the message of a card that is not ready). */
async function cardStates(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(
    `[...document.querySelectorAll('[data-chart]')].map((c) => c.dataset.chart + ':' + c.dataset.state + (c.dataset.state === 'ready' ? '' : ' ' + c.querySelector('.card-status').textContent))`,
  );
}

/** The text of the four KPI values. */
async function kpiValues(page: Page): Promise<Record<string, string>> {
  const names = ['revenue', 'orders_today', 'average_order_value', 'active_customers'];
  const values = await Promise.all(names.map((n) => page.locator(`[data-kpi="${n}"] .kpi-value`).textContent()));
  return Object.fromEntries(names.map((n, i) => [n, values[i]?.trim() ?? '']));
}

/** Clicks a card's CSV button and returns the downloaded rows (header first). */
async function downloadCsv(page: Page, chart: string): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-chart="${chart}"] a.csv`).click()]);
  return parseCsv(readFileSync((await download.path())!, 'utf8')).rows;
}

describe('dashboard in headless Chromium', () => {
  it('draws every page with every chart ready and no console errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      for (const path of PAGES) {
        const { page, errors } = await openPage(context, path);
        const states = await cardStates(page);
        expect(states.length, path).toBeGreaterThan(0);
        expect(states.filter((s) => !s.endsWith(':ready')), `${path}: cards not drawn`).toEqual([]);
        expect(errors, `${path}: console errors`).toEqual([]);
        expect(await page.locator('nav a[aria-current="page"]').getAttribute('href')).toMatch(new RegExp(`^${path === '/' ? '/(\\?|$)' : path}`));
        expect(await page.locator('#as-of').textContent()).toMatch(/^Data as of \w{3} \d{1,2}, \d{4}/);
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows KPI cards equal to SQL on the marts, in the first HTML and after a filter', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const { page, errors } = await openPage(context, '/');
      expect(await kpiValues(page)).toEqual(await expectedKpis());
      const [top] = await categoriesByRevenue();
      await page.selectOption('select[name="category"]', top!);
      await chartsSettled(page);
      const filtered = await expectedKpis(top);
      await expect.poll(() => kpiValues(page)).toEqual(filtered);
      expect(filtered['revenue']).not.toBe((await expectedKpis())['revenue']);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('applies a filter to the charts and the URL; reload and back/forward restore the view; CSV holds the chart rows', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    try {
      const { page, errors } = await openPage(context, '/');
      const before = await downloadCsv(page, 'revenue-daily');
      expect(before.length - 1).toBe(90);

      // The 30-day preset: the URL carries the dates, the daily chart holds 30 days.
      await page.locator('button[data-preset="30d"]').click();
      await chartsSettled(page);
      const [bounds] = await sql(`SELECT CAST(max(order_date) - 29 AS VARCHAR) AS lo, CAST(max(order_date) AS VARCHAR) AS hi FROM marts.fct_orders`);
      const url30 = new URL(page.url());
      expect(url30.searchParams.get('from')).toBe(bounds!['lo']);
      expect(url30.searchParams.get('to')).toBe(bounds!['hi']);
      const daily = await downloadCsv(page, 'revenue-daily');
      expect(daily.slice(1).map((r) => r[0])).toEqual(
        (await sql(`SELECT CAST(order_date AS VARCHAR) AS d FROM marts.fct_orders WHERE is_revenue AND order_date BETWEEN '${bounds!['lo']}' AND '${bounds!['hi']}' GROUP BY 1 ORDER BY 1`)).map((r) => r['d']),
      );

      // A category from the filter bar: the top-products chart holds that category's top ten, as SQL ranks them.
      const categories = await categoriesByRevenue();
      const category = categories[1]!;
      await page.selectOption('select[name="category"]', category);
      await chartsSettled(page);
      expect(new URL(page.url()).searchParams.get('category')).toBe(category);
      const top = await downloadCsv(page, 'top-products');
      const expected = await sql(`
        SELECT p.product_name AS product, CAST(round(sum(o.line_total_usd), 2) AS VARCHAR) AS revenue
        FROM marts.fct_orders o JOIN marts.dim_products p USING (product_id)
        WHERE o.is_revenue AND p.category = ${literal(category)} AND o.order_date BETWEEN '${bounds!['lo']}' AND '${bounds!['hi']}'
        GROUP BY 1 ORDER BY sum(o.line_total_usd) DESC, 1 LIMIT 10`);
      expect(top[0]).toEqual(['product', 'revenue']);
      expect(top.slice(1).map((r) => [r[0], Number(r[1]).toFixed(2)])).toEqual(expected.map((r) => [r['product'], Number(r['revenue']).toFixed(2)]));
      const kpisFiltered = await kpiValues(page);

      // Reload: the same view from the URL alone (the server renders the filtered KPIs into the HTML).
      const link = page.url();
      await page.reload();
      await chartsSettled(page);
      expect(page.url()).toBe(link);
      expect(await page.locator('select[name="category"]').inputValue()).toBe(category);
      expect(await page.locator('button[data-preset="30d"]').getAttribute('aria-pressed')).toBe('true');
      expect(await kpiValues(page)).toEqual(kpisFiltered);
      expect((await downloadCsv(page, 'top-products')).slice(1)).toEqual(top.slice(1));

      // Back: the 30-day view without the category; forward: with it again.
      await page.goBack();
      await chartsSettled(page);
      expect(new URL(page.url()).searchParams.get('category')).toBeNull();
      expect(await page.locator('select[name="category"]').inputValue()).toBe('');
      await expect.poll(() => kpiValues(page)).not.toEqual(kpisFiltered);
      await page.goForward();
      await chartsSettled(page);
      expect(await page.locator('select[name="category"]').inputValue()).toBe(category);
      await expect.poll(() => kpiValues(page)).toEqual(kpisFiltered);

      // The nav keeps the filters across pages; back on the overview the client draws the same cards itself.
      await page.locator('nav a', { hasText: 'Sales' }).click();
      await chartsSettled(page);
      expect(page.url()).toBe(link.replace(/\/\?/, '/sales?'));
      await page.locator('nav a', { hasText: 'Overview' }).click();
      await chartsSettled(page);
      expect(page.url()).toBe(link);
      await expect.poll(() => kpiValues(page)).toEqual(kpisFiltered);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('filters the page by the category of a clicked bar', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    try {
      const { page, errors } = await openPage(context, '/products');
      const categories = await categoriesByRevenue();
      // The horizontal bars list categories top to bottom by revenue: click the middle of the first band.
      const box = (await page.locator('[data-chart="category-revenue"] .chart').boundingBox())!;
      const gridTop = 16;
      const plotHeight = box.height - gridTop - 8 - 22;
      await page.mouse.click(box.x + box.width * 0.45, box.y + gridTop + plotHeight / categories.length / 2);
      await chartsSettled(page);
      expect(new URL(page.url()).searchParams.get('category')).toBe(categories[0]);
      expect(await page.locator('select[name="category"]').inputValue()).toBe(categories[0]);
      // The other charts are narrowed to it; the clicked chart still lists every category.
      const weekly = await downloadCsv(page, 'category-revenue-weekly');
      expect(new Set(weekly.slice(1).map((r) => r[1]))).toEqual(new Set([categories[0]]));
      const clicked = await downloadCsv(page, 'category-revenue');
      expect(clicked.slice(1).map((r) => r[0])).toEqual(categories);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('refreshes data in place after a build, without reloading the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const { page, errors } = await openPage(context, '/');
      const asOf = await page.locator('#as-of').getAttribute('data-as-of');
      await page.evaluate('window.__sameDocument = true');
      let metricRequests = 0;
      page.on('request', (r) => {
        if (r.url().includes('/api/metrics?')) metricRequests++;
      });
      const built = await runTransformTask('build', { projectDir: f.dir, logger: createMemoryLogger(), env: f.env, select: ['fct_daily_revenue'] });
      expect(built.success).toBe(true);
      await page.waitForFunction(`document.getElementById('as-of').dataset.asOf !== ${JSON.stringify(asOf)}`, undefined, { timeout: 20_000 });
      await chartsSettled(page);
      expect(await page.evaluate('window.__sameDocument === true')).toBe(true);
      expect(metricRequests).toBeGreaterThan(0);
      expect((await cardStates(page)).filter((s) => !s.endsWith(':ready'))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('says in words when a filter leaves no rows or a mart is missing, never with a stack trace', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const { page, errors } = await openPage(context, '/products?category=No%20such%20category');
      expect(await cardStates(page)).toContain('category-revenue-weekly:empty No data for these filters.');
      expect(errors).toEqual([]);
      // Last in this file: the funnel's mart disappears, as if a build dropped it.
      await warehouse.queryJson('DROP TABLE marts.funnel_daily');
      const broken = await openPage(context, '/funnel');
      const states = await cardStates(broken.page);
      expect(states.every((s) => /:error \S/.test(s)), states.join(' | ')).toBe(true);
      const text = (await broken.page.locator('main').textContent()) ?? '';
      expect(text).toMatch(/funnel_daily/);
      expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|Error:/);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('fits a 390 px phone screen and follows the system dark mode', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true });
    try {
      const { page, errors } = await openPage(context, '/');
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      const rightmost = await page.evaluate<number>(`Math.max(...[...document.querySelectorAll('[data-chart], .kpi, .filter-bar > *')].map((e) => e.getBoundingClientRect().right))`);
      expect(rightmost).toBeLessThanOrEqual(390);
      expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(14, 17, 22)');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
