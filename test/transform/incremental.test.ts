import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const SOURCES = `sources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: events\n`;

async function withRaw(files: Record<string, string>, rows: string): Promise<TestProject> {
  const p = await TestProject.create({ 'models/sources.yml': SOURCES, ...files });
  await p.warehouse.run('create schema if not exists raw');
  await setRaw(p, rows);
  return p;
}

async function setRaw(p: TestProject, rows: string, columns = 'id integer, v varchar'): Promise<void> {
  await p.warehouse.run(`create or replace table raw.events (${columns})`);
  await p.warehouse.run(`insert into raw.events values ${rows}`);
}

describe('incremental models', () => {
  it('merge updates matching keys NULL-safely, inserts new ones, and only updates merge_update_columns', async () => {
    project = await withRaw(
      {
        'models/inc.sql': `{{ config(materialized='incremental', incremental_strategy='merge', unique_key='id', merge_update_columns=['v']) }}\nselect id, v, '{{ var("batch") }}' as batch from {{ source('raw', 'events') }}`,
      },
      `(1, 'a'), (null, 'n1')`,
    );
    await project.run('run', { vars: { batch: 'first' } });
    await setRaw(project, `(1, 'b'), (null, 'n2'), (2, 'c')`);
    const second = await project.run('run', { vars: { batch: 'second' } });
    expect(second.results[0]!.status).toBe('success');
    expect(await project.rows('select id, v, batch from main.inc order by id nulls last')).toEqual([
      { id: 1, v: 'b', batch: 'first' },
      { id: 2, v: 'c', batch: 'second' },
      { id: null, v: 'n2', batch: 'first' },
    ]);
  });

  it('a merge rewriting whole rows gives the MERGE result: NULL keys, duplicate new keys, a column only the table has', async () => {
    // DuckDB runs a merge that overwrites every column as delete + insert; each case below must still match MERGE INTO.
    project = await withRaw(
      {
        'models/full.sql': `{{ config(materialized='incremental', incremental_strategy='merge', unique_key='id') }}\nselect id, v from {{ source('raw', 'events') }}`,
        'models/extra.sql': `{{ config(materialized='incremental', incremental_strategy='merge', unique_key='id', on_schema_change='ignore') }}\nselect id, v{% if not is_incremental() %}, 'kept' as note{% endif %} from {{ source('raw', 'events') }}`,
      },
      `(1, 'a'), (null, 'n1'), (3, 'x')`,
    );
    await project.run('run');
    await setRaw(project, `(1, 'b'), (null, 'n2'), (2, 'c')`);
    await project.run('run');
    expect(await project.rows('select id, v from main.full order by id nulls last')).toEqual([
      { id: 1, v: 'b' },
      { id: 2, v: 'c' },
      { id: 3, v: 'x' },
      { id: null, v: 'n2' },
    ]);
    // The table's own column keeps its value on matched rows and is NULL on inserted ones, as MERGE leaves it.
    expect(await project.rows('select id, v, note from main.extra order by id nulls last')).toEqual([
      { id: 1, v: 'b', note: 'kept' },
      { id: 2, v: 'c', note: null },
      { id: 3, v: 'x', note: 'kept' },
      { id: null, v: 'n2', note: 'kept' },
    ]);
    // Two new rows for one key: MERGE keeps one row per key, so the rewrite must not insert both.
    await setRaw(project, `(1, 'd'), (1, 'e')`);
    await project.run('run');
    const ones = await project.rows('select v from main.full where id = 1');
    expect(ones).toHaveLength(1);
    expect(['d', 'e']).toContain(ones[0]!.v);
  });

  it('delete+insert replaces rows by a composite key within incremental_predicates; append only adds', async () => {
    project = await withRaw(
      {
        'models/di.sql': `{{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key=['id', 'v'], incremental_predicates=["DBT_INTERNAL_DEST.id > 1"]) }}\nselect id, v, count(*) over () as n from {{ source('raw', 'events') }}`,
        'models/app.sql': `{{ config(materialized='incremental') }}\nselect id, v from {{ source('raw', 'events') }}{% if is_incremental() %} where id > (select max(id) from {{ this }}){% endif %}`,
      },
      `(1, 'a'), (2, 'b')`,
    );
    await project.run('run');
    await setRaw(project, `(1, 'a'), (2, 'b'), (3, 'c')`);
    await project.run('run');
    // (1,'a') is outside the predicate, so the old row stays and the new copy is added; (2,'b') is replaced.
    expect(await project.rows('select id, v, n from main.di order by id, n')).toEqual([
      { id: 1, v: 'a', n: 2 },
      { id: 1, v: 'a', n: 3 },
      { id: 2, v: 'b', n: 3 },
      { id: 3, v: 'c', n: 3 },
    ]);
    expect(await project.rows('select id, v from main.app order by id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
      { id: 3, v: 'c' },
    ]);
  });

  it('append reads the new rows straight into the table: counts them, honours on_schema_change, takes a trailing comment', async () => {
    project = await withRaw(
      {
        // A CTE, a trailing line comment and a semicolon: the query is wrapped as a subquery for the insert.
        'models/grow.sql': `{{ config(materialized='incremental', on_schema_change='append_new_columns') }}\nwith e as (select * from {{ source('raw', 'events') }})\nselect id, v{% if is_incremental() %}, upper(v) as loud{% endif %} from e\n{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}\n-- new rows only;\n;`,
        'models/strict.sql': `{{ config(materialized='incremental', on_schema_change='fail') }}\nselect id{% if is_incremental() %}, v{% endif %} from {{ source('raw', 'events') }}`,
      },
      `(1, 'a'), (2, 'b')`,
    );
    await project.run('run');
    await setRaw(project, `(1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')`);
    const second = await project.run('run');
    const grow = second.results.find((r) => r.uniqueId.endsWith('.grow'));
    expect(grow).toMatchObject({ status: 'success', message: 'INSERT 2' });
    expect(await project.rows('select id, v, loud from main.grow order by id')).toEqual([
      { id: 1, v: 'a', loud: null },
      { id: 2, v: 'b', loud: null },
      { id: 3, v: 'c', loud: 'C' },
      { id: 4, v: 'd', loud: 'D' },
    ]);
    // fail: the new column is refused before anything is written.
    expect(second.results.find((r) => r.uniqueId.endsWith('.strict'))).toMatchObject({ status: 'error' });
    expect(await project.rows('select count(*) as n from main.strict')).toEqual([{ n: 2 }]);
  });

  it('--full-refresh rebuilds, unless the model sets full_refresh: false', async () => {
    project = await withRaw(
      {
        'models/a.sql': `{{ config(materialized='incremental') }}\nselect * from {{ source('raw', 'events') }}`,
        'models/keep.sql': `{{ config(materialized='incremental', full_refresh=false) }}\nselect * from {{ source('raw', 'events') }}`,
      },
      `(1, 'a')`,
    );
    await project.run('run');
    await project.run('run');
    expect(await project.rows('select count(*) as n from main.a')).toEqual([{ n: 2 }]);
    await project.run('run', { fullRefresh: true });
    expect(await project.rows('select count(*) as n from main.a')).toEqual([{ n: 1 }]);
    expect(await project.rows('select count(*) as n from main.keep')).toEqual([{ n: 3 }]);
  });

  describe('on_schema_change with a new column', () => {
    const model = (mode: string, cols: string): string => `{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge', on_schema_change='${mode}') }}\nselect ${cols} from {{ source('raw', 'events') }}`;
    const evolve = async (mode: string, second = 'id, v, w'): Promise<TestProject> => {
      const p = await withRaw({ 'models/inc.sql': model(mode, 'id, v') }, `(1, 'a')`);
      await p.run('run');
      await setRaw(p, `(1, 'a2', 10), (2, 'b', 20)`, 'id integer, v varchar, w integer');
      p.write({ 'models/inc.sql': model(mode, second) });
      return p;
    };

    it('ignore keeps the old columns', async () => {
      project = await evolve('ignore');
      await project.run('run');
      expect(await project.rows('select * from main.inc order by id')).toEqual([
        { id: 1, v: 'a2' },
        { id: 2, v: 'b' },
      ]);
    });

    it('fail errors and leaves the table as it was', async () => {
      project = await evolve('fail');
      const result = await project.run('run');
      expect(result.results[0]!.status).toBe('error');
      expect(result.results[0]!.message).toMatch(/added w/);
      expect(await project.rows('select * from main.inc order by id')).toEqual([{ id: 1, v: 'a' }]);
    });

    it('append_new_columns adds the column (NULL for old rows until updated)', async () => {
      project = await evolve('append_new_columns');
      await project.run('run');
      expect(await project.rows('select * from main.inc order by id')).toEqual([
        { id: 1, v: 'a2', w: 10 },
        { id: 2, v: 'b', w: 20 },
      ]);
    });

    it('sync_all_columns adds new and drops removed columns', async () => {
      project = await evolve('sync_all_columns', 'id, w');
      await project.run('run');
      expect(await project.rows('select * from main.inc order by id')).toEqual([
        { id: 1, w: 10 },
        { id: 2, w: 20 },
      ]);
    });
  });
});
