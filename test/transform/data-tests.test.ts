import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const SEEDS = {
  'seeds/customers.csv': `id,name\n1,ann\n2,bob\n`,
  'seeds/orders.csv': `id,customer_id,status,amount\n1,1,placed,10\n2,2,shipped,20\n3,9,lost,30\n3,1,placed,-5\n`,
};

describe('data tests', () => {
  it('runs generic tests in all three spellings, custom generic and singular tests, with severity, thresholds, where and store_failures', async () => {
    project = await TestProject.create({
      ...SEEDS,
      'macros/positive.sql': `{% test is_positive(model, column_name) %}select * from {{ model }} where {{ column_name }} <= 0{% endtest %}`,
      'tests/generic/even.sql': `{% test is_even(model, column_name) %}select * from {{ model }} where {{ column_name }} % 2 != 0{% endtest %}`,
      'tests/no_big_orders.sql': `select * from {{ ref('orders') }} where amount > 100`,
      'seeds/props.yml': `version: 2
seeds:
  - name: customers
    columns:
      - name: id
        tests: [unique, not_null]
  - name: orders
    columns:
      - name: id
        data_tests:
          - unique
          - unique:
              name: unique_orders_id_where
              config:
                where: "status != 'lost'"
      - name: status
        data_tests:
          - accepted_values:
              arguments:
                values: ['placed', 'shipped']
              config:
                severity: warn
      - name: customer_id
        tests:
          - relationships:
              to: ref('customers')
              field: id
              config:
                store_failures: true
          - accepted_values:
              values: [1, 2, 9]
              quote: false
      - name: amount
        tests:
          - is_positive:
              warn_if: ">= 1"
              error_if: ">= 2"
          - is_even
`,
    });
    await project.run('seed');
    const result = await project.run('test');
    expect(TestProject.statuses(result)).toEqual({
      unique_customers_id: 'pass',
      not_null_customers_id: 'pass',
      unique_orders_id: 'fail',
      unique_orders_id_where: 'pass',
      accepted_values_orders_status__placed__shipped: 'warn',
      relationships_orders_customer_id__id__ref_customers_: 'fail',
      accepted_values_orders_customer_id__False__1__2__9: 'pass',
      is_positive_orders_amount: 'warn',
      is_even_orders_amount: 'fail',
      no_big_orders: 'pass',
    });
    expect(result.summary).toMatchObject({ pass: 5, warn: 2, error: 3 });
    expect(await project.rows('select * from main_dbt_test__audit.relationships_orders_customer_id__id__ref_customers_')).toEqual([{ from_field: 9 }]);
  });

  it('build skips what is downstream of a failing error test, but not of a warning test', async () => {
    project = await TestProject.create({
      ...SEEDS,
      'models/after_orders.sql': `select * from {{ ref('orders') }}`,
      'models/after_after.sql': `select * from {{ ref('after_orders') }}`,
      'models/after_customers.sql': `select * from {{ ref('customers') }}`,
      'seeds/props.yml': `version: 2
seeds:
  - name: orders
    columns:
      - name: id
        tests: [unique]
  - name: customers
    columns:
      - name: name
        tests:
          - accepted_values:
              values: ['ann']
              severity: warn
`,
    });
    const result = await project.run('build');
    expect(TestProject.statuses(result)).toEqual({
      orders: 'success',
      customers: 'success',
      unique_orders_id: 'fail',
      accepted_values_customers_name__ann: 'warn',
      after_customers: 'success',
      after_orders: 'skipped',
      after_after: 'skipped',
    });
    expect(result.summary).toMatchObject({ pass: 3, warn: 1, error: 1, skip: 2 });
    expect(await project.rows('select count(*) as n from main.after_customers')).toEqual([{ n: 2 }]);
  });

  it('tests sources, and takes test configs from data_tests: in dbt_project.yml', async () => {
    project = await TestProject.create({
      'dbt_project.yml': `name: shop\nprofile: shop\ndata_tests:\n  shop:\n    +severity: warn\n    strict:\n      +severity: error\n`,
      'models/sources.yml': `version: 2\nsources:\n  - name: raw\n    schema: raw\n    tables:\n      - name: people\n        columns:\n          - name: id\n            data_tests: [not_null, unique]\n`,
      'models/strict/strict.yml': `version: 2\nmodels:\n  - name: people_copy\n    columns:\n      - name: id\n        data_tests: [not_null]\n`,
      'models/strict/people_copy.sql': `select * from {{ source('raw', 'people') }}`,
    });
    await project.warehouse.run('create schema raw');
    await project.warehouse.run('create table raw.people as select * from (values (1), (1), (null)) t(id)');
    const result = await project.run('build');
    expect(TestProject.statuses(result)).toEqual({
      source_not_null_raw_people_id: 'warn',
      source_unique_raw_people_id: 'warn',
      people_copy: 'success',
      not_null_people_copy_id: 'fail',
    });
    const sel = await project.run('ls', { select: ['source:raw.people'], resourceTypes: ['test'] });
    expect(sel.selected.map((id) => id.split('.')[2])).toEqual(['source_not_null_raw_people_id', 'source_unique_raw_people_id']);
  });
});
