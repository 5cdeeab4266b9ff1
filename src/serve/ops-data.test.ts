// The operations data from either place it can live: the run history tables when a pipeline wrote them,
// else the last build's target/ artifacts and the ingest ledger.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../warehouse/index.js';
import { OpsData } from './ops-data.js';

let dir: string;
let wh: Warehouse;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ops-data-'));
  mkdirSync(join(dir, 'target'));
  wh = await openWarehouse({ type: 'duckdb', path: ':memory:' });
});
afterEach(async () => {
  await wh.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('OpsData without a run history', () => {
  it('reads the last build from target/ and freshness from the load ledger', async () => {
    writeFileSync(
      join(dir, 'target', 'run_results.json'),
      JSON.stringify({
        metadata: { generated_at: '2026-11-23T10:00:10.000Z', invocation_id: 'inv-1' },
        elapsed_time: 10,
        results: [
          { unique_id: 'model.shop.fct_orders', status: 'success', message: 'OK', execution_time: 2.5, adapter_response: { rows_affected: 42 } },
          { unique_id: 'test.shop.unique_fct_orders_id.abc', status: 'fail', message: 'Got 2 results', failures: 2, execution_time: 0.1 },
          { unique_id: 'test.shop.assert_totals', status: 'pass', message: 'PASS', failures: 0, execution_time: 0.2 },
        ],
      }),
    );
    writeFileSync(
      join(dir, 'target', 'manifest.json'),
      JSON.stringify({
        nodes: {
          'model.shop.stg_orders': { name: 'stg_orders', resource_type: 'model', fqn: ['shop', 'staging', 'stg_orders'], depends_on: { nodes: ['source.shop.db.orders'] } },
          'model.shop.fct_orders': { name: 'fct_orders', resource_type: 'model', fqn: ['shop', 'marts', 'fct_orders'], depends_on: { nodes: ['model.shop.stg_orders'] } },
          'test.shop.unique_fct_orders_id.abc': { name: 'unique_fct_orders_id', resource_type: 'test', attached_node: 'model.shop.fct_orders', column_name: 'id', depends_on: { nodes: ['model.shop.fct_orders'] } },
          'test.shop.assert_totals': { name: 'assert_totals', resource_type: 'test', depends_on: { nodes: ['model.shop.fct_orders', 'model.shop.stg_orders'] } },
        },
        sources: { 'source.shop.db.orders': { name: 'orders', source_name: 'db', resource_type: 'source' } },
      }),
    );
    await wh.run(`CREATE SCHEMA _mercator; CREATE TABLE _mercator.loads AS SELECT * FROM (VALUES
      ('db', 'orders', 'success', now() - INTERVAL 2 HOUR), ('db', 'orders', 'failed', now()), ('files', 'spend', 'success', now() - INTERVAL 3 DAY)
    ) t(source, stream, status, finished_at)`);
    const ops = new OpsData(wh, dir);
    const [run] = await ops.runs();
    expect(run).toMatchObject({ runId: 'inv-1', status: 'error', startedAt: '2026-11-23T10:00:00.000Z', finishedAt: '2026-11-23T10:00:10.000Z', durationMs: 10_000 });
    expect(run?.steps).toEqual([
      { name: 'model.shop.fct_orders', label: 'fct_orders', kind: 'model', status: 'success', rows: 42, durationMs: 2500, error: null },
      { name: 'test.shop.unique_fct_orders_id.abc', label: 'unique_fct_orders_id', kind: 'test', status: 'fail', rows: null, durationMs: 100, error: 'Got 2 results' },
      { name: 'test.shop.assert_totals', label: 'assert_totals', kind: 'test', status: 'pass', rows: null, durationMs: 200, error: null },
    ]);
    // Failing first; a singular test over two models belongs to neither.
    expect((await ops.tests()).rows).toEqual([
      ['unique_fct_orders_id', 'fct_orders', 'id', 'fail', 2, 'Got 2 results', '2026-11-23T10:00:10.000Z'],
      ['assert_totals', null, null, 'pass', 0, 'PASS', '2026-11-23T10:00:10.000Z'],
    ]);
    const fresh = (await ops.freshness()).rows.map((r) => [r[0], r[1], r[4]]);
    expect(fresh).toEqual([
      ['db', 'orders', 'pass'],
      ['files', 'spend', 'error'],
    ]);
    expect(ops.lineage()).toEqual({
      nodes: [
        { id: 'source.shop.db.orders', name: 'db.orders', resourceType: 'source', layer: 'source' },
        { id: 'model.shop.stg_orders', name: 'stg_orders', resourceType: 'model', layer: 'staging' },
        { id: 'model.shop.fct_orders', name: 'fct_orders', resourceType: 'model', layer: 'marts' },
      ],
      edges: [
        { from: 'source.shop.db.orders', to: 'model.shop.stg_orders' },
        { from: 'model.shop.stg_orders', to: 'model.shop.fct_orders' },
      ],
    });
  });

  it('answers empty lists for a project never built', async () => {
    const ops = new OpsData(wh, dir);
    expect(await ops.runs()).toEqual([]);
    expect((await ops.tests()).rows).toEqual([]);
    expect((await ops.freshness()).rows).toEqual([]);
    expect(ops.lineage()).toEqual({ nodes: [], edges: [] });
  });
});

describe('OpsData with a run history', () => {
  it('lists runs newest first with their steps, and the latest result of each test', async () => {
    await wh.run(`CREATE SCHEMA _mercator;
      CREATE TABLE _mercator.runs AS SELECT * FROM (VALUES
        ('r1', 'pipeline', 'success', TIMESTAMPTZ '2026-11-22 06:00:00+00', TIMESTAMPTZ '2026-11-22 06:01:00+00', NULL),
        ('r2', 'pipeline', 'error', TIMESTAMPTZ '2026-11-23 06:00:00+00', TIMESTAMPTZ '2026-11-23 06:00:30+00', 'build failed')
      ) t(run_id, command, status, started_at, finished_at, error);
      CREATE TABLE _mercator.run_nodes AS SELECT * FROM (VALUES
        ('r2', 'model.shop.fct_orders', 'model', 'error', NULL::BIGINT, TIMESTAMPTZ '2026-11-23 06:00:10+00', TIMESTAMPTZ '2026-11-23 06:00:12+00', 'boom'),
        ('r2', 'ingest:db.orders', 'ingest', 'success', 10::BIGINT, TIMESTAMPTZ '2026-11-23 06:00:00+00', TIMESTAMPTZ '2026-11-23 06:00:05+00', NULL)
      ) t(run_id, node, kind, status, rows, started_at, finished_at, error);
      CREATE TABLE _mercator.test_results AS SELECT * FROM (VALUES
        ('r1', 't1', 'unique_id', 'model.shop.fct_orders', 'id', 'fail', 3::BIGINT, 'Got 3', TIMESTAMPTZ '2026-11-22 06:00:50+00'),
        ('r2', 't1', 'unique_id', 'model.shop.fct_orders', 'id', 'pass', 0::BIGINT, 'PASS', TIMESTAMPTZ '2026-11-23 06:00:20+00')
      ) t(run_id, test_id, test_name, attached_node, column_name, status, failures, message, finished_at);`);
    const ops = new OpsData(wh, dir);
    const runs = await ops.runs();
    expect(runs.map((r) => [r.runId, r.status, r.durationMs])).toEqual([
      ['r2', 'error', 30_000],
      ['r1', 'success', 60_000],
    ]);
    expect(runs[0]?.steps).toEqual([
      { name: 'ingest:db.orders', label: 'ingest:db.orders', kind: 'ingest', status: 'success', rows: 10, durationMs: 5000, error: null },
      { name: 'model.shop.fct_orders', label: 'fct_orders', kind: 'model', status: 'error', rows: null, durationMs: 2000, error: 'boom' },
    ]);
    expect((await ops.tests()).rows).toEqual([['unique_id', 'model.shop.fct_orders', 'id', 'pass', 0, 'PASS', '2026-11-23T06:00:20.000Z']]);
  });
});
