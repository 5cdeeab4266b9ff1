// `mercator demo` as a user runs it: the built CLI in its own process, on a copy of the shop project, loading the
// shop into the test PostgreSQL. The first run (JSON lines) creates the shop and builds everything; after one
// simulated day the second run prints the human summary, whose numbers must match the warehouse.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openWarehouse, type JsonRow } from '../../src/warehouse/index.js';
import { PROJECT_ENTRIES, SHOP_PROJECT } from '../shop/shop-fixture.js';

const BIN = join(import.meta.dirname, '../../bin/mercator.js');
const serverUrl = inject('pgUrl');
const database = `shop_demo_run_${process.pid}`;
let dir: string;

function mercator(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

async function query(sql: string): Promise<JsonRow[]> {
  const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
  try {
    return (await wh.queryJson(sql)).rows;
  } finally {
    await wh.close();
  }
}

const shopArgs = (): string[] => ['demo', '--scale', '0.02', '--dir', dir, '--pg-url', serverUrl, '--pg-database', database];
const demoArgs = (): string[] => [...shopArgs(), '--no-serve'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-run-cli-'));
  for (const entry of PROJECT_ENTRIES) cpSync(join(SHOP_PROJECT, entry), join(dir, entry), { recursive: true });
});

afterAll(async () => {
  // The demo leaves its Stripe stand-in running for `demo advance`; stop it, then drop the shop's database.
  await mercator('demo', 'stop', '--dir', dir);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

interface JsonEvent {
  ts: string;
  type: string;
  level: string;
  message: string;
  data?: Record<string, unknown>;
}

describe('mercator demo (built CLI, own process)', () => {
  it('with --log-format json creates the shop, runs the pipeline and writes only JSON lines', async () => {
    const { code, out, err } = await mercator('--log-format', 'json', ...demoArgs());
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n').filter((l) => l !== '');
    const events = lines.map((l) => JSON.parse(l) as JsonEvent);
    for (const e of events) expect(Object.keys(e).slice(0, 4)).toEqual(['ts', 'type', 'level', 'message']);
    const finished = events.find((e) => e.type === 'PipelineFinished');
    expect(finished?.data).toMatchObject({ success: true, tests: { failed: 0, warned: 0 } });
    expect((finished?.data?.['tests'] as { passed: number }).passed).toBeGreaterThanOrEqual(40);
    expect(events.filter((e) => e.type === 'LoadCommitted').length).toBeGreaterThanOrEqual(8);
    const [run] = await query(`SELECT command, status FROM _mercator.runs WHERE run_id = '${String(finished?.data?.['run_id'])}'`);
    expect(run).toEqual({ command: 'demo', status: 'success' });
  }, 180_000);

  it('after one simulated day prints rows per layer, tests passed and the KPIs, matching the warehouse', async () => {
    const advanced = await mercator('demo', 'advance', '--days', '1', '--dir', dir);
    expect(advanced.code).toBe(0);
    const { code, out } = await mercator(...demoArgs());
    expect(code).toBe(0);
    expect(out).toMatch(/^Pipeline succeeded in [\d.]+ s$/m);
    expect(out).toContain(`Reusing the demo shop in ${dir}`);

    // Rows per layer, as printed and as counted in the warehouse.
    const printed = Object.fromEntries([...out.matchAll(/^ {2}(\w+) +(\d+) relations? +([\d,]+) rows$/gm)].map((m) => [m[1], { relations: Number(m[2]), rows: Number(m[3]!.replace(/,/g, '')) }]));
    expect(Object.keys(printed)).toEqual(['raw', 'seeds', 'staging', 'intermediate', 'snapshots', 'marts']);
    const [marts] = await query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'marts'`);
    expect(printed['marts']?.relations).toBe(Number(marts?.['n']));
    expect(printed['marts']?.relations).toBeGreaterThanOrEqual(9);
    const [fct] = await query(`SELECT count(*) AS n FROM marts.fct_orders`);
    expect(printed['marts']!.rows).toBeGreaterThan(Number(fct?.['n']));

    const tests = /^Tests: (\d+) passed, 0 warned, 0 failed, 0 skipped$/m.exec(out);
    expect(Number(tests?.[1])).toBeGreaterThanOrEqual(40);

    // KPI lines against the marts.
    const money = (label: string): number => Number(new RegExp(`^ {2}${label} +\\$([\\d,]+\\.\\d\\d)`, 'm').exec(out)?.[1]?.replace(/,/g, ''));
    const count = (label: string): number => Number(new RegExp(`^ {2}${label} +([\\d,]+)`, 'm').exec(out)?.[1]?.replace(/,/g, ''));
    const [kpi] = await query(`SELECT CAST(round(sum(revenue_usd), 2) AS VARCHAR) AS revenue, CAST(sum(orders) AS VARCHAR) AS orders FROM marts.fct_daily_revenue`);
    expect(money('revenue')).toBe(Number(kpi?.['revenue']));
    expect(count('orders')).toBe(Number(kpi?.['orders']));
    expect(money('average order')).toBe(Math.round((money('revenue') / count('orders')) * 100) / 100);
    expect(count('active customers')).toBeGreaterThan(0);
    expect(count('active customers')).toBeLessThanOrEqual(count('orders'));

    // The second run loaded only what the day changed: fewer rows than the raw layer holds.
    const ingested = Number(/^ {2}ingest +[\d.]+ s +([\d,]+) rows processed$/m.exec(out)?.[1]?.replace(/,/g, ''));
    expect(ingested).toBeGreaterThan(0);
    expect(ingested).toBeLessThan(printed['raw']!.rows / 2);
  }, 180_000);

  it('without --no-serve ends by serving the dashboard over the marts it built, until stopped', async () => {
    // Read before the server starts: it holds the DuckDB file. No day passes, so the rerun keeps these numbers.
    const [kpi] = await query(`SELECT round(sum(revenue_usd), 2) AS revenue FROM marts.fct_daily_revenue`);
    const child: ChildProcess = spawn(process.execPath, [BIN, ...shopArgs(), '--port', '0'], { env: { ...process.env, CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /Dashboard at (http:\/\/[\d.:]+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      void exited.then((code) => reject(new Error(`demo exited (${code}) before serving:\n${out}`)));
    });
    try {
      expect(out).toMatch(/^Pipeline succeeded in [\d.]+ s$/m);
      const kpis = (await (await fetch(`${url}/api/kpis?from=2000-01-01&to=2100-01-01`)).json()) as { cards: { name: string; value: number }[] };
      expect(kpis.cards.find((c) => c.name === 'revenue')?.value).toBeCloseTo(Number(kpi?.['revenue']), 2);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('data-kpi="revenue"');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 180_000);

  it('stops at once, before creating the shop, when the dashboard port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()));
    const port = (taken.address() as AddressInfo).port;
    const empty = mkdtempSync(join(tmpdir(), 'demo-port-'));
    try {
      const { code, err } = await mercator('demo', '--scale', '0.02', '--dir', empty, '--pg-url', serverUrl, '--pg-database', `${database}_port`, '--port', String(port));
      expect(code).toBe(2);
      expect(err).toContain(`[SERVE_PORT_IN_USE] Port ${port} on 127.0.0.1 is already in use.`);
      expect(existsSync(join(empty, '.mercator'))).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
