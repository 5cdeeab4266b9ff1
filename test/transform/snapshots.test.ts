import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const SOURCES = `sources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: customers\n`;

async function setRaw(p: TestProject, rows: string): Promise<void> {
  await p.warehouse.run('create schema if not exists raw');
  await p.warehouse.run('create or replace table raw.customers (id integer, city varchar, updated_at timestamp)');
  if (rows) await p.warehouse.run(`insert into raw.customers values ${rows}`);
}

type Row = Record<string, unknown>;
const history = (p: TestProject, table: string, extra = ''): Promise<Row[]> =>
  p.rows(`select id, city, dbt_valid_to is null as is_current${extra} from snapshots.${table} order by id, dbt_valid_from, dbt_valid_to nulls last`);

describe('snapshots', () => {
  it('timestamp strategy (legacy block): three runs, reruns without changes add nothing, one current row per key', async () => {
    project = await TestProject.create({
      'models/sources.yml': SOURCES,
      'snapshots/customers_snapshot.sql': `{% snapshot customers_snapshot %}\n{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at') }}\nselect * from {{ source('raw', 'customers') }}\n{% endsnapshot %}`,
    });
    await setRaw(project, `(1, 'Lyon', '2024-01-01'), (2, 'Oslo', '2024-01-01')`);
    await project.run('snapshot');
    await setRaw(project, `(1, 'Paris', '2024-02-01'), (2, 'Oslo', '2024-01-01'), (3, 'Rome', '2024-02-01')`);
    await project.run('snapshot');
    await project.run('snapshot');
    await setRaw(project, `(1, 'Paris', '2024-02-01'), (2, 'Bergen', '2024-03-01'), (3, 'Rome', '2024-02-01')`);
    const third = await project.run('snapshot');
    expect(third.results[0]!.status).toBe('success');
    expect(await history(project, 'customers_snapshot')).toEqual([
      { id: 1, city: 'Lyon', is_current: false },
      { id: 1, city: 'Paris', is_current: true },
      { id: 2, city: 'Oslo', is_current: false },
      { id: 2, city: 'Bergen', is_current: true },
      { id: 3, city: 'Rome', is_current: true },
    ]);
    expect(await project.rows(`select cast(dbt_valid_to as varchar) as t from snapshots.customers_snapshot where id = 1 and city = 'Lyon'`)).toEqual([{ t: '2024-02-01 00:00:00' }]);
    expect(await project.rows(`select count(distinct dbt_scd_id) as n from snapshots.customers_snapshot`)).toEqual([{ n: 5 }]);
  });

  it('check strategy (YAML form) with hard_deletes invalidate and new_record', async () => {
    const yml = (name: string, mode: string): string =>
      `  - name: ${name}\n    relation: source('raw', 'customers')\n    config:\n      schema: snapshots\n      unique_key: id\n      strategy: check\n      check_cols: [city]\n      hard_deletes: ${mode}\n`;
    project = await TestProject.create({
      'models/sources.yml': SOURCES,
      'dbt_project.yml': `name: shop\nprofile: shop\nmodels: {}\n`,
      'macros/generate_schema_name.sql': `{% macro generate_schema_name(custom_schema_name, node) -%}{{ custom_schema_name or target.schema }}{%- endmacro %}`,
      'snapshots/snaps.yml': `snapshots:\n${yml('snap_ignore', 'ignore')}${yml('snap_invalidate', 'invalidate')}${yml('snap_new_record', 'new_record')}`,
    });
    await setRaw(project, `(1, 'Lyon', null), (2, 'Oslo', null)`);
    await project.run('snapshot');
    await setRaw(project, `(1, 'Paris', null)`);
    await project.run('snapshot');
    await project.run('snapshot');
    await setRaw(project, `(1, 'Paris', null), (2, 'Oslo', null)`);
    await project.run('snapshot');
    expect(await history(project, 'snap_ignore')).toEqual([
      { id: 1, city: 'Lyon', is_current: false },
      { id: 1, city: 'Paris', is_current: true },
      { id: 2, city: 'Oslo', is_current: true },
    ]);
    expect(await history(project, 'snap_invalidate')).toEqual([
      { id: 1, city: 'Lyon', is_current: false },
      { id: 1, city: 'Paris', is_current: true },
      { id: 2, city: 'Oslo', is_current: false },
      { id: 2, city: 'Oslo', is_current: true },
    ]);
    expect(await history(project, 'snap_new_record', ', dbt_is_deleted')).toEqual([
      { id: 1, city: 'Lyon', is_current: false, dbt_is_deleted: 'False' },
      { id: 1, city: 'Paris', is_current: true, dbt_is_deleted: 'False' },
      { id: 2, city: 'Oslo', is_current: false, dbt_is_deleted: 'False' },
      { id: 2, city: 'Oslo', is_current: false, dbt_is_deleted: 'True' },
      { id: 2, city: 'Oslo', is_current: true, dbt_is_deleted: 'False' },
    ]);
  });

  it('dbt_valid_to_current marks current rows with a date instead of NULL and still keeps one current row per key', async () => {
    project = await TestProject.create({
      'models/sources.yml': SOURCES,
      'snapshots/snap.yml': `snapshots:\n  - name: snap_far\n    relation: source('raw', 'customers')\n    config:\n      schema: snapshots\n      unique_key: id\n      strategy: timestamp\n      updated_at: updated_at\n      dbt_valid_to_current: "cast('9999-12-31' as timestamp)"\n`,
      'macros/generate_schema_name.sql': `{% macro generate_schema_name(custom_schema_name, node) -%}{{ custom_schema_name or target.schema }}{%- endmacro %}`,
    });
    await setRaw(project, `(1, 'Lyon', '2024-01-01')`);
    await project.run('snapshot');
    await project.run('snapshot');
    await setRaw(project, `(1, 'Paris', '2024-02-01')`);
    await project.run('snapshot');
    expect(await project.rows(`select city, cast(dbt_valid_to as varchar) as valid_to from snapshots.snap_far order by dbt_valid_from`)).toEqual([
      { city: 'Lyon', valid_to: '2024-02-01 00:00:00' },
      { city: 'Paris', valid_to: '9999-12-31 00:00:00' },
    ]);
  });
});
