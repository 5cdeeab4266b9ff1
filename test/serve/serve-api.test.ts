// The dashboard server on a built shop (scale 0.02, real PostgreSQL), over real HTTP on a free port:
// the KPI cards of the first HTML and the API's rows equal SQL written directly on the marts, filter values
// are bound, errors are coded, CSV equals JSON, the cache answers repeats and empties after a build, and the
// ops endpoints show the fixture's build.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { loadMetricLayer, summaryKpis } from '../../src/metrics/index.js';
import { hashPassword, startServer, type RunningServer } from '../../src/serve/index.js';
import { runTransformTask } from '../../src/transform/index.js';
import { openWarehouse } from '../../src/warehouse/index.js';
import { shopFixture, type ShopFixture } from '../shop/shop-fixture.js';

let f: ShopFixture;
let server: RunningServer;

beforeAll(async () => {
  f = await shopFixture(inject('pgUrl'), 'serve_api');
  const built = await f.pipeline();
  expect(built.success).toBe(true);
  server = await startServer({ projectDir: f.dir, port: 0, host: '127.0.0.1', logger: createMemoryLogger() });
}, 180_000);
afterAll(async () => {
  await server?.close();
  await f?.close();
});

const get = (path: string, init?: RequestInit): Promise<Response> => fetch(server.url + path, { redirect: 'manual', ...init });
const getJson = async (path: string): Promise<{ status: number; body: Record<string, any> }> => {
  const res = await get(path);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

/** The default period: 90 days up to the newest order date. */
const PERIOD = `(SELECT max(order_date) - 89 AS lo, max(order_date) AS hi FROM marts.fct_orders)`;
const usd = (n: unknown): number => Math.round(Number(n) * 100) / 100;

describe('pages', () => {
  it('puts KPI values computed like direct SQL on the marts into the first HTML response', async () => {
    const [sql] = await f.query(`
      SELECT CAST(round(sum(line_total_usd), 2) AS VARCHAR) AS revenue,
             CAST(count(DISTINCT order_id) AS VARCHAR) AS orders,
             CAST(count(DISTINCT customer_id) AS VARCHAR) AS active,
             CAST((SELECT count(DISTINCT order_id) FROM marts.fct_orders, ${PERIOD} p2 WHERE is_revenue AND order_date = p2.hi) AS VARCHAR) AS today
      FROM marts.fct_orders, ${PERIOD} p
      WHERE is_revenue AND order_date BETWEEN p.lo AND p.hi`);
    const res = await get('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    const card = (name: string): string => new RegExp(`data-kpi="${name}">[\\s\\S]*?class="kpi-value">([^<]*)<`).exec(html)?.[1] ?? 'missing';
    const revenue = Number(sql?.['revenue']);
    const orders = Number(sql?.['orders']);
    const fmt = (n: number, digits: number): string => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    expect(card('revenue')).toBe(`$${fmt(revenue, 2)}`);
    expect(card('average_order_value')).toBe(`$${fmt(usd(revenue / orders), 2)}`);
    expect(card('active_customers')).toBe(fmt(Number(sql?.['active']), 0));
    expect(card('orders_today')).toBe(fmt(Number(sql?.['today']), 0));
    const bootstrap = JSON.parse(/window\.__MERCATOR__ = (.*?)<\/script>/.exec(html)![1]!) as { page: string; kpis: { cards: { name: string; value: number }[] }; meta: { metrics: unknown[] } };
    expect(bootstrap.page).toBe('overview');
    expect(bootstrap.kpis.cards.find((c) => c.name === 'revenue')?.value).toBe(revenue);
    expect(bootstrap.meta.metrics.length).toBeGreaterThanOrEqual(10);
  });

  it('answers every page path, and a friendly 404 without a stack for others', async () => {
    for (const path of ['/sales', '/operations', '/funnel']) expect((await get(path)).status, path).toBe(200);
    const res = await get('/no-such-page');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Page not found');
    expect(html).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('client files', () => {
  it('serve a stand-in page with the KPI cards while the client is not built, then the built client and its assets', async () => {
    const web = mkdtempSync(join(tmpdir(), 'serve-web-'));
    const s = await startServer({ projectDir: f.dir, port: 0, host: '127.0.0.1', logger: createMemoryLogger(), webDir: web });
    try {
      const standIn = await (await fetch(`${s.url}/`)).text();
      expect(standIn).toContain('The dashboard client is not built');
      expect(standIn).toMatch(/data-kpi="revenue">[\s\S]*class="kpi-value">\$[\d,]+\.\d\d</);
      mkdirSync(join(web, 'assets'));
      writeFileSync(join(web, 'index.html'), '<html><head><!--mercator:bootstrap--></head><body><div id="k"><!--mercator:kpis--></div></body></html>');
      writeFileSync(join(web, 'assets', 'app-1234.js'), 'console.log("hi")');
      const page = await (await fetch(`${s.url}/geography?country=US`)).text();
      expect(page).toMatch(/^<html><head><script>window\.__MERCATOR__ = \{"page":"geography"/);
      expect(page).toContain('<div id="k"></div>'); // KPI cards only on the overview
      const asset = await fetch(`${s.url}/assets/app-1234.js`);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await asset.text()).toBe('console.log("hi")');
      expect((await fetch(`${s.url}/assets/..%2Findex.html`)).status).toBe(404);
      expect((await fetch(`${s.url}/assets/missing.js`)).status).toBe(404);
    } finally {
      await s.close();
      rmSync(web, { recursive: true, force: true });
    }
  });
});

describe('/api/metrics', () => {
  it('answers revenue by month equal to SQL on the marts', async () => {
    const { status, body } = await getJson('/api/metrics?metrics=revenue,orders&dimensions=date:month&from=2025-01-01&to=2030-12-31');
    expect(status).toBe(200);
    const rows = await f.query(`
      SELECT strftime(date_trunc('month', order_date), '%Y-%m-%d') AS month, round(sum(line_total_usd), 2) AS revenue, count(DISTINCT order_id) AS orders
      FROM marts.fct_orders WHERE is_revenue GROUP BY 1 ORDER BY 1`);
    expect(body['rows']).toEqual(rows.map((r) => [r['month'], usd(r['revenue']), Number(r['orders'])]));
    expect(body['columns'].map((c: { name: string }) => c.name)).toEqual(['date', 'revenue', 'orders']);
    expect(rows.length).toBeGreaterThan(1);
  });

  it('answers revenue by category with filters equal to SQL on the marts', async () => {
    const [top] = await f.query(`SELECT country FROM marts.dim_customers GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const country = String(top?.['country']);
    const { body } = await getJson(`/api/metrics?metrics=revenue&dimensions=category&country=${country}&segment=standard,vip&from=2026-06-01&to=2026-11-22`);
    const rows = await f.query(`
      SELECT p.category, round(sum(o.line_total_usd), 2) AS revenue
      FROM marts.fct_orders o JOIN marts.dim_products p ON p.product_id = o.product_id JOIN marts.dim_customers c ON c.customer_key = o.customer_key
      WHERE o.is_revenue AND c.country = '${country}' AND c.segment IN ('standard', 'vip') AND o.order_date BETWEEN DATE '2026-06-01' AND DATE '2026-11-22'
      GROUP BY 1 ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    expect(body['rows']).toEqual(rows.map((r) => [r['category'], usd(r['revenue'])]));
    expect(body['ignoredFilters']).toEqual([]);
  });

  it('binds filter values: SQL in a value matches nothing and changes nothing', async () => {
    const evil = encodeURIComponent(`x' OR '1'='1'); DROP TABLE marts.fct_orders; --`);
    const { status, body } = await getJson(`/api/metrics?metrics=revenue&dimensions=category&category=${evil}`);
    expect(status).toBe(200);
    expect(body['rows']).toEqual([]);
    const [n] = await f.query('SELECT count(*) AS n FROM marts.fct_orders');
    expect(Number(n?.['n'])).toBeGreaterThan(0);
  });

  it('rejects an unknown metric with 400, its code and a hint', async () => {
    const { status, body } = await getJson('/api/metrics?metrics=revenu');
    expect(status).toBe(400);
    expect(body['error']).toMatchObject({ code: 'METRICS_UNKNOWN_METRIC', message: 'Unknown metric `revenu`.' });
    expect(body['error']['hint']).toMatch(/^Did you mean `revenue`\?/);
    const unsupported = await getJson('/api/metrics?metrics=revenue&dimensions=channel');
    expect(unsupported.status).toBe(400);
    expect(unsupported.body['error']['code']).toBe('METRICS_DIMENSION_UNSUPPORTED');
    expect((await getJson('/api/metrics?metrics=revenue&contry=US')).body['error']['hint']).toMatch(/Did you mean `country`/);
  });

  it('exports the same rows as CSV', async () => {
    const query = 'metrics=revenue,orders,average_order_value&dimensions=category&sort=-revenue';
    const { body } = await getJson(`/api/metrics?${query}`);
    const res = await get(`/api/metrics.csv?${query}`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n').map((l) => l.split(','));
    expect(lines[0]).toEqual(['category', 'revenue', 'orders', 'average_order_value']);
    expect(lines.slice(1).map((l) => [l[0], Number(l[1]), Number(l[2]), Number(l[3])])).toEqual(body['rows']);
    const funnel = await getJson('/api/analysis/funnel');
    const funnelCsv = (await (await get('/api/analysis/funnel.csv')).text()).trimEnd().split('\r\n');
    expect(funnelCsv.slice(1).map((l) => l.split(',')[1])).toEqual(funnel.body['rows'].map((r: unknown[]) => String(r[1])));
  });
});

describe('the metric definitions', () => {
  it('give the run summary revenue, orders, AOV and active customers equal to SQL written directly on the marts', async () => {
    const wh = await openWarehouse({ type: 'duckdb', path: f.warehousePath });
    try {
      const [direct] = (await wh.queryJson(`
        WITH last_day AS (SELECT max(order_date) AS d FROM marts.fct_orders WHERE is_revenue)
        SELECT CAST(round(sum(line_total_usd), 2) AS VARCHAR) AS revenue, CAST(count(DISTINCT order_id) AS VARCHAR) AS orders,
               CAST((SELECT count(DISTINCT customer_id) FROM marts.fct_orders, last_day WHERE is_revenue AND order_date > last_day.d - INTERVAL 30 DAY) AS VARCHAR) AS active
        FROM marts.fct_orders WHERE is_revenue`)).rows;
      const kpis = await summaryKpis(wh, loadMetricLayer(f.dir));
      expect(kpis?.revenue).toBeCloseTo(Number(direct?.['revenue']), 2);
      expect(kpis?.orders).toBe(Number(direct?.['orders']));
      expect(kpis?.averageOrderValue).toBeCloseTo(Number(direct?.['revenue']) / Number(direct?.['orders']), 2);
      expect(kpis?.activeCustomers).toBe(Number(direct?.['active']));
    } finally {
      await wh.close();
    }
  });
});

describe('analyses and KPIs', () => {
  it('bins LTV in SQL over every customer with a revenue order, and gives cohort shares', async () => {
    const { body } = await getJson('/api/analysis/ltv_histogram');
    const [n] = await f.query('SELECT count(*) AS n FROM marts.customer_profit WHERE revenue_orders > 0');
    expect(body['rows'].reduce((s: number, r: number[]) => s + r[2]!, 0)).toBe(Number(n?.['n']));
    expect(body['ignoredFilters']).toEqual(['date']);
    const cohorts = await getJson('/api/analysis/cohort_retention?from=2025-01-01&to=2030-01-01');
    const month0 = cohorts.body['rows'].filter((r: unknown[]) => r[1] === 0);
    expect(month0.length).toBeGreaterThan(0);
    for (const r of month0) expect(r[3]).toBe(1);
  });

  it('compares KPI cards with the previous period', async () => {
    const { body } = await getJson('/api/kpis?from=2026-10-01&to=2026-10-31');
    expect(body['period']).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(body['previous']).toEqual({ from: '2026-08-31', to: '2026-09-30' });
    const [prev] = await f.query(`SELECT round(sum(line_total_usd), 2) AS r FROM marts.fct_orders WHERE is_revenue AND order_date BETWEEN DATE '2026-08-31' AND DATE '2026-09-30'`);
    const revenue = body['cards'].find((c: { name: string }) => c.name === 'revenue');
    expect(revenue.previous).toBe(usd(prev?.['r']));
    expect(revenue.change).toBeCloseTo((revenue.value - revenue.previous) / revenue.previous, 10);
  });
});

describe('operations endpoints', () => {
  it('show the runs, test results and lineage of the fixture build', async () => {
    const runs = await getJson('/api/ops/runs');
    expect(runs.body['runs'].length).toBeGreaterThan(0);
    const steps = runs.body['runs'].flatMap((r: { steps: { name: string }[] }) => r.steps.map((s) => s.name));
    expect(steps.some((s: string) => s.includes('fct_orders'))).toBe(true);
    const tests = await getJson('/api/ops/tests');
    const names = tests.body['rows'].map((r: unknown[]) => String(r[0]));
    expect(names.some((n: string) => n.includes('assert_fct_payments_match_source'))).toBe(true);
    expect(tests.body['rows'].every((r: unknown[]) => r[3] === 'pass')).toBe(true);
    const freshness = await getJson('/api/ops/freshness');
    expect(freshness.body['rows'].length).toBeGreaterThan(0);
    const lineage = await getJson('/api/ops/lineage');
    const ids = new Set(lineage.body['nodes'].map((n: { id: string }) => n.id));
    expect(ids.has('model.shop.fct_payments')).toBe(true);
    expect(lineage.body['edges']).toContainEqual({ from: 'model.shop.stg_payments', to: 'model.shop.fct_payments' });
    expect(lineage.body['nodes'].find((n: { id: string }) => n.id === 'model.shop.fct_orders')?.layer).toBe('marts');
  });
});

describe('cache', () => {
  it('answers a repeat from the cache, and fresh numbers once a newer build finished', async () => {
    const path = '/api/metrics?metrics=revenue&dimensions=category&from=2025-01-01&to=2030-01-01';
    const first = await getJson(path);
    const again = await getJson(`${path}&_=1`);
    expect(again.body['cached']).toBe(true);
    expect(again.body['rows']).toEqual(first.body['rows']);
    // Change the mart behind the server's back: the cache keeps answering what the last build produced...
    const wh = await openWarehouse({ type: 'duckdb', path: f.warehousePath });
    try {
      await wh.run(`INSERT INTO marts.fct_orders (order_item_id, order_id, customer_id, customer_key, product_id, order_date, ordered_at, status, is_revenue, line_total_usd, updated_at)
        SELECT -1, -1, customer_id, customer_key, product_id, order_date, ordered_at, 'paid', true, 1000, TIMESTAMP '1970-01-01' FROM marts.fct_orders WHERE is_revenue LIMIT 1`);
    } finally {
      await wh.close();
    }
    await new Promise((r) => setTimeout(r, 1100));
    const stale = await getJson(path);
    expect(stale.body['cached']).toBe(true);
    expect(stale.body['rows']).toEqual(first.body['rows']);
    // ...until a build finishes: the next answer is computed again and shows the mart as it is.
    const built = await runTransformTask('build', { projectDir: f.dir, logger: createMemoryLogger(), env: f.env, select: ['fct_daily_revenue'] });
    expect(built.success).toBe(true);
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = await getJson(path);
    // (It may already have been computed again in the background after the build: recent answers are.)
    expect(fresh.body['asOf']).not.toBe(first.body['asOf']);
    const before = first.body['rows'].reduce((s: number, r: number[]) => s + r[1]!, 0);
    const after = fresh.body['rows'].reduce((s: number, r: number[]) => s + r[1]!, 0);
    expect(after - before).toBeCloseTo(1000, 2);
    const other = await getJson('/api/metrics?metrics=orders&dimensions=country&from=2025-01-01&to=2030-01-01');
    expect(other.body['cached']).toBe(false);
  }, 60_000);
});

describe('access control', () => {
  async function withServeConfig(section: string, fn: (s: RunningServer) => Promise<void>): Promise<void> {
    const file = join(f.dir, 'mercator.yml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original}\nserve:\n${section}`);
    let s: RunningServer | undefined;
    try {
      s = await startServer({ projectDir: f.dir, port: 0, host: '127.0.0.1', logger: createMemoryLogger() });
    } finally {
      writeFileSync(file, original);
    }
    try {
      await fn(s);
    } finally {
      await s.close();
    }
  }

  it('asks for a login, rejects a wrong password and admits the right one', async () => {
    const hash = await hashPassword('correct horse');
    await withServeConfig(`  users:\n    - { username: ana, password_hash: "${hash}" }\n`, async (s) => {
      const api = await fetch(`${s.url}/api/kpis`);
      expect(api.status).toBe(401);
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('SERVE_LOGIN_REQUIRED');
      const page = await fetch(`${s.url}/sales?country=US`, { redirect: 'manual' });
      expect(page.status).toBe(303);
      expect(page.headers.get('location')).toBe('/login?next=%2Fsales%3Fcountry%3DUS');
      const login = (password: string): Promise<Response> =>
        fetch(`${s.url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ username: 'ana', password, next: '/sales' }).toString() });
      const wrong = await login('wrong horse');
      expect(wrong.status).toBe(401);
      expect(await wrong.text()).toContain('Wrong username or password.');
      const right = await login('correct horse');
      expect(right.status).toBe(303);
      expect(right.headers.get('location')).toBe('/sales');
      const cookie = right.headers.get('set-cookie')!.split(';')[0]!;
      expect(cookie).toMatch(/^mercator_session=.{20,}/);
      expect((await fetch(`${s.url}/api/kpis`, { headers: { cookie } })).status).toBe(200);
      await fetch(`${s.url}/logout`, { headers: { cookie }, redirect: 'manual' });
      expect((await fetch(`${s.url}/api/kpis`, { headers: { cookie } })).status).toBe(401);
    });
  });

  it('rejects addresses outside the allowlist and admits those inside', async () => {
    await withServeConfig(`  allow_ips: [10.0.0.0/8, "2001:db8::/32"]\n`, async (s) => {
      const res = await fetch(`${s.url}/api/meta`);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'SERVE_IP_FORBIDDEN', message: 'Address 127.0.0.1 is not allowed to use this dashboard.' });
      expect((await fetch(`${s.url}/`)).status).toBe(403);
    });
    await withServeConfig(`  allow_ips: [10.0.0.0/8, 127.0.0.0/8]\n`, async (s) => {
      expect((await fetch(`${s.url}/api/meta`)).status).toBe(200);
    });
  });
});
