import { afterEach, describe, expect, it } from 'vitest';
import { isMercatorError } from '../../src/errors/index.js';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

describe('models', () => {
  it('builds views and tables in dependency order with ref, config and an ephemeral chain inlined as CTEs', async () => {
    project = await TestProject.create({
      'models/base_numbers.sql': `select 1 as n union all select 2 union all select 3`,
      'models/eph_a.sql': `{{ config(materialized='ephemeral') }}\nselect n, n * 10 as tens from {{ ref('base_numbers') }}`,
      'models/eph_b.sql': `{{ config(materialized='ephemeral') }}\nwith x as (select * from {{ ref('eph_a') }}) select n, tens + 1 as tens_plus from x`,
      'models/final_table.sql': `{{ config(materialized='table') }}\nselect * from {{ ref('eph_b') }} where n > 1`,
    });
    const result = await project.run('run');
    expect(TestProject.statuses(result)).toEqual({ base_numbers: 'success', eph_a: 'success', eph_b: 'success', final_table: 'success' });
    expect(await project.rows('select * from main.final_table order by n')).toEqual([
      { n: 2, tens_plus: 21 },
      { n: 3, tens_plus: 31 },
    ]);
    const kinds = await project.rows(`select table_name, table_type from information_schema.tables where table_schema = 'main' order by 1`);
    expect(kinds).toEqual([
      { table_name: 'base_numbers', table_type: 'VIEW' },
      { table_name: 'final_table', table_type: 'BASE TABLE' },
    ]);
  });

  it('applies folder configs from dbt_project.yml, custom schemas via generate_schema_name, aliases, tags and enabled', async () => {
    project = await TestProject.create({
      'dbt_project.yml': `name: shop\nprofile: shop\nvars:\n  min_n: 2\nmodels:\n  shop:\n    +materialized: table\n    staging:\n      +schema: staging\n      +tags: [nightly]\n    disabled_folder:\n      +enabled: "{{ target.name != 'dev' }}"\n`,
      'models/staging/stg_a.sql': `select 1 as id union all select 2 union all select 3`,
      'models/marts/b.sql': `{{ config(alias='b_alias') }}\nselect * from {{ ref('stg_a') }} where id >= {{ var('min_n') }}`,
      'models/disabled_folder/off.sql': `select * from {{ ref('does_not_exist_but_disabled') }}`,
    });
    const result = await project.run('run');
    expect(TestProject.statuses(result)).toEqual({ stg_a: 'success', b: 'success' });
    expect(await project.rows('select id from main_staging.stg_a order by 1')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(await project.rows('select id from main.b_alias order by 1')).toEqual([{ id: 2 }, { id: 3 }]);
    expect(result.project.manifest.nodes.get('model.shop.stg_a')!.tags).toEqual(['nightly']);
    const selected = await project.run('ls', { select: ['tag:nightly'] });
    expect(selected.selected).toEqual(['model.shop.stg_a']);
  });

  it('honours a generate_schema_name override, --vars, env_var, hooks and on-run-start', async () => {
    project = await TestProject.create({
      'dbt_project.yml': `name: shop\nprofile: shop\non-run-start: "create table if not exists main.audit (msg varchar)"\nmodels:\n  shop:\n    +schema: marts\n`,
      'macros/generate_schema_name.sql': `{% macro generate_schema_name(custom_schema_name, node) -%}{{ custom_schema_name | trim if custom_schema_name else target.schema }}{%- endmacro %}`,
      'models/m.sql': `{{ config(materialized='table', post_hook="insert into main.audit values ('built {{ this.name }}')") }}\nselect '{{ var("greeting", "hi") }}' as greeting, '{{ env_var("SHOP_REGION", "eu") }}' as region`,
    });
    await project.run('run', { vars: '{greeting: hello}', env: { SHOP_REGION: 'us' } });
    expect(await project.rows('select * from marts.m')).toEqual([{ greeting: 'hello', region: 'us' }]);
    expect(await project.rows('select * from main.audit')).toEqual([{ msg: 'built m' }]);
  });

  it('dispatches adapter macros (duckdb__ before default__) across a local package', async () => {
    project = await TestProject.create({
      'packages.yml': `packages:\n  - local: pkgs/util\n`,
      'pkgs/util/dbt_project.yml': `name: util\n`,
      'pkgs/util/macros/money.sql': `{% macro cents_to_dollars(col) %}{{ return(adapter.dispatch('cents_to_dollars', 'util')(col)) }}{% endmacro %}\n{% macro default__cents_to_dollars(col) %}({{ col }} / 100){% endmacro %}\n{% macro duckdb__cents_to_dollars(col) %}round({{ col }} / 100.0, 2){% endmacro %}`,
      'models/amounts.sql': `{{ config(materialized='table') }}\nselect {{ util.cents_to_dollars('1999') }} as a, {{ cents_to_dollars('250') }} as b`,
    });
    await project.run('run');
    expect(await project.rows('select * from main.amounts')).toEqual([{ a: 19.99, b: 2.5 }]);
  });

  it('lets package macros check relations as mappings, call private helpers and dispatch with packages=', async () => {
    project = await TestProject.create({
      'dbt_packages/helpers/dbt_project.yml': `name: helpers\n`,
      'dbt_packages/helpers/macros/cols.sql': `{% macro _namespaces() %}{{ return(['helpers']) }}{% endmacro %}
{% macro _check(rel) %}{% if not (rel is mapping and rel.get('metadata', {}).get('type', '').endswith('Relation')) %}{{ exceptions.raise_compiler_error('not a relation') }}{% endif %}{% endmacro %}
{% macro column_list(rel, skip=[]) %}{{ return(adapter.dispatch('column_list', packages=helpers._namespaces())(rel, skip)) }}{% endmacro %}
{% macro default__column_list(rel, skip) %}{% do helpers._check(rel) %}{% if not execute %}{{ return('') }}{% endif %}{% for c in adapter.get_columns_in_relation(rel) if c.column not in skip %}{{ adapter.quote(c.column) }}{{ ', ' if not loop.last }}{% endfor %}{% endmacro %}`,
      'models/base.sql': `{{ config(materialized='table') }}\nselect 1 as id, 'a' as name, 'x' as secret`,
      'models/public.sql': `{{ config(materialized='table') }}\nselect {{ helpers.column_list(ref('base'), skip=['secret']) }} from {{ ref('base') }}`,
    });
    await project.run('run');
    expect(await project.rows('select * from main.public')).toEqual([{ id: 1, name: 'a' }]);
  });

  it('reports a missing ref with the closest names and a Jinja error with file and line', async () => {
    project = await TestProject.create({
      'models/stg_orders.sql': `select 1 as id`,
      'models/fct.sql': `select * from {{ ref('stg_order') }}`,
    });
    const err = await project.run('run').catch((e: unknown) => e);
    expect(isMercatorError(err, 'TRANSFORM_REF_NOT_FOUND')).toBe(true);
    expect((err as Error & { hint: string }).hint).toContain("ref('stg_orders')");
    project.write({ 'models/fct.sql': `select 1\n\n{{ ref('stg_orders') ) }}` });
    const err2 = await project.run('run').catch((e: unknown) => e);
    expect(isMercatorError(err2, 'TRANSFORM_JINJA_ERROR')).toBe(true);
    expect((err2 as Error).message).toMatch(/models\/fct\.sql:3/);
  });

  it('runs run_query results into the compiled SQL and raises compiler errors from templates', async () => {
    project = await TestProject.create({
      'models/colors.sql': `{{ config(materialized='table') }}\nselect 'red' as c union all select 'blue'`,
      'models/pivot.sql': `{% set rows = run_query("select c from " ~ ref('colors') ~ " order by c") %}\n{% if execute %}{% set colors = rows.columns[0].values() %}{% else %}{% set colors = [] %}{% endif %}\nselect {% for c in colors %}'{{ c }}' as {{ c }}{% if not loop.last %}, {% endif %}{% endfor %}`,
    });
    await project.run('run');
    expect(await project.rows('select * from main.pivot')).toEqual([{ blue: 'blue', red: 'red' }]);
    project.write({ 'models/boom.sql': `{% if execute %}{{ exceptions.raise_compiler_error("no boom allowed") }}{% endif %}select 1 as x` });
    const result = await project.run('run', { select: ['boom'] });
    expect(result.results[0]!.status).toBe('error');
    expect(result.results[0]!.message).toContain('no boom allowed');
    // dbt's exceptions.raise_not_implemented: a macro with no implementation for this adapter fails the node by name.
    project.write({ 'models/later.sql': `{% if execute %}{{ exceptions.raise_not_implemented("pivot for this adapter") }}{% endif %}select 1 as x` });
    const later = await project.run('run', { select: ['later'] });
    expect(later.results[0]!.status).toBe('error');
    expect(later.results[0]!.message).toContain('not implemented: pivot for this adapter');
  });

  it('ignores model versions and Python models with a warning', async () => {
    project = await TestProject.create({
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select * from {{ ref('a', v=2) }}",
      'models/py_model.py': 'def model(dbt, session):\n    return None\n',
    });
    const result = await project.run('run');
    expect(TestProject.statuses(result)).toEqual({ a: 'success', b: 'success' });
    const warnings = result.project.manifest.warnings.join('\n');
    expect(warnings).toMatch(/ref\('a', v=2\).*not supported/);
    expect(warnings).toMatch(/py_model\.py: Python models are not supported/);
  });

  it('rejects a misspelt dbt_project.yml key with file, line and the closest key', async () => {
    project = await TestProject.create({ 'dbt_project.yml': 'name: shop\nprofile: shop\nmodel-path: [models]\n', 'models/a.sql': 'select 1' });
    const err = (await project.run('parse').catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message).toMatch(/dbt_project\.yml:3: model-path: unknown key `model-path` — did you mean `model-paths`\?/);
  });
});
