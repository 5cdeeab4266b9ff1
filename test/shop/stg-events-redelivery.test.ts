// stg_events keeps an event delivered twice once, with its first load: within one load, across loads, late
// events (earlier than any kept one) and events without a time. Built with the shipped model on hand-made
// raw rows, one run per load.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { runTransformTask } from '../../src/transform/index.js';
import { openWarehouse, type Warehouse } from '../../src/warehouse/index.js';
import { PROJECT_ENTRIES, SHOP_PROJECT } from './shop-fixture.js';

let dir: string;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mercator-shop-events-'));
  for (const entry of PROJECT_ENTRIES) cpSync(join(SHOP_PROJECT, entry), join(dir, entry), { recursive: true });
  path = join(dir, 'warehouse.duckdb');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function withWarehouse<T>(fn: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await openWarehouse({ type: 'duckdb', path });
  try {
    return await fn(wh);
  } finally {
    await wh.close();
  }
}

/** Appends one load of landing events: [event_id, occurred_at or null, event_type]. */
async function land(loadedAt: string, events: Array<[string, string | null, string]>): Promise<void> {
  await withWarehouse(async (wh) => {
    await wh.run(`CREATE SCHEMA IF NOT EXISTS raw`);
    await wh.run(`CREATE TABLE IF NOT EXISTS raw.landing_events (event_id VARCHAR, event_type VARCHAR, occurred_at TIMESTAMP, session_id VARCHAR,
      anonymous_id VARCHAR, customer_id BIGINT, page VARCHAR, product_id BIGINT, order_id BIGINT, utm_source VARCHAR, device VARCHAR,
      _mercator_loaded_at TIMESTAMPTZ)`);
    const values = events.map(([id, at, type]) => `('${id}', '${type}', ${at === null ? 'NULL' : `TIMESTAMP '${at}'`}, 's-${id}', 'a1', NULL, '/', NULL, NULL, NULL, 'web', TIMESTAMPTZ '${loadedAt}')`);
    await wh.run(`INSERT INTO raw.landing_events VALUES ${values.join(', ')}`);
  });
}

async function buildEvents(): Promise<string[]> {
  const result = await runTransformTask('build', { projectDir: dir, logger: createMemoryLogger(), env: { SHOP_DUCKDB_PATH: path }, select: ['stg_events'], writeArtifacts: false });
  return result.results.map((r) => `${r.uniqueId.split('.')[2]}: ${r.status}`);
}

const kept = () =>
  withWarehouse(async (wh) => (await wh.queryJson(`SELECT event_id, CAST(occurred_at AS VARCHAR) AS at, CAST(loaded_at AS VARCHAR) AS loaded FROM staging.stg_events ORDER BY event_id`)).rows);

describe('stg_events', () => {
  it('keeps each event id once, from its first load, across runs', async () => {
    await land('2026-01-02 00:00:00+00', [
      ['e1', '2026-01-01 10:00:00', 'page_view'],
      ['e2', '2026-01-01 10:05:00', 'page_view'],
      ['e3', null, 'session_start'],
    ]);
    expect((await buildEvents()).filter((s) => !s.endsWith('pass') && !s.endsWith('success'))).toEqual([]);

    // The next load redelivers e1 and e3, brings e4 twice, and a late e0 from before anything kept.
    await land('2026-01-03 00:00:00+00', [
      ['e1', '2026-01-01 10:00:00', 'page_view'],
      ['e3', null, 'session_start'],
      ['e4', '2026-01-02 09:00:00', 'add_to_cart'],
      ['e4', '2026-01-02 09:00:00', 'add_to_cart'],
      ['e0', '2025-12-31 23:00:00', 'page_view'],
    ]);
    const statuses = await buildEvents();
    expect(statuses.filter((s) => !s.endsWith('pass') && !s.endsWith('success'))).toEqual([]);
    expect(statuses.some((s) => s.startsWith('unique_stg_events_event_id'))).toBe(true);

    expect(await kept()).toEqual([
      { event_id: 'e0', at: '2025-12-31 23:00:00', loaded: '2026-01-03 00:00:00+00' },
      { event_id: 'e1', at: '2026-01-01 10:00:00', loaded: '2026-01-02 00:00:00+00' },
      { event_id: 'e2', at: '2026-01-01 10:05:00', loaded: '2026-01-02 00:00:00+00' },
      { event_id: 'e3', at: null, loaded: '2026-01-02 00:00:00+00' },
      { event_id: 'e4', at: '2026-01-02 09:00:00', loaded: '2026-01-03 00:00:00+00' },
    ]);
  });
});
