// The run history a pipeline leaves in `_mercator`, on a throwaway project (one CSV source, two models, three tests):
// a good run, a run with a failing test and a broken model, and a run whose build step crashes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMercatorError } from '../errors/index.js';
import { createMemoryLogger } from '../log/index.js';
import { openWarehouse, type JsonRow } from '../warehouse/index.js';
import { runPipeline, type PipelineResult } from './run-pipeline.js';

let dir: string;

const FILES: Record<string, string> = {
  'mercator.yml': `name: tiny
warehouse: { type: duckdb, path: warehouse.duckdb }
sources:
  exports:
    type: files
    streams:
      orders: { path: data/orders.csv, columns: { amount: DOUBLE } }
      customers: { path: data/customers.csv }
`,
  'dbt_project.yml': 'name: tiny\nprofile: tiny\nmodel-paths: [models]\n',
  'profiles.yml': `tiny:
  target: dev
  outputs:
    dev: { type: duckdb, path: "{{ env_var('SHOP_DUCKDB_PATH') }}", schema: main }
`,
  'models/sources.yml': `version: 2
sources:
  - name: exports
    schema: raw
    loaded_at_field: _mercator_loaded_at
    freshness: { warn_after: { count: 1, period: day }, error_after: { count: 3, period: day } }
    tables:
      - { name: orders, identifier: exports_orders }
      - name: customers
        identifier: exports_customers
        freshness: null
`,
  'models/schema.yml': `version: 2
models:
  - name: orders
    columns:
      - name: order_id
        data_tests: [unique, not_null]
      - name: status
        data_tests:
          - accepted_values: { arguments: { values: [paid, shipped] } }
`,
  'models/orders.sql': "{{ config(materialized='table') }} select order_id, status, amount from {{ source('exports', 'orders') }}",
  'models/revenue.sql': "select sum(amount) as revenue from {{ ref('orders') }}",
  'data/orders.csv': 'order_id,status,amount\n1,paid,10.5\n2,shipped,20\n3,paid,5\n',
  'data/customers.csv': 'customer_id,name\n1,Ada\n2,Lin\n',
};

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

const pipeline = (): Promise<PipelineResult> => runPipeline({ projectDir: dir, logger: createMemoryLogger(), env: {}, command: 'pipeline' });

