// The dbt-style commands as a user runs them: bin/mercator.js in its own process, which runs them from the
// bundle `npm run build` makes (dist/bundle/main.cjs, with its code cache), against a DuckDB file.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TRANSFORM_COMMANDS } from '../../src/cli/main.js';
import { openWarehouse } from '../../src/warehouse/index.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/mercator.js');
const BUNDLE = join(ROOT, 'dist/bundle/main.cjs');

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'mercator-bundled-'));
  const all: Record<string, string> = {
    'dbt_project.yml': 'name: shop\nprofile: shop\nconfig-version: 2\n',
    'profiles.yml': `shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: "${join(dir, 'warehouse.duckdb')}"\n      schema: main\n      threads: 2\n`,
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function mercator(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } }, (error, out, err) => resolve({ code: error ? Number(error.code) : 0, out, err }));
  });
}

async function rows(path: string, sql: string): Promise<unknown[]> {
  const wh = await openWarehouse({ type: 'duckdb', path });
  try {
    return (await wh.queryJson(sql)).rows;
  } finally {
    await wh.close();
  }
}

describe.skipIf(!existsSync(BUNDLE))('bundled dbt-style commands (skipped until `npm run build` made dist/bundle/)', () => {
  it('are the commands src/cli/main.ts loads alone', () => {
    const list = /const BUNDLED = new Set\(\[([^\]]*)\]\)/.exec(readFileSync(BIN, 'utf8'))?.[1] ?? '';
    expect([...list.matchAll(/'([a-z]+)'/g)].map((m) => m[1]).sort()).toEqual(Object.keys(TRANSFORM_COMMANDS).sort());
  });

  it('build models, seeds and tests and write target/ as the unbundled CLI does', async () => {
    const d = project({
      'seeds/raw_orders.csv': 'id,amount\n1,10\n2,20\n3,30\n',
      'macros/cents.sql': '{% macro cents(col) %}({{ col }} * 100){% endmacro %}\n',
      'models/orders.sql': "{{ config(materialized='table') }}\nselect id, {{ cents('amount') }} as amount_cents from {{ ref('raw_orders') }} where id >= {{ var('min_id', 2) }}\n",
      'models/schema.yml': 'version: 2\nmodels:\n  - name: orders\n    columns:\n      - name: id\n        data_tests: [unique, not_null]\n',
    });
    const run = await mercator('build', '--project-dir', d, '--profiles-dir', d);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/PASS=4 WARN=0 ERROR=0 SKIP=0 TOTAL=4/);
    expect(await rows(join(d, 'warehouse.duckdb'), 'select id, amount_cents from main.orders order by id')).toEqual([
      { id: 2, amount_cents: 2000 },
      { id: 3, amount_cents: 3000 },
    ]);
    expect(readFileSync(join(d, 'target/compiled/shop/models/orders.sql'), 'utf8')).toContain('(amount * 100) as amount_cents');
    expect(readdirSync(join(d, 'target')).sort()).toEqual(expect.arrayContaining(['compiled', 'manifest.json', 'run', 'run_results.json']));
  });

  it('report a failing model with its code, file and exit code 1, in text and JSON lines', async () => {
    const d = project({ 'models/broken.sql': 'select no_such_column from (select 1 as id)\n' });
    const text = await mercator('run', '--project-dir', d, '--profiles-dir', d);
    expect(text.code).toBe(1);
    expect(text.out + text.err).toMatch(/ERROR=1/);
    expect(text.out + text.err).toMatch(/Referenced column "no_such_column" not found.*at models\/broken\.sql:1/);
    const json = await mercator('--log-format', 'json', 'run', '--project-dir', d, '--profiles-dir', d);
    expect(json.code).toBe(1);
    const events = json.out.trim().split('\n').map((l) => JSON.parse(l) as { type: string; data?: { status?: string } });
    expect(events.find((e) => e.type === 'NodeFinished')?.data?.status).toBe('error');
  });

  it('exit 2 with the coded error for a project that does not exist', async () => {
    const missing = await mercator('run', '--project-dir', join(tmpdir(), 'mercator-no-such-project'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^Error \[[A-Z_]+\]/);
  });
});
