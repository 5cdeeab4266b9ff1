import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

describe('the dbt Jinja context', () => {
  it('answers introspection, statement blocks, logs, datetime and api.Relation while compiling', async () => {
    project = await TestProject.create({
      'models/wide.sql': `{{ config(materialized='table') }}\nselect 1 as id, 'a' as keep_me, 'b' as drop_me`,
      'models/narrow.sql': `{%- set cols = adapter.get_columns_in_relation(ref('wide')) -%}
{%- call statement('max_id', fetch_result=True) -%}select max(id) as m from {{ ref('wide') }}{%- endcall -%}
{%- set max_id = load_result('max_id')['data'][0][0] if execute else 0 -%}
{%- set rel = adapter.get_relation(database=none, schema='main', identifier='wide') -%}
{%- set missing = adapter.get_relation(database=none, schema='main', identifier='nope') -%}
{{ log('compiling narrow', info=True) }}
select
  {% for c in cols if c.name != 'drop_me' %}{{ c.name }}, {% endfor %}
  {{ max_id }} as max_id,
  '{{ rel.identifier if rel else "none" }}' as found,
  {{ 'true' if missing is none else 'false' }} as missing_is_none,
  '{{ api.Relation.create(schema='s', identifier='t') }}' as created,
  '{{ modules.datetime.datetime(2024, 1, 31).strftime('%Y/%m/%d') }}' as day,
  '{{ target.name }}/{{ target.schema }}/{{ target.type }}' as tgt,
  '{{ this.identifier }}' as me
from {{ ref('wide') }}`,
    });
    const result = await project.run('run');
    expect(TestProject.statuses(result)).toEqual({ wide: 'success', narrow: 'success' });
    expect(await project.rows('select * from main.narrow')).toEqual([
      { id: 1, keep_me: 'a', max_id: 1, found: 'wide', missing_is_none: true, created: '"s"."t"', day: '2024/01/31', tgt: 'dev/main/duckdb', me: 'narrow' },
    ]);
    expect(project.events.some((e) => e.message === 'compiling narrow')).toBe(true);
  });

  it('gives macros config.get, var defaults, return values and dbt builtins such as dbt.type_string', async () => {
    project = await TestProject.create({
      'macros/helpers.sql': `{% macro double(x) %}{{ return(x * 2) }}{% endmacro %}
{% macro mat() %}{{ return(config.get('materialized', 'none')) }}{% endmacro %}`,
      'models/m.sql': `{{ config(materialized='table', meta={'owner': 'ops'}) }}\nselect {{ double(21) }} as answer, '{{ mat() }}' as mat, cast(1 as {{ dbt.type_string() }}) as s, '{{ var("missing", "dflt") }}' as v, {{ dbt.current_timestamp() }} is not null as ts`,
    });
    await project.run('run');
    expect(await project.rows('select * from main.m')).toEqual([{ answer: 42, mat: 'table', s: '1', v: 'dflt', ts: true }]);
    expect(project.events.length).toBeGreaterThan(0);
  });
});

describe('graph and selected_resources', () => {
  it('expose the manifest nodes and sources as dbt dicts and the selected ids while executing, and are empty while parsing', async () => {
    project = await TestProject.create({
      'models/sources.yml': 'version: 2\nsources:\n  - name: raw\n    schema: main\n    tables:\n      - name: orders\n',
      'models/a.sql': "{{ config(materialized='table', tags=['nightly']) }}\nselect 1 as id",
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/report.sql': `{%- set models = [] -%}
{%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') | sort(attribute='name') -%}
  {%- do models.append(node.name ~ ':' ~ node.config.materialized ~ ':' ~ (node.tags | join('+'))) -%}
{%- endfor -%}
{%- set src = graph.sources.values() | selectattr('name', 'equalto', 'orders') | first if execute else none -%}
select
  '{{ models | join(",") }}' as models,
  '{{ src.source_name ~ "." ~ src.schema if src else "none" }}' as src,
  '{{ selected_resources | sort | join(",") }}' as selected,
  {{ graph.nodes | length }} as n_nodes`,
    });
    await project.run('run', { select: ['report', 'a'] });
    expect(await project.rows('select * from main.report')).toEqual([
      { models: 'a:table:nightly,b:view:,report:view:', src: 'raw.main', selected: 'model.shop.a,model.shop.report', n_nodes: 3 },
    ]);
  });

  it('sees an empty graph at parse time', async () => {
    project = await TestProject.create({
      'models/a.sql': "select 1 as id",
      'models/b.sql': "{% if not execute %}{% do log('parse-time nodes: ' ~ (graph.nodes | length) ~ ' selected: ' ~ (selected_resources | length), info=True) %}{% endif %}select * from {{ ref('a') }}",
    });
    await project.run('parse');
    expect(project.events.some((e) => e.message === 'parse-time nodes: 0 selected: 0')).toBe(true);
  });
});

describe('dbt context helpers', () => {
  it('parses and writes YAML, hashes with md5 and quotes as configured', async () => {
    project = await TestProject.create({
      'models/helpers.sql': `{% set cfg = fromyaml('a: 1\\nb: [x, y]') %}
select {{ cfg['a'] }} as a, '{{ cfg['b'] | join('|') }}' as b, '{{ local_md5('mercator') }}' as h,
  '{{ toyaml({'k': 'v'}) | trim }}' as y, 1 as {{ adapter.quote_as_configured('Mixed Case', 'identifier') }}`,
    });
    const result = await project.run('run');
    expect(result.results.map((r) => r.status)).toEqual(['success']);
    expect(await project.rows('select a, b, h, y, "Mixed Case" as q from main.helpers')).toEqual([
      { a: 1, b: 'x|y', h: 'fbf5d75c76f961b895c89ed41b5b43dc', y: 'k: v', q: 1 },
    ]);
  });
});
