import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const compiled = (p: TestProject, path: string): string => readFileSync(join(p.dir, 'target/compiled/shop', path), 'utf8');

describe('quoting', () => {
  it("renders ref, this and adapter.quote_as_configured without quotes on the parts dbt_project.yml's quoting: turns off", async () => {
    project = await TestProject.create({
      'dbt_project.yml': 'name: shop\nprofile: shop\nconfig-version: 2\nquoting:\n  identifier: false\n  schema: false\n',
      'models/base_numbers.sql': "{{ config(materialized='table') }}\nselect 1 as n union all select 2",
      'models/doubled.sql': "{{ config(materialized='table') }}\n-- {{ this }}\n-- {{ adapter.quote_as_configured('n2', 'identifier') }} {{ adapter.quote_as_configured('memory', 'database') }}\nselect n * 2 as n2 from {{ ref('base_numbers') }}",
    });
    const result = await project.run('run');
    expect(TestProject.statuses(result)).toEqual({ base_numbers: 'success', doubled: 'success' });
    const sql = compiled(project, 'models/doubled.sql');
    expect(sql).toContain('-- main.doubled\n-- n2 "memory"\n');
    expect(sql).toMatch(/from main\.base_numbers$/m);
    expect(await project.rows('select n2 from main.doubled order by n2')).toEqual([{ n2: 2 }, { n2: 4 }]);
  });

  it('quotes every part by default, and this.quote() changes the parts it names', async () => {
    project = await TestProject.create({
      'models/base_numbers.sql': 'select 1 as n',
      'models/copy.sql': "-- {{ this.quote(identifier=false) }}\nselect * from {{ ref('base_numbers') }}",
    });
    await project.run('run');
    const sql = compiled(project, 'models/copy.sql');
    expect(sql).toContain('-- "main".copy\n');
    expect(sql).toMatch(/from "main"\."base_numbers"$/m);
    expect(await project.rows('select n from main.copy')).toEqual([{ n: 1 }]);
  });

  it('reads quoting: of a source and of its tables over the project setting', async () => {
    project = await TestProject.create({
      'dbt_project.yml': 'name: shop\nprofile: shop\nconfig-version: 2\nquoting:\n  database: false\n',
      'seeds/raw_orders.csv': 'id,amount\n1,10\n2,20\n',
      'seeds/raw_refunds.csv': 'id,amount\n2,5\n',
      'models/sources.yml': [
        'version: 2',
        'sources:',
        '  - name: shop_raw',
        '    database: memory',
        '    schema: main',
        '    quoting: {identifier: false}',
        '    tables:',
        '      - name: orders',
        '        identifier: raw_orders',
        '      - name: refunds',
        '        identifier: raw_refunds',
        '        quoting: {identifier: true, schema: false}',
        '',
      ].join('\n'),
      'models/net.sql': "{{ config(materialized='table') }}\nselect o.id, o.amount - coalesce(r.amount, 0) as net\nfrom {{ source('shop_raw', 'orders') }} o\nleft join {{ source('shop_raw', 'refunds') }} r using (id)",
    });
    expect((await project.run('seed')).success).toBe(true);
    const result = await project.run('run');
    expect(result.results.filter((r) => r.status !== 'success').map((r) => r.message)).toEqual([]);
    const sql = compiled(project, 'models/net.sql');
    expect(sql).toMatch(/from memory\."main"\.raw_orders o$/m);
    expect(sql).toMatch(/left join memory\.main\."raw_refunds" r using/);
    expect(await project.rows('select id, net from main.net order by id')).toEqual([
      { id: 1, net: 10 },
      { id: 2, net: 15 },
    ]);
  });
});

describe('adapter.check_schema_exists', () => {
  it('answers from the warehouse: false before the schema is created, true after; with or without a database', async () => {
    const model = [
      "{{ config(materialized='table') }}",
      "select {{ 1 if adapter.check_schema_exists(target.database, 'extra') else 0 }} as in_target_db,",
      "  {{ 1 if adapter.check_schema_exists(none, 'EXTRA') else 0 }} as in_current_db,",
      "  {{ 1 if adapter.check_schema_exists(schema='main', database=none) else 0 }} as main_exists",
    ].join('\n');
    project = await TestProject.create({ 'models/probe.sql': model });
    await project.run('run');
    expect(await project.rows('select * from main.probe')).toEqual([{ in_target_db: 0, in_current_db: 0, main_exists: 1 }]);
    await project.warehouse.run('create schema extra');
    await project.run('run');
    expect(await project.rows('select * from main.probe')).toEqual([{ in_target_db: 1, in_current_db: 1, main_exists: 1 }]);
  });
});
