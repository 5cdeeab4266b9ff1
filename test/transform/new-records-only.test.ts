import { afterEach, describe, expect, it } from 'vitest';
import type { TransformTaskResult } from '../../src/transform/index.js';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const SOURCES = `sources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: events\n`;

// Incremental models over one raw table: `app` appends ids above its maximum, `hist` appends values above its
// maximum (so an id may come again), `mrg` merges on id.
const MODELS = {
  'models/sources.yml': SOURCES,
  'models/app.sql': `{{ config(materialized='incremental') }}\nselect id, v from {{ source('raw', 'events') }}{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}`,
  'models/hist.sql': `{{ config(materialized='incremental') }}\nselect id, v from {{ source('raw', 'events') }}{% if is_incremental() %} where v > (select max(v) from {{ this }}){% endif %}`,
  'models/mrg.sql': `{{ config(materialized='incremental', incremental_strategy='merge', unique_key='id') }}\nselect id, v from {{ source('raw', 'events') }}{% if is_incremental() %} where id >= (select max(id) from {{ this }}){% endif %}`,
  'models/schema.yml': `version: 2
models:
  - name: app
    columns:
      - name: id
        data_tests:
          - unique:
              config: {new_records_only: true}
          - not_null:
              config: {new_records_only: true}
      - name: v
        data_tests:
          - not_null:
              config: {new_records_only: true, where: "id > 0"}
          - accepted_values:
              arguments: {values: ['a', 'b', 'c', 'd']}
  - name: hist
    columns:
      - name: id
        data_tests:
          - unique:
              config: {new_records_only: true}
  - name: mrg
    columns:
      - name: id
        data_tests: [unique]
`,
};

const nameOf = (r: TransformTaskResult, id: string): string => r.project.manifest.nodes.get(id)?.name ?? id;
const byName = (r: TransformTaskResult): Record<string, { status: string; message: string; failures: number | null }> =>
  Object.fromEntries(r.results.map((x) => [nameOf(r, x.uniqueId), { status: x.status, message: x.message, failures: x.failures }]));
const compiledSql = (r: TransformTaskResult, name: string): string => r.results.find((x) => nameOf(r, x.uniqueId) === name)?.compiledSql ?? '';

async function create(files: Record<string, string> = {}, o: { file?: boolean } = {}): Promise<TestProject> {
  const p = await TestProject.create({ ...MODELS, ...files }, o);
  await p.warehouse.run('create schema raw');
  await p.warehouse.run(`create table raw.events as select * from (values (1, 'a'), (2, 'b')) t(id, v)`);
  return p;
}

const leftovers = async (p: TestProject): Promise<unknown[]> => p.rows(`select table_name from information_schema.tables where table_name like '%__dbt_tmp'`);

