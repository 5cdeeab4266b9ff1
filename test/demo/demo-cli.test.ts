import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import pg from 'pg';
import { runCli } from '../../src/cli/main.js';
import { withDatabase } from '../../src/demo/index.js';

const dir = mkdtempSync(join(tmpdir(), 'demo-cli-'));
const serverUrl = inject('pgUrl');
const database = `shop_cli_${process.pid}`;

afterAll(async () => {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    const code = await runCli(['node', 'mercator', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('mercator demo (CLI)', () => {
  it('init creates the shop in the given PostgreSQL, prints where things are and writes .mercator/demo.json', async () => {
    const { code, out } = await run('demo', 'init', '--scale', '0.01', '--dir', dir, '--pg-url', serverUrl, '--pg-database', database, '--no-stripe', '--event-days', '1', '--as-of', '2026-06-01');
    expect(code).toBe(0);
    expect(out).toContain('Demo shop ready: 1,000 orders from 2025-06-01 to 2026-05-31');
    expect(out).toContain(withDatabase(serverUrl, database));
    expect(out).toContain('marketing_spend.csv');
    const state = JSON.parse(readFileSync(join(dir, '.mercator', 'demo.json'), 'utf8')) as { asOf: string; postgres: { embedded: boolean } };
    expect(state.asOf).toBe('2026-06-01T00:00:00.000Z');
    expect(state.postgres.embedded).toBe(false);
    expect(existsSync(join(dir, 'demo', 'landing', 'events', '2026-05-31'))).toBe(true);
  });

  it('refuses to init over an existing shop with a usage error (exit 2) and a hint', async () => {
    const { code, err } = await run('demo', 'init', '--scale', '0.01', '--dir', dir, '--pg-url', serverUrl, '--pg-database', database, '--no-stripe');
    expect(code).toBe(2);
    expect(err).toContain('DEMO_ALREADY_EXISTS');
    expect(err).toContain('--force');
  });

  it('advance reports its changes as JSON events with --log-format json', async () => {
    const { code, out } = await run('--log-format', 'json', 'demo', 'advance', '--days', '1', '--dir', dir);
    expect(code).toBe(0);
    const event = out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data: { newOrders: number; to: string } }).find((e) => e.type === 'DemoAdvanced')!;
    expect(event.data.to).toBe('2026-06-02');
    expect(event.data.newOrders).toBeGreaterThan(0);
  });

  it('rejects a scale outside 0.01..100', async () => {
    const { code, err } = await run('demo', 'init', '--scale', '0', '--dir', join(dir, 'other'));
    expect(code).toBe(2);
    expect(err).toContain('DEMO_SCALE_RANGE');
  });
});
