import { afterEach, describe, expect, it } from 'vitest';
import { TestProject } from './support/test-project.js';

let project: TestProject | undefined;
afterEach(async () => {
  await project?.close();
  project = undefined;
});

const FILES = {
  'seeds/raw_orders.csv': `id,customer_id,amount,status\n1,1,10,paid\n2,1,5,refunded\n3,2,7,paid\n`,
  'models/customer_totals.sql': `{{ config(materialized='incremental') }}\nselect customer_id, sum(amount) * {{ var('factor', 1) }} as total, count(*) as n\nfrom {{ ref('raw_orders') }}\nwhere status = 'paid'{% if is_incremental() %} and customer_id > 1{% endif %}\ngroup by customer_id`,
  'models/after.sql': `select * from {{ ref('customer_totals') }}`,
};

describe('unit tests', () => {
  it('checks a model against given rows (dict and csv), with var and is_incremental overrides; in build they run before the model', async () => {
    project = await TestProject.create({
      ...FILES,
      'models/unit.yml': `unit_tests:
  - name: sums_paid_orders
    model: customer_totals
    given:
      - input: ref('raw_orders')
        rows:
          - {id: 1, customer_id: 1, amount: 3, status: paid}
          - {id: 2, customer_id: 1, amount: 4, status: paid}
          - {id: 3, customer_id: 2, amount: 9, status: refunded}
    expect:
      rows:
        - {customer_id: 1, total: 7}
  - name: csv_with_overrides
    model: customer_totals
    overrides:
      vars: {factor: 10}
      macros: {is_incremental: true}
    given:
      - input: ref('raw_orders')
        format: csv
        rows: |
          id,customer_id,amount,status
          1,1,3,paid
          2,2,4,paid
    expect:
      format: csv
      rows: |
        customer_id,total,n
        2,40,1
  - name: sql_format
    model: customer_totals
    given:
      - input: ref('raw_orders')
        format: sql
        rows: select 1 as id, 5 as customer_id, 2 as amount, 'paid' as status union all select 2, 5, 3, 'paid'
    expect:
      format: sql
      rows: select 5 as customer_id, 5 as total, 2 as n
`,
    });
    const result = await project.run('build');
    const statuses = TestProject.statuses(result);
    expect(statuses).toMatchObject({ sums_paid_orders: 'pass', csv_with_overrides: 'pass', sql_format: 'pass', customer_totals: 'success', after: 'success' });
    const order = result.results.map((r) => r.uniqueId);
    expect(order.indexOf('unit_test.shop.customer_totals.sums_paid_orders')).toBeLessThan(order.indexOf('model.shop.customer_totals'));
  });

  it('a failing unit test fails with a diff and skips the model and its children in build', async () => {
    project = await TestProject.create({
      ...FILES,
      'models/unit.yml': `unit_tests:\n  - name: wrong\n    model: customer_totals\n    given:\n      - input: ref('raw_orders')\n        rows: [{customer_id: 1, amount: 3, status: paid}]\n    expect:\n      rows: [{customer_id: 1, total: 4}]\n`,
    });
    const result = await project.run('build');
    expect(TestProject.statuses(result)).toMatchObject({ raw_orders: 'success', wrong: 'fail', customer_totals: 'skipped', after: 'skipped' });
    expect(result.results.find((r) => r.status === 'fail')!.message).toMatch(/expected: \[1,"4"\]\s+actual: +\[1,"3"\]/);
    const tests = await project.run('test', { select: ['test_type:unit'] });
    expect(TestProject.statuses(tests)).toEqual({ wrong: 'fail' });
  });
});
