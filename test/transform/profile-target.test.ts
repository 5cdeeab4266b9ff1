import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log/index.js';
import { runTransformTask } from '../../src/transform/index.js';
import { targetWarehouseConfig } from '../../src/transform/tasks/open-target-warehouse.js';
import { openWarehouse } from '../../src/warehouse/index.js';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const target = (settings: Record<string, unknown>) => ({ profileName: 'shop', targetName: 'dev', type: 'duckdb', schema: 'main', database: null, threads: 4, settings });

describe('a DuckDB profile target', () => {
  it("keeps the profile's threads (nodes at once) away from the engine and passes settings: through, as dbt-duckdb does", () => {
    const config = targetWarehouseConfig(target({ type: 'duckdb', path: 'shop.duckdb', threads: 4, schema: 'main', settings: { threads: 1, preserve_insertion_order: false } }), '/projects/shop');
    expect(config).toEqual({ type: 'duckdb', path: '/projects/shop/shop.duckdb', schema: 'main', settings: { threads: 1, preserve_insertion_order: false } });
  });

  it('opens the database with the engine settings of settings:, while the build runs its nodes with the profile threads', async () => {
    dir = mkdtempSync(join(tmpdir(), 'mercator-dbt-'));
    const files: Record<string, string> = {
      'dbt_project.yml': 'name: shop\nprofile: shop\nconfig-version: 2\n',
      'profiles.yml': 'shop:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: shop.duckdb\n      schema: main\n      threads: 3\n      settings:\n        threads: 1\n        memory_limit: 1GB\n',
      'models/engine_settings.sql': "{{ config(materialized='table') }}\nselect current_setting('threads') as engine_threads, current_setting('memory_limit') as memory_limit, {{ target.threads }} as node_threads",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = await runTransformTask('run', { projectDir: dir, logger: createMemoryLogger(), env: {} });
    expect(result.results.map((r) => r.status)).toEqual(['success']);
    const warehouse = await openWarehouse({ type: 'duckdb', path: join(dir, 'shop.duckdb') });
    try {
      const rows = (await warehouse.query('select engine_threads, memory_limit, node_threads from main.engine_settings')).rows;
      expect(rows).toEqual([{ engine_threads: 1n, memory_limit: expect.stringMatching(/^(1\.0 GiB|953\.6 MiB)$/), node_threads: 3 }]);
    } finally {
      await warehouse.close();
    }
  });
});