async function query(sql: string, params: unknown[] = []): Promise<JsonRow[]> {
  const wh = await openWarehouse({ type: 'duckdb', path: join(dir, 'warehouse.duckdb') });
  try {
    return (await wh.queryJson(sql, params)).rows;
  } finally {
    await wh.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mercator-run-history-'));
  write(FILES);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run history in _mercator', () => {
  let good: PipelineResult;

  it('records a good run: the run, one row per stream and node, every test with its column, and source freshness', async () => {
    const before = new Date();
    good = await pipeline();
    expect(good.success).toBe(true);
    expect(good.steps.find((st) => st.name === 'build')?.cpuSeconds).toBeGreaterThan(0);

    const runs = await query(`SELECT command, status, error, started_at <= finished_at AS ordered, CAST(epoch(started_at) AS DOUBLE) AS started FROM _mercator.runs WHERE run_id = $1`, [good.runId]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ command: 'pipeline', status: 'success', error: null, ordered: true });
    expect(Number(runs[0]!['started'])).toBeGreaterThanOrEqual(Math.floor(before.getTime() / 1000));

    const nodes = await query(`SELECT node, kind, status, rows, error FROM _mercator.run_nodes WHERE run_id = $1 AND finished_at >= started_at ORDER BY kind, node`, [good.runId]);
    expect(nodes.filter((n) => n['kind'] !== 'test')).toEqual([
      { node: 'ingest:exports.customers', kind: 'ingest', status: 'success', rows: '2', error: null },
      { node: 'ingest:exports.orders', kind: 'ingest', status: 'success', rows: '3', error: null },
      { node: 'model.tiny.orders', kind: 'model', status: 'success', rows: '3', error: null },
      { node: 'model.tiny.revenue', kind: 'model', status: 'success', rows: null, error: null },
    ]);
    expect(nodes.filter((n) => n['kind'] === 'test').map((n) => n['status'])).toEqual(['pass', 'pass', 'pass']);

    const tests = await query(`SELECT test_name, attached_node, column_name, status, failures FROM _mercator.test_results WHERE run_id = $1 ORDER BY test_name`, [good.runId]);
    expect(tests).toEqual([
      { test_name: 'accepted_values_orders_status__paid__shipped', attached_node: 'model.tiny.orders', column_name: 'status', status: 'pass', failures: '0' },
      { test_name: 'not_null_orders_order_id', attached_node: 'model.tiny.orders', column_name: 'order_id', status: 'pass', failures: '0' },
      { test_name: 'unique_orders_order_id', attached_node: 'model.tiny.orders', column_name: 'order_id', status: 'pass', failures: '0' },
    ]);

    // Only the table with a freshness rule is checked; it was loaded seconds ago.
    const fresh = await query(`SELECT source, table_name, status, age_seconds < 600 AS recent, max_loaded_at <= checked_at + INTERVAL 1 SECOND AS before_check FROM _mercator.source_freshness WHERE run_id = $1`, [good.runId]);
    expect(fresh).toEqual([{ source: 'exports', table_name: 'orders', status: 'pass', recent: true, before_check: true }]);
  });

  it('records a failing test and a broken model: the run ends as error naming them, downstream nodes skipped', async () => {
    write({ 'data/orders.csv': 'order_id,status,amount\n1,paid,10.5\n1,refunded,20\n', 'models/broken.sql': 'select 1 as x from' });
    const bad = await pipeline();
    expect(bad.success).toBe(false);

    const [run] = await query(`SELECT status, error, finished_at IS NOT NULL AS finished FROM _mercator.runs WHERE run_id = $1`, [bad.runId]);
    expect(run).toMatchObject({ status: 'error', finished: true });
    expect(run!['error']).toContain('model.tiny.broken: error');
    expect(run!['error']).toContain('test.tiny.unique_orders_order_id');

    const models = await query(`SELECT node, status, error FROM _mercator.run_nodes WHERE run_id = $1 AND kind = 'model' ORDER BY node`, [bad.runId]);
    expect(models.map((m) => [m['node'], m['status']])).toEqual([
      ['model.tiny.broken', 'error'],
      ['model.tiny.orders', 'success'],
      ['model.tiny.revenue', 'skipped'],
    ]);
    expect(models[0]?.['error']).toMatch(/syntax error/i);

    const tests = await query(`SELECT test_name, status, failures FROM _mercator.test_results WHERE run_id = $1 ORDER BY test_name`, [bad.runId]);
    expect(tests).toEqual([
      { test_name: 'accepted_values_orders_status__paid__shipped', status: 'fail', failures: '1' },
      { test_name: 'not_null_orders_order_id', status: 'pass', failures: '0' },
      { test_name: 'unique_orders_order_id', status: 'fail', failures: '1' },
    ]);
    // The earlier run is kept as it was.
    expect(await query(`SELECT status FROM _mercator.runs WHERE run_id = $1`, [good.runId])).toEqual([{ status: 'success' }]);
  });

  it('ends a run whose step crashes as error with the crash message, keeping the streams that loaded', async () => {
    write({ 'dbt_project.yml': 'name: tiny\nprofile: tiny\nmodel-paths: [models\n' });
    const crash = await pipeline().then(
      () => null,
      (err: unknown) => err,
    );
    expect(isMercatorError(crash) && crash.code).toBe('CONFIG_YAML_SYNTAX');

    const [run] = await query(`SELECT run_id, status, error, finished_at IS NOT NULL AS finished FROM _mercator.runs ORDER BY started_at DESC LIMIT 1`);
    expect(run).toMatchObject({ status: 'error', finished: true });
    expect(run!['error']).toContain('dbt_project.yml');
    const nodes = await query(`SELECT node, status FROM _mercator.run_nodes WHERE run_id = $1 ORDER BY node`, [run!['run_id']]);
    expect(nodes).toEqual([
      { node: 'ingest:exports.customers', status: 'success' },
      { node: 'ingest:exports.orders', status: 'success' },
    ]);
    expect(await query(`SELECT count(*) AS n FROM _mercator.runs`)).toEqual([{ n: '3' }]);
  });
});
