import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderIo } from '../context/render-io.js';
import { parseProject } from '../project/parse-project.js';
import { ansiDialect } from '../tasks/ansi-dialect.js';
import { compileNodeSql } from './compile-node.js';

const dir = mkdtempSync(join(tmpdir(), 'mercator-compile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files: Record<string, string> = {
  'dbt_project.yml': 'name: shop\nmodels:\n  shop:\n    marts:\n      +schema: marts\n',
  'models/staging/stg.sql': `{{ config(materialized='ephemeral') }}select 1 as id`,
  'models/marts/fct.sql': `select * from {{ ref('stg') }} join {{ source('raw', 'orders') }} using (id){% if is_incremental() %} where 1 = 1{% endif %}`,
  'models/sources.yml': 'sources:\n  - name: raw\n    tables: [{name: orders, identifier: orders_v2}]\n',
};
for (const [p, t] of Object.entries(files)) {
  mkdirSync(dirname(join(dir, p)), { recursive: true });
  writeFileSync(join(dir, p), t);
}
const target = { profileName: 'shop', targetName: 'dev', type: 'duckdb', schema: 'analytics', database: null, threads: 1, settings: {} };

describe('compileNodeSql', () => {
  const project = parseProject({ projectDir: dir, target, env: {}, dialect: ansiDialect });
  const fct = project.manifest.nodes.get('model.shop.fct')!;

  it('is a pure function of manifest, node and options: refs, sources, ephemerals and is_incremental', () => {
    expect(fct.schema).toBe('analytics_marts');
    expect(fct.dependsOn.nodes.sort()).toEqual(['model.shop.stg', 'source.shop.raw.orders']);
    const sql = compileNodeSql(project, fct, { io: new RenderIo(true) });
    expect(sql).toBe('with __dbt__cte__stg as (\nselect 1 as id\n)\nselect * from __dbt__cte__stg join "raw"."orders_v2" using (id)');
    expect(compileNodeSql(project, fct, { io: new RenderIo(true), isIncremental: true })).toMatch(/where 1 = 1$/);
  });
});