describe('data tests configured new_records_only', () => {
  it('read only the rows an incremental run wrote; full builds and `test` read the whole table', async () => {
    project = await create();
    // First build: the models are created, so every test reads the whole table.
    const first = byName(await project.run('build'));
    expect(first['unique_app_id']).toEqual({ status: 'pass', message: 'PASS', failures: 0 });

    // An old row breaks uniqueness: a test of the new rows does not see it, a whole-table test does.
    await project.warehouse.run(`insert into main.app values (1, 'a')`);
    await project.warehouse.run(`insert into raw.events values (3, 'c')`);
    const secondRun = await project.run('build');
    const second = byName(secondRun);
    expect(second['app']!.message).toBe('INSERT 1');
    expect(second['unique_app_id']).toEqual({ status: 'pass', message: 'PASS on new rows', failures: 0 });
    expect(second['not_null_app_v']).toEqual({ status: 'pass', message: 'PASS on new rows', failures: 0 });
    expect(second['accepted_values_app_v__a__b__c__d']!.message).toBe('PASS');
    // The compiled test names the new rows' table, with the `where` filter on top.
    expect(compiledSql(secondRun, 'not_null_app_v')).toContain('(select * from "main"."app__dbt_tmp" where id > 0) dbt_subquery');
    // The new rows are dropped once the build is over.
    expect(await leftovers(project)).toEqual([]);

    // `mercator test` builds nothing: the same test reads the whole table and finds the old duplicate.
    const tested = byName(await project.run('test'));
    expect(tested['unique_app_id']).toMatchObject({ status: 'fail', failures: 1 });
    expect(tested['unique_app_id']!.message).toBe('Got 1 result, configured to fail if != 0');
  });

  it('fail on a bad new row and on a new row repeating an older key, and say so; the model stays built', async () => {
    project = await create();
    await project.run('build');
    // `hist` appends 4 and 1 again (values 'd' and 'e' are above its maximum): id 1 repeats an older row.
    await project.warehouse.run(`insert into raw.events values (3, null), (4, 'd'), (1, 'e')`);
    const r = await project.run('build');
    const results = byName(r);
    expect(results['app']!.status).toBe('success');
    expect(results['not_null_app_v']).toEqual({ status: 'fail', message: 'Got 1 result in the new rows, configured to fail if != 0', failures: 1 });
    // A `unique` test checks the new rows' values against the whole table, so the repeat fails it.
    expect(results['unique_hist_id']).toEqual({ status: 'fail', message: 'Got 1 result in the new rows, configured to fail if != 0', failures: 1 });
    expect(compiledSql(r, 'unique_hist_id')).toContain('(select * from "main"."hist" where id in (select id from "main"."hist__dbt_tmp")) dbt_new_records');
    expect(r.success).toBe(false);
    expect(await project.rows('select count(*) as n from main.app')).toEqual([{ n: 4 }]);
    expect(await leftovers(project)).toEqual([]);
  });

  it('apply from dbt_project.yml to merged models; a full refresh reads the whole table again', async () => {
    project = await create({ 'dbt_project.yml': `name: shop\nprofile: shop\nconfig-version: 2\ndata_tests:\n  shop:\n    +new_records_only: true\n` });
    await project.run('build');
    await project.warehouse.run(`insert into raw.events values (3, 'c')`);
    // The merge re-reads id 2 (>= the maximum) and adds id 3: both are the model's new rows.
    const mergedRun = await project.run('build');
    const merged = byName(mergedRun);
    expect(merged['mrg']!.message).toBe('INSERT 2');
    expect(merged['unique_mrg_id']).toEqual({ status: 'pass', message: 'PASS on new rows', failures: 0 });
    expect(compiledSql(mergedRun, 'unique_mrg_id')).toContain('"main"."mrg__dbt_tmp"');
    expect(await project.rows('select id, v from main.mrg order by id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
      { id: 3, v: 'c' },
    ]);

    const refreshedRun = await project.run('build', { fullRefresh: true });
    expect(byName(refreshedRun)['unique_mrg_id']!.message).toBe('PASS');
    expect(compiledSql(refreshedRun, 'unique_mrg_id')).toContain('from "main"."mrg"\n');
    // `run` selects no tests, so it keeps no new rows.
    await project.warehouse.run(`insert into raw.events values (4, 'd')`);
    await project.run('run');
    expect(await leftovers(project)).toEqual([]);
  });

  it('on a database file, stage the new rows in the unstored in-memory catalog, which every connection reads', async () => {
    project = await create({}, { file: true });
    await project.run('build');
    await project.warehouse.run(`insert into raw.events values (3, 'c')`);
    const r = await project.run('build');
    // The merge runs in a transaction on its own connection and reads the staged rows from there.
    expect(byName(r)['mrg']!.message).toBe('INSERT 2');
    expect(byName(r)['unique_app_id']!.message).toBe('PASS on new rows');
    expect(compiledSql(r, 'unique_app_id')).toContain('"memory"."main"."app__dbt_tmp"');
    expect(await project.rows('select id from main.mrg order by id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(await project.rows(`select database_name, table_name from duckdb_tables() where table_name like '%__dbt_tmp'`)).toEqual([]);
  });

  it('reject a value other than true or false, naming the test, its file and the fix', async () => {
    project = await create({ 'dbt_project.yml': `name: shop\nprofile: shop\nconfig-version: 2\ndata_tests:\n  shop:\n    +new_records_only: 'yes'\n` });
    await expect(project.run('build')).rejects.toMatchObject({
      code: 'TRANSFORM_CONFIG_INVALID',
      message: expect.stringMatching(/^test\.shop\.\w+.* \(models\/schema\.yml\): config `new_records_only` must be true or false, not "yes"\.$/),
      hint: expect.stringContaining('dbt_project.yml'),
    });
  });
});
